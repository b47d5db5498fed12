// Inspections of service businesses (docs/api-inspections.md, issue 17 §2–§6): the dated legal
// reference table, versioned checklists, inter-agency teams, yearly plans and the inspection
// record (biên bản). Types follow the contract; no worker identity exists anywhere here —
// outreach is three counts.
import { api, buildQuery, upload, uploadChecked, type CheckedUpload } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type Id = string | number;

type S = components['schemas'];

export type ViolationTopic = S['ViolationTopic'];
export type LegalReference = S['LegalReference'];
export type ChecklistItem = S['ChecklistItem'];
export type ChecklistVersion = S['ChecklistVersion'];
export type Team = S['InspectionTeam'];
export type TeamMember = Team['members'][number];
export type TeamInput = S['InspectionTeamInput'];
export type Plan = S['InspectionPlan'];
export type PlanInput = S['InspectionPlanInput'];
export type PlanMode = Plan['mode'];
export type PlanStatus = Plan['status'];
export type PlanProgress = Plan['progress'];
export const PLAN_MODES: PlanMode[] = ['announced', 'unannounced', 'mixed'];
export const PLAN_STATUSES: PlanStatus[] = ['draft', 'active', 'closed'];

export type Inspection = S['Inspection'];
export type InspectionInput = S['InspectionInput'];
export type InspectionListItem = S['InspectionListItem'];
export type InspectionPage = S['InspectionPage'];
export type Violation = Inspection['violations'][number];
export type ViolationInput = NonNullable<InspectionInput['violations']>[number];
export type Measures = Inspection['measures'];
export type Outreach = Inspection['outreach'];
export type MemberPresent = Inspection['membersPresent'][number];
export type Signature = Inspection['signature'];
export type InspectionStatus = Inspection['status'];
export type CheckResult = NonNullable<NonNullable<Inspection['checklist']>['items'][number]['result']>;
export const SIGNATURES: Signature[] = ['pending', 'signed', 'refused'];

/** A list answer ({items}). */
export interface List<T> {
  items: T[];
}

/** The validate → commit answer of an all-or-nothing import (businesses, legal references). */
export type ImportResult = S['BusinessImportResult'] & { updated?: number };
export type ImportIssue = ImportResult['errors'][number];

export interface InspectionListQuery {
  year?: number;
  orgUnit?: string;
  planId?: number;
  businessId?: number;
  status?: string;
  overdue?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export type DocumentFormat = 'docx' | 'pdf';

/** An all-or-nothing import: 200 valid, 201 committed, 422 the errors per row (nothing written). */
function importFile(path: string, file: File, commit: boolean, onProgress?: (p: number) => void): Promise<CheckedUpload<ImportResult>> {
  return uploadChecked<ImportResult>(path, file, { query: { filename: file.name, commit: commit ? 'true' : undefined }, onProgress, accept: [422] });
}

export const inspectionApi = {
  topics: () => get<S['ViolationTopicList']>('/api/violation-topics'),
  legalReferences: (q: { topic?: string; on?: string }) => get<S['LegalReferenceList']>('/api/legal-references', q),
  resolve: (topic: string, on: string) => get<LegalReference>('/api/legal-references/resolve', { topic, on }),
  importLegalReferences: (file: File, commit: boolean, onProgress?: (p: number) => void) =>
    importFile('/api/legal-references/import', file, commit, onProgress),
  checklist: (type: string, on: string) => get<ChecklistVersion>('/api/checklists', { type, on }),

  teams: (orgUnit?: string) => get<S['InspectionTeamList']>('/api/inspection-teams', { orgUnit }),
  team: (id: Id) => get<Team>(`/api/inspection-teams/${seg(id)}`),
  createTeam: (body: TeamInput) => api.post<Team>('/api/inspection-teams', body),
  updateTeam: (id: Id, body: TeamInput) => api.put<Team>(`/api/inspection-teams/${seg(id)}`, body),

  plans: (q: { year?: number; orgUnit?: string; status?: string }) => get<S['InspectionPlanList']>('/api/inspection-plans', q),
  plan: (id: Id) => get<Plan>(`/api/inspection-plans/${seg(id)}`),
  createPlan: (body: PlanInput) => api.post<Plan>('/api/inspection-plans', body),
  updatePlan: (id: Id, body: PlanInput) => api.put<Plan>(`/api/inspection-plans/${seg(id)}`, body),
  setPlanStatus: (id: Id, version: number, status: PlanStatus) =>
    api.post<Plan>(`/api/inspection-plans/${seg(id)}/status`, { version, status }),

  list: (q: InspectionListQuery) => get<InspectionPage>('/api/inspections', { ...q, overdue: q.overdue ? 'true' : undefined }),
  due: () => get<List<InspectionListItem>>('/api/inspections/due'),
  one: (id: Id) => get<Inspection>(`/api/inspections/${seg(id)}`),
  create: (body: InspectionInput) => api.post<Inspection>('/api/inspections', body),
  update: (id: Id, body: InspectionInput) => api.put<Inspection>(`/api/inspections/${seg(id)}`, body),
  finalise: (id: Id, version: number) => api.post<Inspection>(`/api/inspections/${seg(id)}/finalise`, { version }),
  addEvidence: (id: Id, file: File, onProgress?: (p: number) => void) =>
    upload<unknown>(`/api/inspections/${seg(id)}/evidence`, file, { onProgress }),
  evidenceUrl: (id: Id, attachmentId: Id) => `/api/inspections/${seg(id)}/evidence/${seg(attachmentId)}`,
  documentUrl: (id: Id, format: DocumentFormat) => `/api/inspections/${seg(id)}/document${buildQuery({ format })}`,

  importBusinesses: (file: File, commit: boolean, onProgress?: (p: number) => void) =>
    importFile('/api/businesses/import', file, commit, onProgress),
};

/** Items of an answer that is either a bare array or a page ({items}). */
export function itemsOf<T>(x: T[] | List<T> | undefined | null): T[] {
  if (!x) return [];
  return Array.isArray(x) ? x : x.items ?? [];
}
