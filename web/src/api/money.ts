// Money through its stages (docs/api-money.md): allocation decisions (§2), the execution table
// planned → allocated → spent (§4) and the cost per result. The answers' types come from the
// server's OpenAPI (schema.gen.ts); the request bodies are written from the contract.
import { api, upload } from './api';
import { get, seg } from './get';
import type { AgencyRef, Attachment } from './types';
import type { components } from './schema.gen';

type S = components['schemas'];

type Id = string | number;

export type ProgrammeRef = S['ProgrammeRef'];

// The answers as the server's OpenAPI describes them (schema.gen.ts); `agency` is typed by the
// contract (AgencyRef | null) where the schema leaves it open.
export type AllocationDecision = Omit<S['AllocationDecision'], 'agency'> & { agency: AgencyRef | null };
export type AllocationLine = AllocationDecision['lines'][number];
export type AllocationDecisionSummary = Omit<S['AllocationDecisionSummary'], 'agency'> & { agency: AgencyRef | null };

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
export type MoneyWarning = S['MoneyWarning'];

export type Execution = S['MoneyExecution'];
export type ExecutionBy = Execution['by'];
export type ExecutionRow = S['MoneyExecutionRow'];
export type CostPerResult = S['MoneyCostPerResult'];
export type CostBy = CostPerResult['by'];
export type CostRow = S['MoneyCostRow'];

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
