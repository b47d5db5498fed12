// Reads of periodic and ad-hoc reports and of indicators as GET descriptions (writes: reportApi,
// reportRequestApi, indicatorApi in api.ts).
import type { Query } from './api';
import { get, seg } from './get';
import type {
  ActingUnit,
  IndicatorResults,
  Items,
  Report,
  ReportCompilation,
  ReportForm,
  ReportPeriod,
  ReportReminderRaw,
  ReportRequest,
  Scorecard,
} from './types';

export interface CurrentReportQuery extends Query {
  form?: string;
  period?: string;
  orgUnit?: string;
  agency?: string;
  asOf?: string;
}

export const reportReads = {
  forms: () => get<Items<ReportForm>>('/api/report-forms'),
  form: (code: string) => get<ReportForm>(`/api/report-forms/${seg(code)}`),
  periods: (form: string, orgUnit: string | undefined, year?: number) =>
    get<Items<ReportPeriod>>('/api/report-periods', { form, orgUnit, year }),
  current: (q: CurrentReportQuery) => get<Report>('/api/reports/current', q),
  actingUnits: (form: string | undefined, period: string | undefined) =>
    get<Items<ActingUnit>>('/api/reports/acting-units', { form, period }),
  compile: (form: string | undefined, period: string | undefined, orgUnit: string | undefined) =>
    get<ReportCompilation>('/api/reports/compile', { form, period, orgUnit }),
  reminders: () => get<Items<ReportReminderRaw> | ReportReminderRaw[]>('/api/reports/reminders'),
  requests: () => get<Items<ReportRequest>>('/api/report-requests'),
  request: (id: string | number) => get<ReportRequest>(`/api/report-requests/${seg(id)}`),
};

export const indicatorReads = {
  results: (orgUnit: string | undefined, year: number) => get<IndicatorResults>('/api/indicators/results', { orgUnit, year }),
  scorecard: (orgUnit: string | undefined, year: number) => get<Scorecard>('/api/indicators/scorecard', { orgUnit, year }),
  /** The indicator definitions (names of the codes an audit entry of a target carries). */
  definitions: () => get<{ items: { code: string; name: string; nameEn: string }[] }>('/api/indicators'),
};
