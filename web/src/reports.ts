// Pure rules of the periodic-report screens (docs/api-reports.md): timeliness and status
// colours, value formatting, which values a save sends, validation issues by element, the
// current period, the compiled-figures table and the in-app reminders. The server decides all
// of these again; the UI only shows them and avoids offering what would be refused.
import { formatNumber, NO_DATE } from './format';
import type {
  ReportCompilation,
  Report,
  ReportCompileUnit,
  ReportElement,
  ReportForm,
  ReportIssue,
  ReportPeriod,
  ReportReminderRaw,
  ReportStatus,
  ReportValue,
  Severity,
  Timeliness,
} from './api/types';
import { periodLabel } from './analytics';

export const TIMELINESS: Timeliness[] = ['on_time', 'late', 'missing', 'due_soon', 'not_due'];
export const REPORT_STATUSES: ReportStatus[] = ['not_started', 'draft', 'submitted', 'returned', 'accepted'];

/** Late and missing reports are marked red, like an overdue task. */
export function isLateOrMissing(t: string | null | undefined): boolean {
  return t === 'late' || t === 'missing';
}

/** Ant Design tag colour of a timeliness value. */
export function timelinessColor(t: string | null | undefined): string {
  switch (t) {
    case 'on_time':
      return 'success';
    case 'late':
    case 'missing':
      return 'red';
    case 'due_soon':
      return 'orange';
    default:
      return 'default';
  }
}

/** Ant Design tag colour of a report's workflow status. */
export function reportStatusColor(s: string | null | undefined): string {
  switch (s) {
    case 'draft':
      return 'blue';
    case 'submitted':
      return 'processing';
    case 'returned':
      return 'warning';
    case 'accepted':
      return 'success';
    default:
      return 'default';
  }
}

/** Hand-entered values may be changed only in these statuses (else 409 report_locked). */
export function isReportEditable(status: string): boolean {
  return status === 'not_started' || status === 'draft' || status === 'returned';
}

export type ReviewAction = 'accept' | 'return' | 'reopen';

/** The review buttons a unit's report offers to the level above, by status and `can`. */
export function reviewActions(
  status: string,
  can?: { accept?: boolean; return?: boolean; reopen?: boolean } | null,
): ReviewAction[] {
  const may = can ?? { accept: true, return: true, reopen: true };
  const out: ReviewAction[] = [];
  if (status === 'submitted') {
    if (may.accept) out.push('accept');
    if (may.return) out.push('return');
  }
  if (status === 'accepted' && may.reopen) out.push('reopen');
  return out;
}

/** A value as shown read-only: numbers 1.234.567, booleans by the given words, text as is. */
export function formatReportValue(
  v: ReportValue | undefined,
  type: string,
  words: { yes: string; no: string } = { yes: 'Có', no: 'Không' },
): string {
  if (v === null || v === undefined || v === '') return NO_DATE;
  if (type === 'bool') return v === true || v === 'true' ? words.yes : words.no;
  if (type === 'number') {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? formatNumber(n) : String(v);
  }
  return String(v);
}

/** InputNumber formatter: "1234567.5" → "1.234.567,5" (what the user sees while typing). */
export function formatThousands(value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  const s = String(value);
  const negative = s.startsWith('-');
  const [int, frac] = (negative ? s.slice(1) : s).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `,${frac}` : ''}`;
}

/** InputNumber parser, the inverse of formatThousands: "1.234.567,5" → "1234567.5". */
export function parseThousands(text: string | undefined | null): string {
  if (!text) return '';
  return text.replace(/\s/g, '').replace(/\./g, '').replace(',', '.');
}

/** Every element of the form, in order. */
export function formElements(form: ReportForm | null | undefined): ReportElement[] {
  return (form?.sections ?? []).flatMap((s) => s.elements);
}

/** The element's label in the language ("vi" | "en"), or its code when the form does not know it. */
export function elementLabel(form: ReportForm | null | undefined, code: string, lang: 'vi' | 'en'): string {
  const el = formElements(form).find((e) => e.code === code);
  if (!el) return code;
  return (lang === 'en' ? el.labelEn || el.label : el.label || el.labelEn) || code;
}

/**
 * The body's `values` of a save: only the hand-entered elements (computed ones are recomputed by
 * the server and never taken from input); blank text and missing numbers become null.
 */
export function manualValues(
  form: ReportForm,
  values: Record<string, ReportValue | undefined>,
): Record<string, ReportValue> {
  const out: Record<string, ReportValue> = {};
  for (const el of formElements(form)) {
    if (el.source !== 'manual') continue;
    const v = values[el.code];
    if (v === undefined || v === null) out[el.code] = null;
    else if (el.valueType === 'number') {
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      out[el.code] = String(v).trim() === '' || !Number.isFinite(n) ? null : n;
    } else if (el.valueType === 'bool') out[el.code] = v === true || v === 'true';
    else {
      const s = String(v);
      out[el.code] = s.trim() === '' ? null : s;
    }
  }
  return out;
}

/** True when the hand-entered values differ from the saved ones (blank ≡ null). */
/**
 * The values a report's form edits: its values, except that a level's report (one with a
 * compilation) edits the **own** part of its hand-entered numbers — its `values` hold the totals
 * (compiled + own), and saving a total as the own part would count the units below twice.
 */
export function editableValues(
  form: ReportForm,
  report: Pick<Report, 'values' | 'compilation'>,
): Record<string, ReportValue> {
  const out: Record<string, ReportValue> = { ...report.values };
  const own = report.compilation?.own;
  if (!own) return out;
  for (const el of formElements(form)) if (el.source === 'manual' && el.valueType === 'number') out[el.code] = own[el.code] ?? null;
  return out;
}

export function manualChanged(
  form: ReportForm,
  saved: Record<string, ReportValue | undefined>,
  current: Record<string, ReportValue | undefined>,
): boolean {
  const a = manualValues(form, saved);
  const b = manualValues(form, current);
  return Object.keys(b).some((k) => a[k] !== b[k]);
}

/** The issues grouped by element, errors first within each; elements in the form's order. */
export function issuesByElement(
  form: ReportForm | null | undefined,
  issues: ReportIssue[],
): { field: string; issues: ReportIssue[] }[] {
  const order = new Map(formElements(form).map((e, i) => [e.code, i]));
  const groups = new Map<string, ReportIssue[]>();
  for (const i of issues) {
    const list = groups.get(i.field) ?? [];
    list.push(i);
    groups.set(i.field, list);
  }
  const rank = (s: Severity) => (s === 'error' ? 0 : 1);
  return [...groups.entries()]
    .map(([field, list]) => ({ field, issues: [...list].sort((x, y) => rank(x.severity) - rank(y.severity)) }))
    .sort((x, y) => (order.get(x.field) ?? 1e9) - (order.get(y.field) ?? 1e9));
}

/** The worst severity among an element's issues, or null. */
export function worstSeverity(issues: { severity: Severity }[] | undefined): Severity | null {
  if (!issues || issues.length === 0) return null;
  return issues.some((i) => i.severity === 'error') ? 'error' : 'warning';
}

/** The faults of a 400 validation_failed (error.details[]) as blocking issues. */
export function detailsToIssues(details: { field: string; message: string; messageEn: string }[]): ReportIssue[] {
  return details.map((d) => ({ field: d.field, severity: 'error', message: d.message, messageEn: d.messageEn }));
}

/** The period that contains `today`; else the latest that has begun; else the first. */
export function currentPeriod(periods: ReportPeriod[], today: string): ReportPeriod | null {
  if (periods.length === 0) return null;
  const inside = periods.find((p) => p.from <= today && today <= p.to);
  if (inside) return inside;
  const begun = periods.filter((p) => p.from <= today).sort((a, b) => b.from.localeCompare(a.from));
  return begun[0] ?? periods[0];
}

/** The years offered in the period picker: this year and the three before it. */
export function yearChoices(today: string, back = 3): number[] {
  const y = Number(today.slice(0, 4));
  return Array.from({ length: back + 1 }, (_, i) => y - i);
}

export interface FigureRow {
  code: string;
  label: string;
  section: string;
  compiled: number | null;
  own: number | null;
  total: number | null;
  computed: number | null;
  /** total = compiled + own (the figures add up). */
  addsUp: boolean;
  /** total = computed (every unit below has been accepted with the live figures). */
  matchesLive: boolean;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** The compiled figures per number element of the form, in the form's order. */
export function figureRows(form: ReportForm, c: ReportCompilation, lang: 'vi' | 'en'): FigureRow[] {
  const out: FigureRow[] = [];
  for (const s of form.sections) {
    for (const el of s.elements) {
      if (el.valueType !== 'number') continue;
      const compiled = num(c.compiled?.[el.code]);
      const own = num(c.own?.[el.code]);
      const total = num(c.total?.[el.code]);
      const computed = num(c.computed?.[el.code]);
      out.push({
        code: el.code,
        label: (lang === 'en' ? el.labelEn || el.label : el.label) || el.code,
        section: s.title,
        compiled,
        own,
        total,
        computed,
        addsUp: same(total ?? 0, (compiled ?? 0) + (own ?? 0)),
        // a hand-entered element has no live figure: nothing to cross-check
        matchesLive: computed === null || same(total ?? 0, computed),
      });
    }
  }
  return out;
}

/** Accepted reports as a whole percentage of the expected ones (0 when none are expected). */
export function acceptedPercent(c: { expected: number; accepted: number }): number {
  return c.expected > 0 ? Math.round((c.accepted / c.expected) * 100) : 0;
}

/** Folds Vietnamese diacritics and case for searching names ("Quy Nhơn" ~ "quy nhon"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * The units below as the table lists them: filtered by name or code and, when asked, to the late
 * and missing ones; the ones waiting for the officer (submitted) first, then late/missing, then
 * by name.
 */
export function unitRows(
  units: ReportCompileUnit[],
  opts: { q?: string; problemsOnly?: boolean } = {},
): ReportCompileUnit[] {
  const q = fold((opts.q ?? '').trim());
  const rank = (u: ReportCompileUnit) => (u.status === 'submitted' ? 0 : isLateOrMissing(u.timeliness) ? 1 : 2);
  return units
    .filter((u) => !q || fold(u.orgUnit.name).includes(q) || u.orgUnit.code.toLowerCase().includes(q))
    .filter((u) => !opts.problemsOnly || isLateOrMissing(u.timeliness))
    .sort((a, b) => rank(a) - rank(b) || a.orgUnit.name.localeCompare(b.orgUnit.name, 'vi'));
}

export interface Reminder {
  form: string;
  periodCode: string;
  periodLabel: string;
  periodLabelEn: string;
  deadline: string | null;
  timeliness: Timeliness | null;
  /** Past its deadline and not yet submitted (red); otherwise due soon (orange). */
  overdue: boolean;
  unitName: string | null;
}

/** One reminder from GET /api/reports/reminders, whichever of the Report-like fields it carries. */
export function normaliseReminder(r: ReportReminderRaw, today: string): Reminder {
  const period = typeof r.period === 'object' && r.period ? r.period : null;
  const periodCode = period?.code ?? (typeof r.period === 'string' ? r.period : '');
  const deadline = r.deadline ?? period?.deadline ?? null;
  const t = (r.timeliness ?? null) as Timeliness | null;
  const done = r.status === 'submitted' || r.status === 'accepted';
  const overdue = t ? isLateOrMissing(t) : !done && !!deadline && deadline < today;
  return {
    form: r.form ?? '',
    periodCode,
    periodLabel: period?.label ?? r.periodLabel ?? periodLabel(periodCode, 'vi'),
    periodLabelEn: period?.labelEn || periodLabel(periodCode, 'en'),
    deadline,
    timeliness: t,
    overdue,
    unitName: r.orgUnit?.name ?? null,
  };
}

/** The reminders of either answer shape ({items} or a bare list), overdue first, then by deadline. */
export function reminderList(
  resp: { items?: ReportReminderRaw[] } | ReportReminderRaw[] | null | undefined,
  today: string,
): Reminder[] {
  const raw = Array.isArray(resp) ? resp : (resp?.items ?? []);
  return raw
    .map((r) => normaliseReminder(r, today))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.deadline ?? '').localeCompare(b.deadline ?? ''));
}

/** Whole days from `today` to `deadline` (negative once it has passed); both "YYYY-MM-DD". */
export function daysUntil(deadline: string, today: string): number {
  const d = Date.UTC(+deadline.slice(0, 4), +deadline.slice(5, 7) - 1, +deadline.slice(8, 10));
  const t = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  return Math.round((d - t) / 86_400_000);
}
