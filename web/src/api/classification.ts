// Commune classification (issue 18, docs/api-classification.md): criteria sets as dated data,
// the commune's self-assessment with evidence suggested from the registers, the province's check
// and approval, completeness of a year, and results carried through merges. The types are written
// from the contract (the server is the authority for every rule; the screen only previews).
import { api, buildQuery, upload } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type Id = string | number;
export type OrgUnitRef = components['schemas']['OrgUnitRef'];
export type Attachment = components['schemas']['Attachment'];
export interface UserRef {
  id: number;
  username?: string;
  fullName?: string;
}

export type CriterionKind = 'points' | 'pass_fail';
export type IfNoData = 'full' | 'pass' | 'zero' | 'fail' | 'none';

export interface EvidenceRule {
  metric: string;
  fullAt?: number | null;
  partialAt?: number | null;
  fullAtMost?: number | null;
  partialAtMost?: number | null;
  passAtMost?: number | null;
  passAtLeast?: number | null;
  ifNoData?: IfNoData;
}

export interface Section {
  key: string;
  titleVi: string;
  titleEn: string;
}

export interface Criterion {
  key: string;
  section: string;
  kind: CriterionKind;
  maxPoints?: number | null;
  partial?: boolean;
  textVi: string;
  textEn: string;
  evidence?: EvidenceRule | null;
}

export interface KOfN {
  criteria: string[];
  k: number;
}

export interface ClassRule {
  code: string;
  rank: number;
  healthy: boolean;
  labelVi: string;
  labelEn: string;
  minPoints?: number | null;
  mustPass?: string[];
  kOfN?: KOfN[];
}

export interface Definition {
  sections: Section[];
  criteria: Criterion[];
  classes: ClassRule[];
  mergeRule: 'lowest' | 'highest';
}

export type SetStatus = 'draft' | 'published';

export interface CriteriaSet {
  id: number;
  ownerUnit: OrgUnitRef | null;
  version: number;
  title: string;
  validFrom: string;
  validTo: string | null;
  status: SetStatus;
  isDefault: boolean;
  sourceNote: string;
  definition?: Definition;
  maxPoints: number;
  publishedAt: string | null;
  rowVersion?: number;
}

export interface SetInput {
  ownerUnitCode: string | null;
  title: string;
  validFrom: string;
  validTo: string | null;
  sourceNote: string;
  definition?: Definition;
  copyFrom?: number;
  rowVersion?: number;
}

export interface EvidenceSource {
  kind: string;
  id: number;
  code: string;
  title: string;
  date: string | null;
}

export interface EvidenceValue {
  metric: string;
  value: number | null;
  labelVi: string;
  labelEn: string;
  unitVi: string;
  unitEn: string;
  sources: EvidenceSource[];
  sourcesTotal: number;
}

export interface ClassRef {
  code: string;
  labelVi: string;
  labelEn: string;
  rank: number;
  healthy: boolean;
}

export type AssessmentStatus = 'draft' | 'submitted' | 'returned' | 'approved';
export const ASSESSMENT_STATUSES: AssessmentStatus[] = ['draft', 'submitted', 'returned', 'approved'];
export type CompletenessStatus = 'not_started' | AssessmentStatus;
export const COMPLETENESS_STATUSES: CompletenessStatus[] = ['not_started', ...ASSESSMENT_STATUSES];

export interface Item {
  id: number;
  criterionKey: string;
  section: string;
  kind: CriterionKind;
  maxPoints: number | null;
  partial: boolean;
  textVi: string;
  textEn: string;
  suggestedScore: number | null;
  evidence: EvidenceValue | null;
  selfScore: number | null;
  selfNote: string;
  overridden: boolean;
  checkScore: number | null;
  checkComment: string;
  attachments: Attachment[];
}

export interface Transition {
  action: string;
  fromStatus: AssessmentStatus | null;
  toStatus: AssessmentStatus;
  comment: string;
  user: UserRef;
  at: string;
}

export interface Assessment {
  id: number;
  year: number;
  commune: OrgUnitRef;
  province: OrgUnitRef;
  set: { id: number; title: string; version: number; ownerUnit: OrgUnitRef | null };
  status: AssessmentStatus;
  selfTotal: number;
  selfClass: ClassRef | null;
  checkTotal: number | null;
  checkClass: ClassRef | null;
  finalClass: ClassRef | null;
  maxPoints: number;
  summary: string;
  returnComment: string;
  decisionNumber: string;
  decisionDate: string | null;
  submittedAt: string | null;
  submittedBy: UserRef | null;
  approvedAt: string | null;
  approvedBy: UserRef | null;
  version: number;
  editable: boolean;
  checkable: boolean;
  items: Item[];
  transitions: Transition[];
}

export type AssessmentSummary = Pick<Assessment, 'id' | 'year' | 'status' | 'selfTotal' | 'checkTotal' | 'finalClass' | 'maxPoints'>;

export interface CompletenessRow {
  commune: OrgUnitRef;
  status: CompletenessStatus;
  assessmentId: number | null;
  finalClass: ClassRef | null;
}

export interface Completeness {
  province: OrgUnitRef;
  year: number;
  communes: CompletenessRow[];
  counts: { communes: number; notStarted: number; draft: number; submitted: number; returned: number; approved: number };
}

export interface HistoryYear {
  year: number;
  own: AssessmentSummary | null;
  predecessors: { unit: OrgUnitRef; partial: boolean; assessment: AssessmentSummary | null }[];
  derivedClass: ClassRef | null;
  derivedRule: 'lowest' | 'highest' | null;
}

export interface History {
  commune: OrgUnitRef;
  years: HistoryYear[];
}

export interface ItemSelfInput {
  criterionKey: string;
  selfScore: number | null;
  selfNote: string;
}

export interface ItemCheckInput {
  criterionKey: string;
  checkScore: number | null;
  checkComment: string;
}

export const classificationApi = {
  sets: (owner?: string) => get<{ items: CriteriaSet[] }>('/api/classification/sets', { owner }),
  set: (id: Id) => get<CriteriaSet>(`/api/classification/sets/${seg(id)}`),
  inForce: (commune: string, year: number) => get<CriteriaSet>('/api/classification/sets/in-force', { commune, year }),
  createSet: (body: SetInput) => api.post<CriteriaSet>('/api/classification/sets', body),
  updateSet: (id: Id, body: SetInput) => api.put<CriteriaSet>(`/api/classification/sets/${seg(id)}`, body),
  publishSet: (id: Id, rowVersion?: number) => api.post<CriteriaSet>(`/api/classification/sets/${seg(id)}/publish`, { rowVersion }),
  deleteSet: (id: Id) => api.del<void>(`/api/classification/sets/${seg(id)}`),

  /** The province's decision recognising the healthy communes, with the annex (built by clf-figures). */
  decisionUrl: (province: string, year: number, format: 'docx' | 'xlsx' | 'pdf') =>
    `/api/classification/decision${buildQuery({ province, year, format })}`,
  completeness: (province: string, year: number) =>
    get<Completeness>('/api/classification/completeness', { province, year }),
  history: (commune: string) => get<History>('/api/classification/history', { commune }),
  list: (q: { province?: string; year?: number; status?: string; class?: string; q?: string }) =>
    get<{ items: Assessment[] }>('/api/classification/assessments', q),
  one: (id: Id) => get<Assessment>(`/api/classification/assessments/${seg(id)}`),
  create: (communeCode: string, year: number) => api.post<Assessment>('/api/classification/assessments', { communeCode, year }),
  refresh: (id: Id) => api.post<Assessment>(`/api/classification/assessments/${seg(id)}/refresh-evidence`, {}),
  save: (id: Id, body: { version: number; summary: string; items: ItemSelfInput[] }) =>
    api.put<Assessment>(`/api/classification/assessments/${seg(id)}`, body),
  submit: (id: Id, version: number) => api.post<Assessment>(`/api/classification/assessments/${seg(id)}/submit`, { version }),
  check: (id: Id, body: { version: number; items: ItemCheckInput[] }) =>
    api.put<Assessment>(`/api/classification/assessments/${seg(id)}/check`, body),
  returnIt: (id: Id, version: number, comment: string) =>
    api.post<Assessment>(`/api/classification/assessments/${seg(id)}/return`, { version, comment }),
  approve: (id: Id, body: { version: number; decisionNumber?: string; decisionDate?: string | null }) =>
    api.post<Assessment>(`/api/classification/assessments/${seg(id)}/approve`, body),
  reopen: (id: Id, version: number, reason: string) =>
    api.post<Assessment>(`/api/classification/assessments/${seg(id)}/reopen`, { version, reason }),
  attach: (id: Id, key: string, file: File, onProgress?: (p: number) => void) =>
    upload<Attachment>(`/api/classification/assessments/${seg(id)}/items/${seg(key)}/attachments`, file, { onProgress }),
  attachmentUrl: (id: Id, key: string, attId: Id) =>
    `/api/classification/assessments/${seg(id)}/items/${seg(key)}/attachments/${seg(attId)}`,
  detach: (id: Id, key: string, attId: Id) =>
    api.del<void>(`/api/classification/assessments/${seg(id)}/items/${seg(key)}/attachments/${seg(attId)}`),
};
