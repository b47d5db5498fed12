// The person's rights over a support record (docs/api-cases.md "The person's rights"): the export
// of one person's data, anonymisation, the duplicate-search log.
import { api, downloadPost } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type Id = string | number;
type S = components['schemas'];

export type CaseRightsExport = S['CaseRightsExport'];
export type CaseRightsExportInput = S['CaseRightsExportInput'];
export type CaseSearchLog = S['CaseSearchLog'];

/** Anonymisation and correction reasons: 10–500 characters once trimmed (the server checks too). */
export const RIGHTS_REASON_MIN = 10;
export const RIGHTS_REASON_MAX = 500;

export const caseRightsApi = {
  exportJson: (id: Id, body: CaseRightsExportInput) => api.post<CaseRightsExport>(`/api/cases/${seg(id)}/rights-export`, body),
  exportXlsx: (id: Id, body: CaseRightsExportInput, code: string) =>
    downloadPost(`/api/cases/${seg(id)}/rights-export/xlsx`, body, `ho-so-${code}.xlsx`),
  anonymise: (id: Id, reason: string, version: number) =>
    api.post<S['Case']>(`/api/cases/${seg(id)}/anonymise`, { reason, version }),
  searchLog: () => get<CaseSearchLog>('/api/case-search-log'),
};

/** Saves a JSON value as a file (the JSON export). */
export function saveJson(value: unknown, name: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
