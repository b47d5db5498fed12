// People supported (docs/api-cases.md): records by client code, search before create, consents,
// the audited reveal of the sealed identity and the record's access log.
import { api } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type Id = string | number;
type S = components['schemas'];

export type Case = S['Case'];
export type CasePage = S['CasePage'];
export type CaseInput = S['CaseInput'];
export type CaseIdentity = S['CaseIdentity'];
export type CaseDuplicateQuery = S['CaseDuplicateQuery'];
export type CaseDuplicates = S['CaseDuplicates'];
export type CaseReveal = S['CaseReveal'];
export type CaseAccessLog = S['CaseAccessLog'];
export type CaseConsents = S['CaseConsents'];
export type CaseConsentInput = S['CaseConsentInput'];
export type CaseConsentWithdrawal = S['CaseConsentWithdrawal'];
export type SealedField = Case['sealedFields'][number];

export const SEALED_FIELDS: SealedField[] = ['fullName', 'idNumber', 'phone', 'address', 'notes'];
export const CASE_SEXES: Case['sex'][] = ['female', 'male', 'other', 'unknown'];
export const CASE_STATUSES: Case['status'][] = ['open', 'closed'];
/** Reveal reasons: 10–500 characters once trimmed (the server checks too). */
export const REVEAL_REASON_MIN = 10;
export const REVEAL_REASON_MAX = 500;

export interface CaseQuery {
  status?: string;
  orgUnit?: string;
  targetGroup?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const caseApi = {
  list: (q: CaseQuery) => get<CasePage>('/api/cases', { ...q }),
  one: (id: Id) => get<Case>(`/api/cases/${seg(id)}`),
  consents: (id: Id) => get<CaseConsents>(`/api/cases/${seg(id)}/consents`),
  accessLog: (id: Id) => get<CaseAccessLog>(`/api/cases/${seg(id)}/access-log`),
  duplicates: (q: CaseDuplicateQuery) => api.post<CaseDuplicates>('/api/cases/duplicates', q),
  create: (body: CaseInput) => api.post<Case>('/api/cases', body),
  update: (id: Id, body: CaseInput) => api.put<Case>(`/api/cases/${seg(id)}`, body),
  updateIdentity: (id: Id, identity: CaseIdentity, version: number) =>
    api.put<Case>(`/api/cases/${seg(id)}/identity`, { identity, version }),
  reveal: (id: Id, reason: string, fields?: SealedField[]) =>
    api.post<CaseReveal>(`/api/cases/${seg(id)}/reveal`, fields ? { reason, fields } : { reason }),
  giveConsent: (id: Id, body: CaseConsentInput) => api.post<CaseConsents>(`/api/cases/${seg(id)}/consents`, body),
  withdrawConsent: (id: Id, consentId: Id, body: CaseConsentWithdrawal) =>
    api.post<CaseConsents>(`/api/cases/${seg(id)}/consents/${seg(consentId)}/withdraw`, body),
};
