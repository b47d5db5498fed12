// The analytics pivot (POST /api/analytics/pivot, see docs/api-analytics.md and the contract in
// the issue) as the pivot page and the dashboard use it: the request state kept in the address,
// the table model with totals, and the meta lists normalised for pickers. Pure: tested directly.

import type { Lang } from './i18n/translate';
export type Measure = 'activities' | 'reached' | 'female' | 'male' | 'age' | 'output' | 'cost' | string;

export interface PivotFilters {
  from?: string;
  to?: string;
  orgUnit?: string;
  types?: string[];
  typeGroups?: string[];
  targetGroups?: string[];
  targetGroupGroups?: string[];
  agencies?: (number | string)[];
  programmes?: (number | string)[];
  fundingSources?: string[];
  outputKinds?: string[];
  ageBands?: string[];
  planned?: boolean;
}

export interface PivotRequest {
  measure: Measure;
  rows: string[];
  columns: string[];
  filters: PivotFilters;
  asOf?: string;
  suppressBelow?: number;
}

export type Key = (string | null)[];

export interface PivotResponse {
  measure: string;
  rows: string[];
  columns: string[];
  rowKeys: Key[];
  rowLabels: (string | null)[][];
  columnKeys: Key[];
  columnLabels: (string | null)[][];
  /** The same labels in English (period names, taxonomies; unit names as they are). */
  rowLabelsEn?: (string | null)[][];
  columnLabelsEn?: (string | null)[][];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
  suppressed: boolean;
  facts?: number;
  elapsedMs?: number;
  engine?: string;
}

/** One entry of a picker: code, Vietnamese and English labels. */
export interface MetaItem {
  code: string;
  label: string;
  labelEn: string;
  /** For a measure: the dimensions it can be broken down by (absent: all). */
  dimensions?: string[];
}

export interface AnalyticsMeta {
  measures: MetaItem[];
  dimensions: MetaItem[];
  /** Members of the small dimensions (type, typeGroup, targetGroup, fundingSource, …). */
  members: Record<string, MetaItem[]>;
}

/** The dimensions the contract names, used when GET /api/analytics/meta is not there yet. */
export const DIMENSIONS = [
  'province', 'district', 'commune', 'unit', 'type', 'typeGroup', 'targetGroup', 'targetGroupGroup', 'ageBand',
  'agency', 'programme', 'fundingSource', 'fundingGroup', 'outputKind', 'planned', 'year', 'half', 'quarter',
  'month', 'day',
] as const;
export const MEASURES = ['activities', 'reached', 'female', 'male', 'age', 'output', 'cost'] as const;
/** Measures that count people (suppression applies to them, the map offers them first). */
export const PEOPLE_MEASURES = new Set(['reached', 'female', 'male', 'age']);

function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function item(raw: unknown): MetaItem | null {
  if (typeof raw === 'string') return { code: raw, label: raw, labelEn: raw };
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const code = text(o.code ?? o.key ?? o.id);
  if (!code) return null;
  const label = text(o.label ?? o.labelVi ?? o.name ?? o.nameVi) || code;
  const labelEn = text(o.labelEn ?? o.nameEn) || label;
  const out: MetaItem = { code, label, labelEn };
  if (Array.isArray(o.dimensions)) out.dimensions = o.dimensions.map(text).filter(Boolean);
  return out;
}

function items(raw: unknown): MetaItem[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(item).filter((x): x is MetaItem => x !== null);
}

/**
 * GET /api/analytics/meta read leniently: lists of {code,label,labelEn} (or name/nameVi/nameEn);
 * members either under `members` or as a `members` array inside each dimension.
 */
export function normaliseMeta(raw: unknown): AnalyticsMeta {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const members: Record<string, MetaItem[]> = {};
  const rawMembers = o.members;
  if (rawMembers && typeof rawMembers === 'object' && !Array.isArray(rawMembers)) {
    for (const [k, v] of Object.entries(rawMembers as Record<string, unknown>)) members[k] = items(v);
  }
  const dims = Array.isArray(o.dimensions) ? o.dimensions : [];
  for (const d of dims) {
    if (d && typeof d === 'object' && Array.isArray((d as Record<string, unknown>).members)) {
      const code = item(d)?.code;
      if (code && !members[code]) members[code] = items((d as Record<string, unknown>).members);
    }
  }
  const measures = items(o.measures);
  const dimensions = items(dims);
  return {
    measures: measures.length ? measures : MEASURES.map((m) => ({ code: m, label: m, labelEn: m })),
    dimensions: dimensions.length ? dimensions : DIMENSIONS.map((d) => ({ code: d, label: d, labelEn: d })),
    members,
  };
}

/** May `measure` be broken down by `dim`? (true when meta does not say) */
export function applies(meta: AnalyticsMeta, measure: string, dim: string): boolean {
  const m = meta.measures.find((x) => x.code === measure);
  return !m?.dimensions || m.dimensions.includes(dim);
}

// ----- the pivot state in the address (?measure=reached&rows=province&cols=year&from=…) -----

const LIST_FILTERS = ['types', 'typeGroups', 'targetGroups', 'targetGroupGroups', 'fundingSources', 'outputKinds', 'ageBands'] as const;

export function pivotToSearch(p: PivotRequest): URLSearchParams {
  const s = new URLSearchParams();
  s.set('measure', p.measure);
  s.set('rows', p.rows.join(','));  // '' is "none", absent is "the default"
  s.set('cols', p.columns.join(','));
  const f = p.filters;
  if (f.from) s.set('from', f.from);
  if (f.to) s.set('to', f.to);
  if (f.orgUnit) s.set('orgUnit', f.orgUnit);
  for (const k of LIST_FILTERS) {
    const v = f[k];
    if (v && v.length) s.set(k, v.join(','));
  }
  if (f.planned !== undefined) s.set('planned', String(f.planned));
  if (p.asOf) s.set('asOf', p.asOf);
  return s;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: string | null) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** The state an address holds; anything missing or malformed takes the default. */
export function pivotFromSearch(s: URLSearchParams, defaults: PivotRequest): PivotRequest {
  const dims = (v: string | null, fallback: string[]) => {
    if (v === null) return fallback;
    const out: string[] = [];
    for (const d of list(v)) if (!out.includes(d) && out.length < 3) out.push(d);
    return out;
  };
  const date = (k: string, fallback?: string) => {
    const v = s.get(k);
    return v && ISO.test(v) ? v : fallback;
  };
  const filters: PivotFilters = {
    from: date('from', defaults.filters.from),
    to: date('to', defaults.filters.to),
    orgUnit: s.get('orgUnit') || defaults.filters.orgUnit,
  };
  for (const k of LIST_FILTERS) {
    const v = list(s.get(k));
    if (v.length) filters[k] = v;
  }
  const planned = s.get('planned');
  if (planned === 'true' || planned === 'false') filters.planned = planned === 'true';
  const rows = dims(s.get('rows'), defaults.rows);
  const columns = dims(s.get('cols'), defaults.columns).filter((d) => !rows.includes(d));
  return { measure: s.get('measure') || defaults.measure, rows, columns, filters, asOf: date('asOf', defaults.asOf) };
}

/** The request body: empty filters left out. */
export function pivotBody(p: PivotRequest): PivotRequest {
  const filters: PivotFilters = {};
  for (const [k, v] of Object.entries(p.filters) as [keyof PivotFilters, unknown][]) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    (filters as Record<string, unknown>)[k] = v;
  }
  const body: PivotRequest = { measure: p.measure, rows: p.rows, columns: p.columns, filters };
  if (p.asOf) body.asOf = p.asOf;
  if (p.suppressBelow) body.suppressBelow = p.suppressBelow;
  return body;
}

// ----- the table -----

export interface TableColumn {
  key: string;
  /** Header cells from the outermost column dimension inwards (one per column dimension). */
  headers: string[];
  index: number; // into cells[r]; -1 for the total column
}

export interface TableRow {
  key: string;
  labels: string[]; // one per row dimension
  values: (number | null)[]; // one per column of `columns`, the row total last
}

export interface PivotTable {
  rowDims: string[];
  columns: TableColumn[]; // the data columns and then "total"
  rows: TableRow[];
  totals: (number | null)[]; // the column totals, the grand total last
}

/** Shown for a key null (a fact with no unit at that level on asOf, etc.). */
export const OTHER_LABEL = 'Khác';

/**
 * The key of an org dimension for the work of units abolished by the 07/2025 reorganisation
 * (e.g. a former district) that cannot be placed in one of today's units of that level.
 */
export const FORMER_UNITS_KEY = '~former';

const labelOf = (labels: (string | null)[][] | undefined, keys: Key[], i: number, lang: Lang = 'vi'): string[] =>
  (keys[i] ?? []).map((k, j) => labels?.[i]?.[j] ?? (k === null ? (lang === 'en' ? 'Other' : OTHER_LABEL) : String(k)));

/** The labels of the language: the English ones when there are, else the Vietnamese ones. */
const rowLabelsIn = (r: PivotResponse, lang: Lang) => (lang === 'en' && r.rowLabelsEn ? r.rowLabelsEn : r.rowLabels);
const columnLabelsIn = (r: PivotResponse, lang: Lang) =>
  (lang === 'en' && r.columnLabelsEn ? r.columnLabelsEn : r.columnLabels);

export function pivotTable(r: PivotResponse, totalLabel = 'Tổng', lang: Lang = 'vi'): PivotTable {
  const columns: TableColumn[] = r.columnKeys.map((k, i) => ({
    key: JSON.stringify(k),
    headers: labelOf(columnLabelsIn(r, lang), r.columnKeys, i, lang),
    index: i,
  }));
  columns.push({ key: '__total', headers: [totalLabel], index: -1 });
  const rows: TableRow[] = r.rowKeys.map((k, i) => ({
    key: JSON.stringify(k),
    labels: labelOf(rowLabelsIn(r, lang), r.rowKeys, i, lang),
    values: [...(r.cells[i] ?? []), r.rowTotals[i] ?? null],
  }));
  return { rowDims: r.rows, columns, rows, totals: [...r.columnTotals, r.total] };
}

/** {key → value} of a one-dimensional answer (rows only or columns only), keys joined by "|". */
export function seriesOf(r: PivotResponse, lang: Lang = 'vi'): { keys: string[]; labels: string[]; values: (number | null)[] } {
  const byRows = r.rows.length > 0;
  const keys = byRows ? r.rowKeys : r.columnKeys;
  const labels = byRows ? rowLabelsIn(r, lang) : columnLabelsIn(r, lang);
  const values = byRows ? r.rowTotals : r.columnTotals;
  return {
    keys: keys.map((k) => k.map((x) => (x === null ? '' : String(x))).join('|')),
    labels: keys.map((_, i) => labelOf(labels, keys, i, lang).join(' · ')),
    values: keys.map((_, i) => values[i] ?? null),
  };
}

// ----- periods -----

/** The six-monthly reporting period that contains a day: "2026-07-15" → "2026-H2". */
export function halfOf(iso: string): string {
  const y = iso.slice(0, 4);
  return Number(iso.slice(5, 7)) <= 6 ? `${y}-H1` : `${y}-H2`;
}

/** The half-year before: "2026-H1" → "2025-H2". */
export function previousHalf(code: string): string {
  const y = Number(code.slice(0, 4));
  return code.endsWith('H2') ? `${y}-H1` : `${y - 1}-H2`;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/**
 * The official name of a period key — the web's one place for period names (the server's is
 * domain/reporting period_name, with the same wording):
 * "2024" → "Năm 2024" / "Year 2024"; "2024-H1" → "6 tháng đầu năm 2024" / "First half of 2024";
 * "2024-Q3" → "Quý III/2024" / "Q3 2024"; "2024-07" → "Tháng 7/2024" / "July 2024"; others as they are.
 */
export function periodLabel(key: string, lang: Lang = 'vi'): string {
  const en = lang === 'en';
  let m = /^(\d{4})$/.exec(key);
  if (m) return en ? `Year ${m[1]}` : `Năm ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return en ? `Q${m[2]} ${m[1]}` : `Quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`;
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) {
    if (en) return `${m[2] === '1' ? 'First' : 'Second'} half of ${m[1]}`;
    return `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`;
  }
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12)
    return en ? `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}` : `Tháng ${Number(m[2])}/${m[1]}`;
  return key;
}

/** A period object of the API ({label, labelEn}) in the language; its code's name when it has none. */
export function periodName(p: { code?: string; label?: string | null; labelEn?: string | null }, lang: Lang): string {
  const own = lang === 'en' ? p.labelEn : p.label;
  return own || (p.code ? periodLabel(p.code, lang) : '') || p.label || '';
}
