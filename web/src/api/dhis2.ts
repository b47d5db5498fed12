// DHIS2 export (docs/INTEROP.md, /api/interop/dhis2/*): preview, downloads, pushes and their
// history, the code mappings and the server settings.
import { api, buildQuery } from './api';
import { get } from './get';
import type { components } from './schema.gen';

type S = components['schemas'];
export type Dhis2Preview = S['Dhis2Preview'];
export type Dhis2Export = S['Dhis2Export'];
export type Dhis2Mappings = S['Dhis2Mappings'];
export type Dhis2ElementMapping = S['Dhis2ElementMapping'];
export type Dhis2OrgUnitMapping = S['Dhis2OrgUnitMapping'];
export type Dhis2Settings = S['Dhis2Settings'];

export interface Dhis2Target {
  form: string;
  period: string;
  orgUnit: string;
}
export interface Dhis2ImportSummary {
  status: string;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: { object: string; value: string }[];
  description?: string;
}

export const dhis2Api = {
  preview: (t: Dhis2Target) => get<Dhis2Preview>('/api/interop/dhis2/preview', { ...t }),
  downloadUrl: (t: Dhis2Target, format: 'json' | 'adx') => `/api/interop/dhis2/dataValueSets${buildQuery({ ...t, format })}`,
  push: (t: Dhis2Target, dryRun: boolean) => api.post<Dhis2Export>('/api/interop/dhis2/exports', { ...t, dryRun }),
  history: () => get<S['Dhis2ExportList']>('/api/interop/dhis2/exports'),
  mappings: () => get<Dhis2Mappings>('/api/interop/dhis2/mappings'),
  saveElement: (id: number, body: Record<string, unknown>) =>
    api.put<Dhis2ElementMapping>(`/api/interop/dhis2/mappings/elements/${id}`, body),
  addOrgUnit: (body: Record<string, unknown>) => api.post<Dhis2OrgUnitMapping>('/api/interop/dhis2/mappings/org-units', body),
  deleteOrgUnit: (id: number, version: number) =>
    api.del<void>(`/api/interop/dhis2/mappings/org-units/${id}${buildQuery({ version })}`),
  settings: () => get<Dhis2Settings>('/api/interop/dhis2/settings'),
  saveSettings: (body: Record<string, unknown>) => api.put<Dhis2Settings>('/api/interop/dhis2/settings', body),
};
