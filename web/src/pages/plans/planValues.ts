// The plan form's values: a plan as form values (dates as Dayjs, references as ids) and the
// PUT /api/plans/{id} body from them (empty choices as null).
import type { Dayjs } from 'dayjs';
import type { Plan } from '../../api/types';
import type { ProgrammeRef } from '../../api/money';
import { dayjsToIso, isoToDayjs } from '../../components/dates';

export type Id = string | number;

export interface BeneficiaryRow {
  targetGroup?: string;
  programmeId?: Id | null;
  plannedCount?: number | null;
  note?: string;
}
export interface ActivityRow {
  interventionType?: string;
  targetGroup?: string | null;
  programmeId?: Id | null;
  description?: string;
  plannedQuantity?: number | null;
  quantityUnit?: string;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  locationCode?: string | null;
  leadAgencyId?: Id | null;
  partnerAgencyIds?: Id[];
  /** The activity's budget lines (issue 19): source, host programme, amount. */
  budget?: ActivityBudgetRow[];
}
export interface ActivityBudgetRow {
  fundingSource?: string;
  programmeId?: Id | null;
  amount?: number | null;
}
/** A plan activity as the server answers since issue 19 (docs/api-money.md §1). */
export interface ActivityBudgetLine {
  fundingSource: string;
  programme: ProgrammeRef | null;
  amount: number;
}
export const activityBudget = (a: object): ActivityBudgetLine[] => (a as { budget?: ActivityBudgetLine[] }).budget ?? [];
export const budgetBasis = (p: Plan): 'activities' | 'plan' | 'none' =>
  (p as { budgetBasis?: 'activities' | 'plan' | 'none' }).budgetBasis ??
  (p.activities.some((a) => activityBudget(a).length > 0) ? 'activities' : p.budget.length ? 'plan' : 'none');
export interface BudgetRow {
  fundingSource?: string;
  year?: number;
  amount?: number | null;
  programmeId?: Id | null;
  note?: string;
}
export interface Values {
  title: string;
  note?: string;
  beneficiaries: BeneficiaryRow[];
  activities: ActivityRow[];
  budget: BudgetRow[];
}

export function toValues(p: Plan): Values {
  return {
    title: p.title,
    note: p.note,
    beneficiaries: p.beneficiaries.map((b) => ({
      targetGroup: b.targetGroup,
      programmeId: b.programme?.id ?? null,
      plannedCount: b.plannedCount,
      note: b.note,
    })),
    activities: p.activities.map((a) => ({
      interventionType: a.interventionType,
      targetGroup: a.targetGroup,
      programmeId: a.programme?.id ?? null,
      description: a.description,
      plannedQuantity: a.plannedQuantity,
      quantityUnit: a.quantityUnit,
      startDate: isoToDayjs(a.startDate),
      endDate: isoToDayjs(a.endDate),
      locationCode: a.location?.code ?? null,
      leadAgencyId: a.leadAgency?.id ?? null,
      partnerAgencyIds: a.partners.map((x) => x.id),
      budget: activityBudget(a).map((l) => ({ fundingSource: l.fundingSource, programmeId: l.programme?.id ?? null, amount: l.amount })),
    })),
    // A derived total (budgets per activity) is never typed again: the form keeps no top-level lines.
    budget: budgetBasis(p) === 'activities' ? [] : p.budget.map((l) => ({
      fundingSource: l.fundingSource,
      year: l.year,
      amount: l.amount,
      programmeId: l.programme?.id ?? null,
      note: l.note,
    })),
  };
}

const nn = <T,>(v: T | null | undefined): T | null => (v === undefined || v === '' ? null : (v as T | null));

export function toBody(v: Values, version: number) {
  return {
    title: v.title.trim(),
    note: v.note ?? '',
    beneficiaries: (v.beneficiaries ?? []).map((b) => ({
      targetGroup: b.targetGroup,
      programmeId: nn(b.programmeId),
      plannedCount: nn(b.plannedCount),
      note: b.note ?? '',
    })),
    activities: (v.activities ?? []).map((a) => ({
      interventionType: a.interventionType,
      targetGroup: nn(a.targetGroup),
      programmeId: nn(a.programmeId),
      description: a.description ?? '',
      plannedQuantity: nn(a.plannedQuantity),
      quantityUnit: a.quantityUnit ?? '',
      startDate: dayjsToIso(a.startDate) ?? null,
      endDate: dayjsToIso(a.endDate) ?? null,
      locationCode: nn(a.locationCode),
      leadAgencyId: nn(a.leadAgencyId),
      partnerAgencyIds: a.partnerAgencyIds ?? [],
      budget: (a.budget ?? []).map((l) => ({ fundingSource: l.fundingSource, programmeId: nn(l.programmeId), amount: l.amount ?? 0 })),
    })),
    // With budgets per activity the plan's total is derived by the server: send no top-level lines.
    budget: (v.activities ?? []).some((a) => (a.budget ?? []).length > 0) ? [] : (v.budget ?? []).map((l) => ({
      fundingSource: l.fundingSource,
      year: l.year,
      amount: l.amount ?? 0,
      programmeId: nn(l.programmeId),
      note: l.note ?? '',
    })),
    version,
  };
}
