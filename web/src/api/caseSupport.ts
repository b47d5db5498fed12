// Support around a record (docs/api-cases.md "Services", "Referrals"): services delivered through
// host programmes, referrals to receiving agencies, and the receiving agency's inbox.
import { api } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type Id = string | number;
type S = components['schemas'];

export type CaseServiceCatalogue = S['CaseServiceCatalogue'];
export type CaseService = S['CaseService'];
export type CaseServices = S['CaseServices'];
export type CaseServiceInput = S['CaseServiceInput'];
export type CaseReferral = S['CaseReferral'];
export type CaseReferrals = S['CaseReferrals'];
export type CaseReferralInput = S['CaseReferralInput'];
export type ReferralInboxItem = S['ReferralInboxItem'];
export type ReferralInbox = S['ReferralInbox'];
export type ShareableField = NonNullable<CaseReferralInput['shared']>[number];
export type ReferralStatus = CaseReferral['status'];

/** What a referral may share besides the client code, reason and due date: never identity. */
export const SHAREABLE_FIELDS: ShareableField[] = ['birthYear', 'sex', 'targetGroups', 'residence'];
export const REFERRAL_REASON_MAX = 500;
export const RESPONSE_DAYS_MAX = 90;

export const caseSupportApi = {
  catalogue: () => get<CaseServiceCatalogue>('/api/case-services'),
  services: (id: Id) => get<CaseServices>(`/api/cases/${seg(id)}/services`),
  addService: (id: Id, body: CaseServiceInput) => api.post<CaseServices>(`/api/cases/${seg(id)}/services`, body),
  referrals: (id: Id) => get<CaseReferrals>(`/api/cases/${seg(id)}/referrals`),
  addReferral: (id: Id, body: CaseReferralInput) => api.post<CaseReferral>(`/api/cases/${seg(id)}/referrals`, body),
  revoke: (id: Id, version: number, reason?: string) =>
    api.post<CaseReferral>(`/api/referrals/${seg(id)}/revoke`, reason ? { version, reason } : { version }),
  inbox: () => get<ReferralInbox>('/api/referrals/inbox'),
  answer: (id: Id, action: 'accept' | 'reject' | 'done', version: number, reason?: string) =>
    api.post<ReferralInboxItem>(`/api/referrals/${seg(id)}/${action}`, reason ? { version, reason } : { version }),
};

/** The colour of a referral's status tag (overdue wins). */
export function referralColour(status: ReferralStatus, overdue: boolean): string {
  if (overdue) return 'red';
  return { sent: 'blue', accepted: 'cyan', rejected: 'volcano', done: 'green', revoked: 'default' }[status];
}

// Clubs and peer groups (docs/api-cases.md "Clubs and peer groups"): members by client code only.
export type CaseGroup = S['CaseGroup'];
export type CaseGroupSummary = S['CaseGroupSummary'];
export type CaseGroupMember = S['CaseGroupMember'];
export type CaseGroupInput = S['CaseGroupInput'];
export type CaseMembership = S['CaseMembership'];
export type CaseGroupKind = CaseGroup['kind'];
export const CASE_GROUP_KINDS: CaseGroupKind[] = ['club', 'peer_group'];

export const caseGroupApi = {
  list: (q: { kind?: string; active?: boolean; orgUnit?: string } = {}) =>
    get<S['CaseGroupList']>('/api/case-groups', { ...q }),
  one: (id: Id) => get<CaseGroup>(`/api/case-groups/${seg(id)}`),
  create: (body: CaseGroupInput) => api.post<CaseGroup>('/api/case-groups', body),
  update: (id: Id, body: CaseGroupInput) => api.put<CaseGroup>(`/api/case-groups/${seg(id)}`, body),
  addMember: (id: Id, code: string, joinedOn?: string) =>
    api.post<CaseGroup>(`/api/case-groups/${seg(id)}/members`, joinedOn ? { code, joinedOn } : { code }),
  endMember: (id: Id, memberId: Id, leftOn?: string) =>
    api.post<CaseGroup>(`/api/case-groups/${seg(id)}/members/${seg(memberId)}/end`, leftOn ? { leftOn } : {}),
  ofCase: (caseId: Id) => get<S['CaseMemberships']>(`/api/cases/${seg(caseId)}/groups`),
};
