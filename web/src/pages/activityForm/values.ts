// The quick-entry form's values (the draft with dates as Dayjs for the pickers) and where the
// draft is kept (localStorage, when the browser allows it).
import type { Dayjs } from 'dayjs';
import type { ActivityDraft, KeyValueStore } from '../../activities';
import { dayjsToIso, isoToDayjs } from '../../components/dates';

export type Id = string | number;

/** The form's values: the draft with dates as dayjs for the pickers. */
export type Values = Omit<ActivityDraft, 'startDate' | 'endDate'> & { startDate: Dayjs | null; endDate: Dayjs | null };

export const toValues = (d: ActivityDraft): Values => ({ ...d, startDate: isoToDayjs(d.startDate), endDate: isoToDayjs(d.endDate) });

export function toDraft(v: Partial<Values>): ActivityDraft {
  return {
    title: v.title ?? '',
    interventionTypeCode: v.interventionTypeCode ?? null,
    orgUnitCode: v.orgUnitCode ?? null,
    leadAgencyId: v.leadAgencyId ?? null,
    partnerAgencyIds: v.partnerAgencyIds ?? [],
    programmeIds: v.programmeIds ?? [],
    planId: v.planId ?? null,
    planActivityId: v.planActivityId ?? null,
    startDate: dayjsToIso(v.startDate) ?? null,
    endDate: dayjsToIso(v.endDate) ?? null,
    reach: (v.reach ?? []).map((r) => ({ ...(r ?? {}) })),
    outputs: (v.outputs ?? []).map((r) => ({ ...(r ?? {}) })),
    costs: (v.costs ?? []).map((r) => ({ ...(r ?? {}) })),
    note: v.note ?? '',
  };
}

export function storage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
