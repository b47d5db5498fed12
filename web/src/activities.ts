// Pure rules of the activity screens (docs/api-activities.md): the client-side mirror of the
// input validation (people reached, outputs, costs, dates), the quick-entry draft kept in
// localStorage, the list/export query built from the filters, the mapping of the server's field
// names back to form fields, and small import and survey helpers. The server decides every rule
// again; these only show mistakes before a round trip and must agree with the contract.
import type { Query } from './api/api';
import { activityReads } from './api/activities';
import { formatDate } from './format';
import type { Activity, ActivityImport, ActivityInput, ImportStatus, RecentActivity, SurveyHalf } from './api/types';

export type Id = string | number;

/** Counts and amounts are integers in 0 … 10^12. */
export const MAX_COUNT = 1e12;
/** No activity before this day. */
export const MIN_DATE = '2000-01-01';
export const MAX_TITLE = 255;

// ----- The form's plain values (what the draft stores) -----

export interface ReachDraft {
  targetGroup?: string | null;
  total?: number | null;
  female?: number | null;
  male?: number | null;
  /** Age band code → count; bands left empty are absent or null. */
  ages?: Record<string, number | null | undefined> | null;
}

export interface OutputDraft {
  kind?: string | null;
  quantity?: number | null;
}

export interface CostDraft {
  fundingSource?: string | null;
  amount?: number | null;
}

/** The quick-entry form as plain JSON (dates "YYYY-MM-DD"), as kept in the draft. */
export interface ActivityDraft {
  title: string;
  interventionTypeCode: string | null;
  orgUnitCode: string | null;
  leadAgencyId: Id | null;
  partnerAgencyIds: Id[];
  programmeIds: Id[];
  /** UI only: the plan whose activity is linked (narrows the plan-activity choice). */
  planId: Id | null;
  planActivityId: Id | null;
  startDate: string | null;
  endDate: string | null;
  reach: ReachDraft[];
  outputs: OutputDraft[];
  costs: CostDraft[];
  note: string;
}

/** A new activity for the signed-in user: their unit, their agency, today. */
export function draftDefaults(me: { orgUnit?: { code: string } | null; agency?: { id: Id } | null } | null, today: string): ActivityDraft {
  return {
    title: '',
    interventionTypeCode: null,
    orgUnitCode: me?.orgUnit?.code ?? null,
    leadAgencyId: me?.agency?.id ?? null,
    partnerAgencyIds: [],
    programmeIds: [],
    planId: null,
    planActivityId: null,
    startDate: today,
    endDate: today,
    reach: [{}],
    outputs: [],
    costs: [],
    note: '',
  };
}

/** An existing activity as form values (for editing it). */
export function draftFromActivity(a: Activity): ActivityDraft {
  return {
    title: a.title,
    interventionTypeCode: a.interventionType?.code ?? null,
    orgUnitCode: a.orgUnit?.code ?? null,
    leadAgencyId: a.leadAgency?.id ?? null,
    partnerAgencyIds: (a.partners ?? []).map((p) => p.id),
    programmeIds: (a.programmes ?? []).map((p) => p.id),
    planId: a.planActivity?.planId ?? null,
    planActivityId: a.planActivity?.id ?? null,
    startDate: a.startDate,
    endDate: a.endDate,
    reach: (a.reach ?? []).map((r) => ({
      targetGroup: r.targetGroup,
      total: r.total,
      female: r.female,
      male: r.male,
      ages: r.ages && Object.keys(r.ages).length ? { ...r.ages } : null,
    })),
    outputs: (a.outputs ?? []).map((o) => ({ ...o })),
    costs: (a.costs ?? []).map((c) => ({ ...c })),
    note: a.note ?? '',
  };
}

/**
 * "Copy a previous activity": everything of one of the caller's recent activities except its
 * dates (today) and, when the copy falls in another year, its plan link (plans are yearly).
 */
export function draftFromRecent(r: RecentActivity, today: string): ActivityDraft {
  const sameYear = !!r.startDate && r.startDate.slice(0, 4) === today.slice(0, 4);
  return {
    title: r.title ?? '',
    interventionTypeCode: r.interventionTypeCode ?? null,
    orgUnitCode: r.orgUnitCode ?? null,
    leadAgencyId: r.leadAgencyId ?? null,
    partnerAgencyIds: [...(r.partnerAgencyIds ?? [])],
    programmeIds: [...(r.programmeIds ?? [])],
    planId: null,
    planActivityId: sameYear ? (r.planActivityId ?? null) : null,
    startDate: today,
    endDate: today,
    reach: (r.reach ?? []).map((x) => ({
      targetGroup: x.targetGroup,
      total: x.total,
      female: x.female ?? null,
      male: x.male ?? null,
      ages: x.ages && Object.keys(x.ages).length ? { ...x.ages } : null,
    })),
    outputs: (r.outputs ?? []).map((o) => ({ ...o })),
    costs: (r.costs ?? []).map((c) => ({ ...c })),
    note: r.note ?? '',
  };
}

// ----- Validation -----

export type ProblemCode =
  | 'required'
  | 'tooLong'
  | 'negative'
  | 'notInteger'
  | 'tooLarge'
  | 'sumMismatch'
  | 'overTotal'
  | 'agesMismatch'
  | 'duplicate'
  | 'endBeforeStart'
  | 'future'
  | 'tooEarly';

/** One fault: `field` in the server's notation ("reach[1].female"), `code` names the message. */
export interface Problem {
  field: string;
  code: ProblemCode;
  params?: Record<string, string | number>;
}

const given = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

/** The fault of one count, or null: an integer in 0 … 10^12. */
export function countProblem(v: number | null | undefined): ProblemCode | null {
  if (!given(v)) return null;
  if (!Number.isFinite(v) || !Number.isInteger(v)) return 'notInteger';
  if (v < 0) return 'negative';
  if (v > MAX_COUNT) return 'tooLarge';
  return null;
}

function ageValues(ages: ReachDraft['ages']): [string, number][] {
  return Object.entries(ages ?? {}).filter((e): e is [string, number] => given(e[1]));
}

/** A row nobody has started filling in (skipped, not refused). */
export function isBlankReach(r: ReachDraft | null | undefined): boolean {
  return !r || (!r.targetGroup && !given(r.total) && !given(r.female) && !given(r.male) && ageValues(r.ages).length === 0);
}

/**
 * The faults of one people-reached row (`prefix` e.g. "reach[0]"): target group and total
 * required; counts integers ≥ 0; female + male = total when both are given, each ≤ total when
 * one is; the age bands sum to the total when any is given.
 */
export function reachRowProblems(r: ReachDraft, prefix: string, totalName = 'total'): Problem[] {
  const out: Problem[] = [];
  const f = (name: string) => `${prefix}.${name}`;
  if (!r.targetGroup) out.push({ field: f('targetGroup'), code: 'required' });
  if (!given(r.total)) out.push({ field: f(totalName), code: 'required' });
  let countsOk = true;
  for (const name of [totalName, 'female', 'male'] as const) {
    const v = name === totalName ? r.total : r[name as 'female' | 'male'];
    const p = countProblem(v);
    if (p) {
      out.push({ field: f(name), code: p });
      countsOk = false;
    }
  }
  const ages = ageValues(r.ages);
  let agesOk = true;
  for (const [band, n] of ages) {
    const p = countProblem(n);
    if (p) {
      out.push({ field: f('ages'), code: p, params: { band } });
      agesOk = false;
    }
  }
  if (countsOk && given(r.total)) {
    const total = r.total;
    if (given(r.female) && given(r.male)) {
      // Named on "female", as the server does.
      if (r.female + r.male !== total) {
        out.push({ field: f('female'), code: 'sumMismatch', params: { female: r.female, male: r.male, sum: r.female + r.male, total } });
      }
    } else {
      if (given(r.female) && r.female > total) out.push({ field: f('female'), code: 'overTotal', params: { total } });
      if (given(r.male) && r.male > total) out.push({ field: f('male'), code: 'overTotal', params: { total } });
    }
    if (agesOk && ages.length) {
      const sum = ages.reduce((s, [, n]) => s + n, 0);
      if (sum !== total) out.push({ field: f('ages'), code: 'agesMismatch', params: { sum, total } });
    }
  }
  return out;
}

/** The faults of one field of a reach row (for the field's own rule in the form). */
export function reachFieldProblem(r: ReachDraft | null | undefined, field: 'targetGroup' | 'total' | 'female' | 'male' | 'ages'): Problem | null {
  if (!r || isBlankReach(r)) return null;
  return reachRowProblems(r, 'r').find((p) => p.field === `r.${field}`) ?? null;
}

function duplicates<T>(rows: T[], key: (r: T) => string | null | undefined, field: (i: number) => string): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  rows.forEach((r, i) => {
    const k = key(r);
    if (!k) return;
    if (seen.has(k)) out.push({ field: field(i), code: 'duplicate' });
    seen.add(k);
  });
  return out;
}

const isBlankPair = (a: unknown, b: unknown) => (a === null || a === undefined || a === '') && !given(b);

/** Every fault of the quick-entry form, in form order (indices are the form's rows). */
export function validateActivity(d: ActivityDraft, today: string): Problem[] {
  const out: Problem[] = [];
  const title = (d.title ?? '').trim();
  if (!title) out.push({ field: 'title', code: 'required' });
  else if ([...title].length > MAX_TITLE) out.push({ field: 'title', code: 'tooLong', params: { max: MAX_TITLE } });
  if (!d.interventionTypeCode) out.push({ field: 'interventionTypeCode', code: 'required' });
  if (!d.orgUnitCode) out.push({ field: 'orgUnitCode', code: 'required' });
  if (d.leadAgencyId === null || d.leadAgencyId === undefined || d.leadAgencyId === '') out.push({ field: 'leadAgencyId', code: 'required' });
  out.push(...dateProblems(d.startDate, d.endDate, today));

  const reach = d.reach ?? [];
  reach.forEach((r, i) => {
    if (!isBlankReach(r)) out.push(...reachRowProblems(r, `reach[${i}]`));
  });
  out.push(...duplicates(reach, (r) => (isBlankReach(r) ? null : r.targetGroup), (i) => `reach[${i}].targetGroup`));

  const outputs = d.outputs ?? [];
  outputs.forEach((o, i) => {
    if (isBlankPair(o.kind, o.quantity)) return;
    if (!o.kind) out.push({ field: `outputs[${i}].kind`, code: 'required' });
    if (!given(o.quantity)) out.push({ field: `outputs[${i}].quantity`, code: 'required' });
    const p = countProblem(o.quantity);
    if (p) out.push({ field: `outputs[${i}].quantity`, code: p });
  });
  out.push(...duplicates(outputs, (o) => o.kind, (i) => `outputs[${i}].kind`));

  const costs = d.costs ?? [];
  costs.forEach((c, i) => {
    if (isBlankPair(c.fundingSource, c.amount)) return;
    if (!c.fundingSource) out.push({ field: `costs[${i}].fundingSource`, code: 'required' });
    if (!given(c.amount)) out.push({ field: `costs[${i}].amount`, code: 'required' });
    const p = countProblem(c.amount);
    if (p) out.push({ field: `costs[${i}].amount`, code: p });
  });
  out.push(...duplicates(costs, (c) => c.fundingSource, (i) => `costs[${i}].fundingSource`));
  return out;
}

/** startDate ≤ endDate, neither after today nor before 2000-01-01. */
export function dateProblems(start: string | null | undefined, end: string | null | undefined, today: string): Problem[] {
  const out: Problem[] = [];
  for (const [field, v] of [
    ['startDate', start],
    ['endDate', end],
  ] as const) {
    if (!v) out.push({ field, code: 'required' });
    else if (v > today) out.push({ field, code: 'future' });
    else if (v < MIN_DATE) out.push({ field, code: 'tooEarly' });
  }
  if (start && end && end < start) out.push({ field: 'endDate', code: 'endBeforeStart' });
  return out;
}

// ----- Form values → request body, server fields → form fields -----

/** For each list, the form row behind each row of the body (blank rows are left out). */
export interface RowMap {
  reach: number[];
  outputs: number[];
  costs: number[];
}

const nn = <T>(v: T | null | undefined | ''): T | null => (v === undefined || v === '' ? null : (v as T | null));

/** The request body from the form's values (blank rows left out), and where each row came from. */
export function toInput(d: ActivityDraft): { input: ActivityInput; rows: RowMap } {
  const rows: RowMap = { reach: [], outputs: [], costs: [] };
  const reach: ActivityInput['reach'] = [];
  (d.reach ?? []).forEach((r, i) => {
    if (isBlankReach(r)) return;
    rows.reach.push(i);
    const ages = Object.fromEntries(ageValues(r.ages));
    reach.push({
      targetGroup: r.targetGroup ?? '',
      total: r.total ?? 0,
      ...(given(r.female) ? { female: r.female } : {}),
      ...(given(r.male) ? { male: r.male } : {}),
      ...(Object.keys(ages).length ? { ages } : {}),
    });
  });
  const outputs: ActivityInput['outputs'] = [];
  (d.outputs ?? []).forEach((o, i) => {
    if (isBlankPair(o.kind, o.quantity)) return;
    rows.outputs.push(i);
    outputs.push({ kind: o.kind ?? '', quantity: o.quantity ?? 0 });
  });
  const costs: ActivityInput['costs'] = [];
  (d.costs ?? []).forEach((c, i) => {
    if (isBlankPair(c.fundingSource, c.amount)) return;
    rows.costs.push(i);
    costs.push({ fundingSource: c.fundingSource ?? '', amount: c.amount ?? 0 });
  });
  return {
    input: {
      title: (d.title ?? '').trim(),
      interventionTypeCode: d.interventionTypeCode ?? '',
      orgUnitCode: d.orgUnitCode ?? '',
      leadAgencyId: d.leadAgencyId ?? '',
      partnerAgencyIds: [...(d.partnerAgencyIds ?? [])],
      programmeIds: [...(d.programmeIds ?? [])],
      planActivityId: nn(d.planActivityId),
      startDate: d.startDate ?? '',
      endDate: d.endDate ?? '',
      reach,
      outputs,
      costs,
      note: d.note ?? '',
    },
    rows,
  };
}

/** "reach[1].ages.18_24" → ["reach", 1, "ages", "18_24"] (also "reach.1.female"). */
export function parseFieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    const part = m[2] ?? m[1];
    out.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return out;
}

/**
 * The form field a server error names: its path with row indices of the body turned back into
 * the form's (blank rows were left out of the body), or the path as is without a row map.
 */
export function formFieldOf(field: string, rows?: RowMap): (string | number)[] {
  const path = parseFieldPath(field);
  if (rows && path.length >= 2 && typeof path[1] === 'number') {
    const list = path[0] as keyof RowMap;
    if (list === 'reach' || list === 'outputs' || list === 'costs') {
      const mapped = rows[list][path[1]];
      if (mapped !== undefined) path[1] = mapped;
    }
  }
  return path;
}

/**
 * The longest prefix of `path` that is a field of the form (`known` holds each field's path
 * joined with "."), or null: "reach.0.ages.18_24" lands on the age-band input "reach.0.ages",
 * "partnerAgencyIds.1" on the partner picker.
 */
export function nearestField(path: (string | number)[], known: Set<string>): (string | number)[] | null {
  for (let n = path.length; n > 0; n--) {
    const p = path.slice(0, n);
    if (known.has(p.join('.'))) return p;
  }
  return null;
}

// ----- The draft in localStorage -----

export const DRAFT_PREFIX = 'longghep.activityDraft.';
const DRAFT_FORMAT = 1;

/** One draft per user and per activity ("new" for a new one). */
export function draftKey(username: string, activityId?: Id | null): string {
  return `${DRAFT_PREFIX}${username}.${activityId === null || activityId === undefined ? 'new' : String(activityId)}`;
}

export interface StoredDraft {
  v: number;
  /** ISO timestamp of the last change. */
  savedAt: string;
  /** The version of the activity being edited (null for a new one). */
  baseVersion: number | null;
  values: ActivityDraft;
}

export function serializeDraft(values: ActivityDraft, savedAt: Date, baseVersion: number | null = null): string {
  const d: StoredDraft = { v: DRAFT_FORMAT, savedAt: savedAt.toISOString(), baseVersion, values };
  return JSON.stringify(d);
}

const isId = (v: unknown): v is Id => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const strOrNull = (v: unknown) => (typeof v === 'string' && v ? v : null);
const numOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isoOrNull = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const objects = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x)) : [];

/** A stored draft, or null when the text is missing, not JSON, or not a draft of this format. */
export function parseDraft(text: string | null | undefined): StoredDraft | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  if (o.v !== DRAFT_FORMAT || !o.values || typeof o.values !== 'object') return null;
  const v = o.values as Record<string, unknown>;
  const values: ActivityDraft = {
    title: typeof v.title === 'string' ? v.title : '',
    interventionTypeCode: strOrNull(v.interventionTypeCode),
    orgUnitCode: strOrNull(v.orgUnitCode),
    leadAgencyId: isId(v.leadAgencyId) ? v.leadAgencyId : null,
    partnerAgencyIds: Array.isArray(v.partnerAgencyIds) ? v.partnerAgencyIds.filter(isId) : [],
    programmeIds: Array.isArray(v.programmeIds) ? v.programmeIds.filter(isId) : [],
    planId: isId(v.planId) ? v.planId : null,
    planActivityId: isId(v.planActivityId) ? v.planActivityId : null,
    startDate: isoOrNull(v.startDate),
    endDate: isoOrNull(v.endDate),
    reach: objects(v.reach).map((r) => ({
      targetGroup: strOrNull(r.targetGroup),
      total: numOrNull(r.total),
      female: numOrNull(r.female),
      male: numOrNull(r.male),
      ages:
        r.ages && typeof r.ages === 'object'
          ? Object.fromEntries(Object.entries(r.ages as Record<string, unknown>).map(([k, n]) => [k, numOrNull(n)]))
          : null,
    })),
    outputs: objects(v.outputs).map((x) => ({ kind: strOrNull(x.kind), quantity: numOrNull(x.quantity) })),
    costs: objects(v.costs).map((x) => ({ fundingSource: strOrNull(x.fundingSource), amount: numOrNull(x.amount) })),
    note: typeof v.note === 'string' ? v.note : '',
  };
  return {
    v: DRAFT_FORMAT,
    savedAt: typeof o.savedAt === 'string' ? o.savedAt : '',
    baseVersion: numOrNull(o.baseVersion),
    values,
  };
}

/** The same values, ignoring blank rows and empty strings vs null (so an untouched form is "no draft"). */
export function sameDraft(a: ActivityDraft, b: ActivityDraft): boolean {
  const norm = (d: ActivityDraft) => {
    const { input } = toInput(d);
    return JSON.stringify({ ...input, title: d.title ?? '', planId: d.planId ?? null });
  };
  return norm(a) === norm(b);
}

/** The part of window.localStorage the draft needs (a Map stands in for it in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function loadDraft(store: KeyValueStore | null, key: string): StoredDraft | null {
  try {
    return parseDraft(store?.getItem(key));
  } catch {
    return null;
  }
}

/** Keeps the draft; false when the store refused (private mode, quota). */
export function saveDraft(store: KeyValueStore | null, key: string, values: ActivityDraft, now: Date, baseVersion: number | null = null): boolean {
  try {
    if (!store) return false;
    store.setItem(key, serializeDraft(values, now, baseVersion));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(store: KeyValueStore | null, key: string): void {
  try {
    store?.removeItem(key);
  } catch {
    /* nothing kept either way */
  }
}

// ----- List filters, query and export -----

export interface ActivityFilters {
  from?: string;
  to?: string;
  orgUnit?: string;
  interventionType?: string;
  targetGroup?: string;
  agencyId?: Id;
  programmeId?: Id;
  fundingSource?: string;
  /** true = planned activities only, false = unplanned only. */
  planned?: boolean;
  q?: string;
}

/** The list's query parameters from the filters (empty ones left out). */
export function activityQuery(f: ActivityFilters, sort?: string): Query {
  const q: Query = {
    from: f.from,
    to: f.to,
    orgUnit: f.orgUnit,
    interventionType: f.interventionType,
    targetGroup: f.targetGroup,
    agencyId: f.agencyId,
    programmeId: f.programmeId,
    fundingSource: f.fundingSource,
    planned: f.planned === undefined ? undefined : f.planned ? 'true' : 'false',
    q: f.q?.trim() || undefined,
    sort,
  };
  for (const k of Object.keys(q)) if (q[k] === undefined || q[k] === null || q[k] === '') delete q[k];
  return q;
}

/** GET /api/activities/export with the list's filters (the whole list: no paging). */
export function exportUrl(f: ActivityFilters, format: 'xlsx' | 'csv', sort?: string): string {
  return activityReads.exportUrl(activityQuery(f, sort), format);
}

/** "01/11/2026" for a one-day activity, else "01/11/2026 – 03/11/2026". */
export function periodText(a: { startDate: string; endDate: string }): string {
  return a.startDate === a.endDate ? formatDate(a.startDate) : `${formatDate(a.startDate)} – ${formatDate(a.endDate)}`;
}

export const ACTIVITY_SORTS = ['startDate', 'title', 'reachedTotal', 'costTotal'] as const;

/** Sum of the reach rows' totals (what the server stores as reachedTotal). */
export function reachedTotal(rows: ReachDraft[]): number {
  return rows.reduce((s, r) => s + (given(r?.total) ? r.total : 0), 0);
}

// ----- Bulk import -----

/** Validation or commit still running: keep polling. */
export function isImportBusy(status: ImportStatus | string): boolean {
  return status === 'validating' || status === 'committing';
}

/** The commit button: only a validated import without errors. */
export function canCommit(imp: Pick<ActivityImport, 'status' | 'errorCount'> | null | undefined): boolean {
  return !!imp && imp.status === 'ready' && !(imp.errorCount > 0);
}

/**
 * Percent of rows read: rowsRead / rowsTotal when the total is known, else the server's own
 * `progress` (0–1, e.g. bytes read) once it has moved, else null (show a spinner instead).
 */
export function importPercent(imp: Pick<ActivityImport, 'rowsRead' | 'rowsTotal'> & { progress?: number | null }): number | null {
  const clamp = (x: number) => Math.max(0, Math.min(100, Math.floor(x)));
  if (imp.rowsTotal && imp.rowsTotal > 0) return clamp((imp.rowsRead / imp.rowsTotal) * 100);
  if (typeof imp.progress === 'number' && Number.isFinite(imp.progress) && imp.progress > 0) return clamp(imp.progress * 100);
  return null;
}

/** The preview table's columns: every key of the rows, in first-seen order. */
export function previewColumns(rows: Record<string, unknown>[]): string[] {
  const out: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!out.includes(k)) out.push(k);
  return out;
}

/** The server's preview rows are activities in the input shape (one per key, `row` = first row). */
export function isActivityPreview(rows: Record<string, unknown>[]): boolean {
  return rows.length > 0 && rows.every((r) => typeof r.title === 'string' && Array.isArray(r.reach));
}

/** A preview cell as text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export const IMPORT_EXTENSIONS = ['xlsx', 'csv'];

// ----- Surveys -----

export const SURVEY_HALVES: SurveyHalf[] = [0, 1, 2];

/** The period code the server shows: "2026", "2026-H1", "2026-H2". */
export function surveyPeriod(year: number, half: SurveyHalf): string {
  return half === 0 ? String(year) : `${year}-H${half}`;
}

/** A survey's counts follow the reach rules (count = total). */
export function surveyProblems(s: { targetGroup?: string | null; count?: number | null; female?: number | null; male?: number | null }): Problem[] {
  return reachRowProblems({ targetGroup: s.targetGroup, total: s.count, female: s.female, male: s.male }, 's', 'count').map((p) => ({
    ...p,
    field: p.field.slice(2),
  }));
}
