// Money through its stages (docs/api-money.md): allocation decisions (§2), the execution table
// planned → allocated → spent (§4) and the cost per result. The types are written by hand from
// the contract while the routes are being built; swap them for schema.gen.ts names when the
// OpenAPI carries them.
import { api, upload } from './api';
import { get, seg } from './get';
import type { AgencyRef, Attachment, OrgUnitRef } from './types';

type Id = string | number;

export interface ProgrammeRef {
  id: Id;
  name: string;
}

export interface AllocationLine {
  id?: Id;
  position?: number;
  planActivity: { id: Id; description: string } | null;
  fundingSource: string;
  programme: ProgrammeRef | null;
  amount: number;
  note: string;
}

export interface AllocationDecision {
  id: Id;
  status: 'draft' | 'issued';
  orgUnit: OrgUnitRef;
  agency: AgencyRef | null;
  year: number;
  issuingBody: string;
  number: string;
  decisionDate: string;
  note: string;
  plan: { id: Id; title: string; planVersion: number } | null;
  amends: { id: Id; number: string; decisionDate: string; issuingBody: string } | null;
  amendedBy: { id: Id; number: string; decisionDate: string; status: 'draft' | 'issued' }[];
  lines: AllocationLine[];
  total: number;
  effectiveTotal: number;
  createdBy?: unknown;
  createdAt?: string;
  updatedAt?: string;
  issuedBy?: unknown;
  issuedAt?: string | null;
  version: number;
  attachments: Attachment[];
  can: { edit: boolean; issue: boolean; amend: boolean; delete: boolean; attach: boolean };
}

export type AllocationDecisionSummary = Omit<AllocationDecision, 'lines' | 'attachments'> &
  Partial<Pick<AllocationDecision, 'lines' | 'attachments'>>;

export interface AllocationLineInput {
  planActivityId?: Id | null;
  fundingSource: string;
  programmeId?: Id | null;
  amount: number;
  note?: string;
}

export interface AllocationDecisionInput {
  orgUnitCode: string;
  agencyId?: Id | null;
  year: number;
  issuingBody: string;
  number: string;
  decisionDate: string;
  planId?: Id | null;
  note?: string;
  lines: AllocationLineInput[];
}

export type AmendInput = Pick<AllocationDecisionInput, 'issuingBody' | 'number' | 'decisionDate' | 'note' | 'lines'>;

export interface AllocationQuery {
  orgUnit?: string;
  year?: number;
  planId?: Id;
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** After POST/PUT /api/activities: spending beyond what issued decisions allocated (a warning). */
export interface MoneyWarning {
  code: 'over_allocation';
  planActivityId: Id;
  fundingSource: string | null;
  planned: number;
  allocated: number;
  spent: number;
  message: string;
  messageEn: string;
}

export type ExecutionBy = 'source' | 'programme' | 'unit' | 'level' | 'planActivity';

export interface ExecutionFigures {
  planned: number;
  allocated: number;
  spent: number;
  allocatedRate: number | null;
  spentRate: number | null;
  spentOfPlanned: number | null;
}

export interface ExecutionRow extends ExecutionFigures {
  key: string;
  label: string;
  labelEn: string;
}

export interface Execution {
  orgUnit: OrgUnitRef | string;
  year: number;
  by: ExecutionBy;
  rows: ExecutionRow[];
  total: ExecutionFigures;
  integratedShare: number | null;
}

export type CostBy = 'interventionType' | 'targetGroup';

export interface CostFigures {
  spent: number;
  reached: number;
  outputQuantity: number;
  activities: number;
  costPerPerson: number | null;
  costPerOutput: number | null;
}

export interface CostRow extends CostFigures {
  key: string;
  label: string;
  labelEn: string;
}

export interface CostPerResult {
  rows: CostRow[];
  total: CostFigures;
}

export interface MoneyQuery {
  orgUnit?: string;
  year: number;
}

const base = '/api/allocation-decisions';
const qs = (q: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.append(k, String(v));
  return p.toString();
};

export const allocationApi = {
  list: (q: AllocationQuery) => get<{ items: AllocationDecisionSummary[]; total: number; page: number; pageSize: number }>(base, { ...q }),
  one: (id: Id) => get<AllocationDecision>(`${base}/${seg(id)}`),
  create: (body: AllocationDecisionInput) => api.post<AllocationDecision>(base, body),
  update: (id: Id, body: AllocationDecisionInput, version: number) => api.put<AllocationDecision>(`${base}/${seg(id)}`, { ...body, version }),
  remove: (id: Id) => api.del<void>(`${base}/${seg(id)}`),
  issue: (id: Id, version: number) => api.post<AllocationDecision>(`${base}/${seg(id)}/issue`, { version }),
  amend: (id: Id, body: AmendInput) => api.post<AllocationDecision>(`${base}/${seg(id)}/amend`, body),
  attach: (id: Id, file: File, onProgress?: (p: number) => void) =>
    upload<Attachment>(`${base}/${seg(id)}/attachments`, file, { onProgress }),
  attachmentUrl: (id: Id, aid: Id) => `${base}/${seg(id)}/attachments/${seg(aid)}`,
  removeAttachment: (id: Id, aid: Id) => api.del<void>(`${base}/${seg(id)}/attachments/${seg(aid)}`),
};

export const moneyApi = {
  execution: (q: MoneyQuery & { by: ExecutionBy }) => get<Execution>('/api/money/execution', { ...q }),
  costPerResult: (q: MoneyQuery & { by: CostBy }) => get<CostPerResult>('/api/money/cost-per-result', { ...q }),
  warnings: (q: MoneyQuery) => get<{ items: MoneyWarning[] }>('/api/money/warnings', { ...q }),
  executionXlsx: (q: MoneyQuery & { by: ExecutionBy }) => `/api/money/execution.xlsx?${qs({ ...q })}`,
  costPerResultXlsx: (q: MoneyQuery & { by: CostBy }) => `/api/money/cost-per-result.xlsx?${qs({ ...q })}`,
};
