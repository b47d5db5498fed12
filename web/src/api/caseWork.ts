// The case work of a person supported (docs/api-cases.md "Case work"): needs assessments, support
// plans with the supervisor's approval, follow-ups, reintegration outcome, closure and reopen.
// Every write answers the record's whole case work.
import { api } from './api';
import { get, seg } from './get';
import type { components } from './schema.gen';

type Id = string | number;
type S = components['schemas'];

export type CaseWork = S['CaseWork'];
export type CaseWorkPlan = S['CaseWorkPlan'];
export type CaseWorkGoal = S['CaseWorkGoal'];
export type CaseWorkFollowUp = S['CaseWorkFollowUp'];
export type CaseWorkAssessment = S['CaseWorkAssessment'];
export type CaseWorkAssessmentInput = S['CaseWorkAssessmentInput'];
export type CaseWorkPlanInput = S['CaseWorkPlanInput'];
export type CaseWorkOutcomeInput = S['CaseWorkOutcomeInput'];
export type CaseWorkClosureInput = S['CaseWorkClosureInput'];
export type CwDomain = CaseWorkGoal['domain'];
export type CwLevel = S['CaseWorkAssessmentItem']['level'];
export type CwGoalStatus = CaseWorkGoal['status'];
export type CwArea = S['CaseWorkOutcome']['area'];
export type CwOutcomeStatus = S['CaseWorkOutcome']['status'];
export type CwClosureReason = NonNullable<CaseWorkClosureInput['reasonCode']>;

export const CW_DOMAINS: CwDomain[] = ['health', 'safety', 'housing', 'income', 'legal_papers', 'family', 'psychosocial'];
export const CW_LEVELS: CwLevel[] = ['none', 'low', 'medium', 'high'];
export const CW_GOAL_STATUSES: CwGoalStatus[] = ['not_started', 'in_progress', 'achieved', 'dropped'];
export const CW_AREAS: CwArea[] = ['job', 'housing', 'family', 'health', 'legal_papers'];
export const CW_OUTCOME_STATUSES: CwOutcomeStatus[] = ['achieved', 'in_progress', 'not_achieved'];
export const CW_CLOSURE_REASONS: CwClosureReason[] = ['goals_met', 'moved_away', 'declined', 'lost_contact', 'deceased', 'other'];
/** Notes, goal text and reasons: at most 1000 characters (the server checks too). */
export const CW_NOTE_MAX = 1000;

export const caseWorkApi = {
  work: (id: Id) => get<CaseWork>(`/api/cases/${seg(id)}/work`),
  addAssessment: (id: Id, body: CaseWorkAssessmentInput) => api.post<CaseWork>(`/api/cases/${seg(id)}/assessments`, body),
  addPlan: (id: Id, body: CaseWorkPlanInput) => api.post<CaseWork>(`/api/cases/${seg(id)}/plans`, body),
  updatePlan: (planId: Id, body: CaseWorkPlanInput) => api.put<CaseWork>(`/api/case-plans/${seg(planId)}`, body),
  submitPlan: (planId: Id, version: number) => api.post<CaseWork>(`/api/case-plans/${seg(planId)}/submit`, { version }),
  approvePlan: (planId: Id, version: number) => api.post<CaseWork>(`/api/case-plans/${seg(planId)}/approve`, { version }),
  returnPlan: (planId: Id, version: number, reason: string) =>
    api.post<CaseWork>(`/api/case-plans/${seg(planId)}/return`, { version, reason }),
  addFollowUp: (id: Id, dueOn: string, purpose: string) => api.post<CaseWork>(`/api/cases/${seg(id)}/follow-ups`, { dueOn, purpose }),
  followUpDone: (fid: Id, version: number, note: string) =>
    api.post<CaseWork>(`/api/case-follow-ups/${seg(fid)}/done`, { version, note }),
  followUpCancel: (fid: Id, version: number, note: string) =>
    api.post<CaseWork>(`/api/case-follow-ups/${seg(fid)}/cancel`, { version, note }),
  putOutcome: (id: Id, body: CaseWorkOutcomeInput) => api.put<CaseWork>(`/api/cases/${seg(id)}/outcome`, body),
  closureRequest: (id: Id, body: CaseWorkClosureInput) => api.post<CaseWork>(`/api/cases/${seg(id)}/closure/request`, body),
  closureApprove: (id: Id, note: string) => api.post<CaseWork>(`/api/cases/${seg(id)}/closure/approve`, { note }),
  closureReject: (id: Id, note: string) => api.post<CaseWork>(`/api/cases/${seg(id)}/closure/reject`, { note }),
  reopen: (id: Id, note: string) => api.post<CaseWork>(`/api/cases/${seg(id)}/reopen`, { note }),
};
