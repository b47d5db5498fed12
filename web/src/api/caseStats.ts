// Statistics of people supported (docs/api-cases.md "Statistics"): counts of records consenting
// to statistics only; a suppressed cell (1..4, or one that would give one back) is null with its
// flag — shown "<5".
import { api } from './api';
import type { components } from './schema.gen';

export type CaseStatsRequest = components['schemas']['CaseStatsRequest'];
export type CaseStatsResponse = components['schemas']['CaseStatsResponse'];

export const caseStatsApi = {
  pivot: (body: CaseStatsRequest) => api.post<CaseStatsResponse>('/api/analytics/cases/pivot', body),
};

/** The text of a count as shown: "<5" when suppressed, else the number (vi grouping). */
export function shownCount(value: number | null, suppressed: boolean): string {
  if (suppressed) return '<5';
  return value === null ? '—' : value.toLocaleString('vi-VN');
}
