// Inspections of service businesses (docs/api-inspections.md, issue 17 §2–§6): the dated legal
// reference table, versioned checklists, inter-agency teams, yearly plans and the inspection
// record (biên bản). Types follow the contract; no worker identity exists anywhere here —
// outreach is three counts.
import { api, buildQuery, upload, uploadChecked, type CheckedUpload } from './api';
import { get, seg } from './get';
import type { OrgUnitRef } from './types';

type Id = string | number;

export interface ViolationTopic {
  code: string;
  nameVi: string;
  nameEn: string;
  sortOrder: number;
  active: boolean;
}

export interface LegalReference {
  id: number;
  code: string;
  instrument: string;
  article: string;
  clause: string;
  point: string;
  topic: string;
  titleVi: string;
  titleEn: string;
  fineMin: number | null;
  fineMax: number | null;
  validFrom: string;
  validTo: string | null;
  sourceNote: string;
}

export interface ChecklistItem {
  id: number;
  itemKey: string;
  sortOrder: number;
  textVi: string;
  textEn: string;
  topic: string | null;
}

export interface ChecklistVersion {
  id: number;
  typeCode: string | null;
  version: number;
  validFrom: string;
  note: string;
  items: ChecklistItem[];
}

export interface Ref {
  id: number;
  name: string;
}

export interface TeamMember {
  id: number;
  fullName: string;
  position: string;
  agency: Ref | null;
  isLead: boolean;
  active: boolean;
}

export interface Team {
  id: number;
  orgUnit: OrgUnitRef;
  name: string;
  leadAgency: Ref | null;
  decisionRef: string;
  active: boolean;
  version: number;
  agencies: Ref[];
  members: TeamMember[];
}

export interface TeamInput {
  orgUnitCode: string;
  name: string;
  leadAgencyId?: number | null;
  decisionRef?: string;
  agencyIds: number[];
  members: { id?: number; fullName: string; position: string; agencyId?: number | null; isLead: boolean }[];
  version?: number;
  active?: boolean;
}

export type PlanMode = 'announced' | 'unannounced' | 'mixed';
export type PlanStatus = 'draft' | 'active' | 'closed';
export const PLAN_MODES: PlanMode[] = ['announced', 'unannounced', 'mixed'];
export const PLAN_STATUSES: PlanStatus[] = ['draft', 'active', 'closed'];

export interface PlanProgress {
  businessesInScope: number;
  businessesInspected: number;
  coveragePct: number | null;
  inspections: number;
  unannounced: number;
}

export interface Plan {
  id: number;
  team: Ref;
  orgUnit: OrgUnitRef;
  year: number;
  title: string;
  legalBasis: string;
  legalBasisDate: string | null;
  coverageTargetPct: number | null;
  unannouncedTarget: number | null;
  mode: PlanMode;
  status: PlanStatus;
  note: string;
  typeCodes: string[];
  businessIds: number[];
  version: number;
  progress: PlanProgress;
}

export interface PlanInput {
  teamId: number;
  year: number;
  title: string;
  legalBasis: string;
  legalBasisDate?: string | null;
  coverageTargetPct?: number | null;
  unannouncedTarget?: number | null;
  mode: PlanMode;
  note?: string;
  typeCodes: string[];
  businessIds: number[];
  version?: number;
}

export type CheckResult = 'pass' | 'fail' | 'na';
export type Signature = 'pending' | 'signed' | 'refused';
export type InspectionStatus = 'draft' | 'final';
export const SIGNATURES: Signature[] = ['pending', 'signed', 'refused'];

export interface Measures {
  suspension: boolean;
  suspensionDays: number | null;
  certWithdrawal: boolean;
  other: string;
}

export interface Outreach {
  informed: number;
  healthChecked: number;
  referred: number;
}

export interface MemberPresent {
  memberId: number | null;
  fullName: string;
  position: string;
  agencyName: string;
}

export interface Violation {
  id: number;
  topic: string;
  legalReference: LegalReference;
  description: string;
  fineAmount: number;
  sanctionDecision: string;
}

export interface Inspection {
  id: number;
  code: string;
  plan: { id: number; title: string } | null;
  team: Ref;
  business: { id: number; name: string; typeCode: string; address: string };
  commune: { orgUnit: OrgUnitRef | null; asOf: string };
  inspectedOn: string;
  startedAt: string;
  endedAt: string | null;
  unannounced: boolean;
  representativeName: string;
  representativeRole: string;
  membersPresent: MemberPresent[];
  checklist: {
    versionId: number;
    version: number;
    items: { itemId: number; itemKey: string; textVi: string; textEn: string; result: CheckResult; note: string }[];
  } | null;
  findings: string;
  violations: Violation[];
  fineTotal: number;
  measures: Measures;
  policeHandover: boolean;
  policeHandoverNote: string;
  signature: Signature;
  refusalReason: string;
  refusalWitness: string;
  reinspectionDue: string | null;
  reinspectionOf: number | null;
  reinspectionOverdue: boolean;
  outreach: Outreach;
  evidence: { id: number; filename: string; contentType: string; sizeBytes: number }[];
  status: InspectionStatus;
  finalisedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Advisory warnings the server may add (fine outside the range, a failed item without violation). */
  warnings?: { code?: string; field?: string; message: string; messageEn: string }[];
}

export interface ViolationInput {
  topic: string;
  legalReferenceId?: number | null;
  description: string;
  fineAmount: number;
  sanctionDecision?: string;
}

export interface InspectionInput {
  businessId: number;
  planId?: number | null;
  teamId: number;
  inspectedOn: string;
  startedAt: string;
  endedAt?: string | null;
  unannounced: boolean;
  representativeName: string;
  representativeRole: string;
  membersPresent: { memberId: number | null; fullName?: string; position?: string; agencyName?: string }[];
  checklist: { itemId: number; result: CheckResult; note: string }[];
  findings: string;
  violations: ViolationInput[];
  measures: Measures;
  policeHandover: boolean;
  policeHandoverNote: string;
  signature: Signature;
  refusalReason: string;
  refusalWitness: string;
  reinspectionDue: string | null;
  reinspectionOf?: number | null;
  outreach: Outreach;
  version?: number;
}

export interface InspectionListItem {
  id: number;
  code: string;
  business: { id: number; name: string; typeCode: string };
  commune: { orgUnit: OrgUnitRef | null; asOf?: string } | null;
  plan?: { id: number; title: string } | null;
  inspectedOn: string;
  unannounced: boolean;
  violations: number;
  fineTotal: number;
  status: InspectionStatus;
  reinspectionDue: string | null;
  reinspectionOverdue: boolean;
}

/** A list answer ({items}). */
export interface List<T> {
  items: T[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface ImportIssue {
  row: number;
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

/** The validate → commit answer of an all-or-nothing import (businesses, legal references). */
export interface ImportResult {
  rows: number;
  valid: number;
  errors: ImportIssue[];
  committed: boolean;
  created?: number;
  updated?: number;
}

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
  topics: () => get<List<ViolationTopic>>('/api/violation-topics'),
  legalReferences: (q: { topic?: string; on?: string }) => get<List<LegalReference>>('/api/legal-references', q),
  resolve: (topic: string, on: string) => get<LegalReference>('/api/legal-references/resolve', { topic, on }),
  importLegalReferences: (file: File, commit: boolean, onProgress?: (p: number) => void) =>
    importFile('/api/legal-references/import', file, commit, onProgress),
  checklist: (type: string, on: string) => get<ChecklistVersion>('/api/checklists', { type, on }),

  teams: (orgUnit?: string) => get<List<Team>>('/api/inspection-teams', { orgUnit }),
  team: (id: Id) => get<Team>(`/api/inspection-teams/${seg(id)}`),
  createTeam: (body: TeamInput) => api.post<Team>('/api/inspection-teams', body),
  updateTeam: (id: Id, body: TeamInput) => api.put<Team>(`/api/inspection-teams/${seg(id)}`, body),

  plans: (q: { year?: number; orgUnit?: string; status?: string }) => get<List<Plan>>('/api/inspection-plans', q),
  plan: (id: Id) => get<Plan>(`/api/inspection-plans/${seg(id)}`),
  createPlan: (body: PlanInput) => api.post<Plan>('/api/inspection-plans', body),
  updatePlan: (id: Id, body: PlanInput) => api.put<Plan>(`/api/inspection-plans/${seg(id)}`, body),
  setPlanStatus: (id: Id, version: number, status: PlanStatus) =>
    api.post<Plan>(`/api/inspection-plans/${seg(id)}/status`, { version, status }),

  list: (q: InspectionListQuery) => get<Paged<InspectionListItem>>('/api/inspections', { ...q, overdue: q.overdue ? 'true' : undefined }),
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
