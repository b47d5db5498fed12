// The analytics pivot (POST /api/analytics/pivot, see docs/api-analytics.md and the contract in
// the issue) as the pivot page and the dashboard use it: the request state kept in the address,
// the table model with totals, and the meta lists normalised for pickers. Pure: tested directly.

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

const labelOf = (labels: (string | null)[][] | undefined, keys: Key[], i: number): string[] =>
  (keys[i] ?? []).map((k, j) => labels?.[i]?.[j] ?? (k === null ? OTHER_LABEL : String(k)));

export function pivotTable(r: PivotResponse, totalLabel = 'Tổng'): PivotTable {
  const columns: TableColumn[] = r.columnKeys.map((k, i) => ({
    key: JSON.stringify(k),
    headers: labelOf(r.columnLabels, r.columnKeys, i),
    index: i,
  }));
  columns.push({ key: '__total', headers: [totalLabel], index: -1 });
  const rows: TableRow[] = r.rowKeys.map((k, i) => ({
    key: JSON.stringify(k),
    labels: labelOf(r.rowLabels, r.rowKeys, i),
    values: [...(r.cells[i] ?? []), r.rowTotals[i] ?? null],
  }));
  return { rowDims: r.rows, columns, rows, totals: [...r.columnTotals, r.total] };
}

/** {key → value} of a one-dimensional answer (rows only or columns only), keys joined by "|". */
export function seriesOf(r: PivotResponse): { keys: string[]; labels: string[]; values: (number | null)[] } {
  const byRows = r.rows.length > 0;
  const keys = byRows ? r.rowKeys : r.columnKeys;
  const labels = byRows ? r.rowLabels : r.columnLabels;
  const values = byRows ? r.rowTotals : r.columnTotals;
  return {
    keys: keys.map((k) => k.map((x) => (x === null ? '' : String(x))).join('|')),
    labels: keys.map((_, i) => labelOf(labels, keys, i).join(' · ')),
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

/** "2024-Q3" → "Q3/2024"; "2024-H1" → "6T đầu 2024"; others as they are. */
export function periodLabel(key: string): string {
  let m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `Q${m[2]}/${m[1]}`;
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return `${m[2] === '1' ? '6T đầu' : '6T cuối'} ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[2]}/${m[1]}`;
  return key;
}
