// Programmes, integration plans and their evaluation (docs/api-plans.md, docs/api-evaluation.md).
import { api } from './api';
import { get, seg } from './get';
import type { Items, LinkablePlanList, Page, Plan, PlanEvaluation, PlanSummary, PlanTransition, PlanVersionRef, Programme } from './types';

type Id = string | number;

export interface ProgrammeQuery {
  orgUnit?: string;
  year?: number;
  category?: string;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export interface PlanQuery {
  q?: string;
  year?: number;
  status?: string;
  orgUnit?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export type PlanAction = 'submit' | 'approve' | 'return';

/** The approval decision sent with "approve" and when it is corrected (dates YYYY-MM-DD). */
export interface DecisionInput {
  decisionBody: string;
  decisionNumber: string;
  decisionDate: string;
  comment?: string;
}

export const programmeApi = {
  list: (q: ProgrammeQuery) => get<Page<Programme>>('/api/programmes', { ...q }),
  create: (body: unknown) => api.post<Programme>('/api/programmes', body),
  update: (id: Id, body: unknown) => api.put<Programme>(`/api/programmes/${seg(id)}`, body),
};

export const planApi = {
  list: (q: PlanQuery) => get<Page<PlanSummary>>('/api/plans', { ...q }),
  inbox: () => get<Items<PlanSummary>>('/api/plans/inbox'),
  one: (id: Id) => get<Plan>(`/api/plans/${seg(id)}`),
  versions: (id: Id) => get<Items<PlanVersionRef>>(`/api/plans/${seg(id)}/versions`),
  history: (id: Id) => get<Items<PlanTransition>>(`/api/plans/${seg(id)}/history`),
  evaluation: (id: Id) => get<PlanEvaluation>(`/api/plans/${seg(id)}/evaluation`),
  create: (body: unknown) => api.post<{ id: Id }>('/api/plans', body),
  update: (id: Id, body: unknown) => api.put<Plan>(`/api/plans/${seg(id)}`, body),
  act: (id: Id, action: PlanAction, comment?: string) =>
    api.post<Plan>(`/api/plans/${seg(id)}/${action}`, comment === undefined ? {} : { comment }),
  approve: (id: Id, d: DecisionInput) => api.post<Plan>(`/api/plans/${seg(id)}/approve`, d),
  /** Corrects the decision of an approved plan (the version read). */
  correctDecision: (id: Id, d: DecisionInput, version: number) =>
    api.put<Plan>(`/api/plans/${seg(id)}/decision`, { ...d, version }),
  /** Approved plans an activity at `orgUnit` on `date` may implement (its unit's and the units above). */
  linkable: (q: { orgUnit?: string; date?: string }) => get<LinkablePlanList>('/api/plans/linkable', { ...q }),
  newVersion: (id: Id) => api.post<Plan>(`/api/plans/${seg(id)}/new-version`),
  /** The plan as an Excel workbook (a download link). */
  exportUrl: (id: Id) => `/api/plans/${seg(id)}/export.xlsx`,
};
