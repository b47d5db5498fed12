// The state of a list page — its filters, page, page size and sort — and how it is written in
// the address (URL search params), so a reload, back/forward and a shared link show the same
// list. Pure: no React. The address uses the API's own parameter names (q, year, orgUnit, …,
// sort, page, pageSize), so the query sent to the server is the state as it stands.
import type { Query } from '../../api/api';

/** How one filter is read from the address. */
export type ParamKind = 'string' | 'int' | 'bool' | 'id';

export type FilterValue = string | number | boolean | undefined;

export interface ListSpec<F extends object> {
  /** Each filter and how to read it; the order is the order in the address. */
  filters: { [K in keyof F]-?: ParamKind };
  /** Sort fields the server accepts (each also descending with '-'); others in the address are ignored. */
  sorts?: readonly string[];
  /** The sort when the address names none (not written to the address). */
  defaultSort?: string;
  /** Page size when the address names none (not written to the address). */
  pageSize?: number;
  /** Filter values when the address names none (e.g. "as of today"). */
  defaults?: Partial<F>;
}

export interface ListState<F extends object> {
  filters: Partial<F>;
  page: number;
  pageSize: number;
  sort?: string;
}

export const PAGE_SIZES = [20, 50, 100, 200];
export const DEFAULT_PAGE_SIZE = 50;

const INT = /^-?\d{1,15}$/;

/** One filter value from its text in the address; undefined when absent or not of its kind. */
export function readParam(kind: ParamKind, text: string | null): FilterValue {
  if (text === null || text === '') return undefined;
  switch (kind) {
    case 'string':
      return text;
    case 'int':
      return INT.test(text) ? Number(text) : undefined;
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'id':
      // Ids keep the server's type: digits are numbers (so they match the options' values).
      return INT.test(text) ? Number(text) : text;
  }
}

/** A filter value as text for the address; undefined when it is not to be written. */
export function writeParam(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

function validSort<F extends object>(spec: ListSpec<F>, sort: string | null): string | undefined {
  if (!sort) return undefined;
  if (!spec.sorts) return sort;
  const field = sort.startsWith('-') ? sort.slice(1) : sort;
  return spec.sorts.includes(field) ? sort : undefined;
}

/** The list state the address describes (unknown or malformed values fall back to the defaults). */
export function readListState<F extends object>(spec: ListSpec<F>, params: URLSearchParams): ListState<F> {
  const filters: Partial<F> = {};
  for (const key of Object.keys(spec.filters) as (keyof F & string)[]) {
    const v = readParam(spec.filters[key], params.get(key));
    const d = spec.defaults?.[key];
    if (v !== undefined) filters[key] = v as F[typeof key];
    else if (d !== undefined && !params.has(key)) filters[key] = d;
  }
  const pageText = params.get('page');
  const page = pageText && /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  const sizeText = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(sizeText) ? sizeText : (spec.pageSize ?? DEFAULT_PAGE_SIZE);
  const sort = validSort(spec, params.get('sort')) ?? spec.defaultSort;
  return { filters, page, pageSize, ...(sort ? { sort } : {}) };
}

/**
 * The address for a list state: defaults are left out (a plain /plans stays plain), parameters
 * the list does not own (another part of the page) are kept from `base`.
 */
export function writeListState<F extends object>(
  spec: ListSpec<F>,
  state: ListState<F>,
  base?: URLSearchParams,
): URLSearchParams {
  const owned = new Set<string>([...Object.keys(spec.filters), 'page', 'pageSize', 'sort']);
  const out = new URLSearchParams();
  if (base) for (const [k, v] of base) if (!owned.has(k)) out.append(k, v);
  for (const key of Object.keys(spec.filters) as (keyof F & string)[]) {
    const v = state.filters[key];
    const d = spec.defaults?.[key];
    const text = writeParam(v);
    if (text !== undefined) {
      if (d === undefined || writeParam(d) !== text) out.set(key, text);
    } else if (d !== undefined) {
      // A default the user cleared: written empty, so the address keeps the choice.
      out.set(key, '');
    }
  }
  if (state.sort && state.sort !== spec.defaultSort) out.set('sort', state.sort);
  if (state.page > 1) out.set('page', String(state.page));
  if (state.pageSize !== (spec.pageSize ?? DEFAULT_PAGE_SIZE)) out.set('pageSize', String(state.pageSize));
  return out;
}

/** The server's query for a list state: the filters given, then sort, page, pageSize. */
export function listQuery<F extends object>(state: ListState<F>): Query {
  const q: Query = {};
  for (const [k, v] of Object.entries(state.filters)) {
    const text = writeParam(v);
    if (text !== undefined) q[k] = typeof v === 'number' ? v : text;
  }
  if (state.sort) q.sort = state.sort;
  q.page = state.page;
  q.pageSize = state.pageSize;
  return q;
}

/** True when some filter differs from its default (a "clear filters" button is worth showing). */
export function isFiltering<F extends object>(spec: ListSpec<F>, state: ListState<F>): boolean {
  return (Object.keys(spec.filters) as (keyof F & string)[]).some(
    (k) => writeParam(state.filters[k]) !== writeParam(spec.defaults?.[k]),
  );
}

/** Ant's sort order for a column from the API's sort ("name" ascending, "-name" descending). */
export function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  return sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null;
}

/** Ant's sorter → the API's sort parameter ("name" or "-name"); undefined when unsorted. */
export function sortParam(field: unknown, order: 'ascend' | 'descend' | null | undefined): string | undefined {
  if (!order || typeof field !== 'string') return undefined;
  return order === 'descend' ? `-${field}` : field;
}

/** The state after a filter change: patched filters (undefined removes one), back to page 1. */
export function withFilters<F extends object>(state: ListState<F>, patch: Partial<F>): ListState<F> {
  const filters = { ...state.filters, ...patch };
  for (const k of Object.keys(filters) as (keyof F)[]) if (filters[k] === undefined) delete filters[k];
  return { ...state, filters, page: 1 };
}

/** The state after the pager moved: a new page size starts again at page 1. */
export function withPage<F extends object>(state: ListState<F>, page: number, pageSize: number): ListState<F> {
  return { ...state, page: pageSize !== state.pageSize ? 1 : page, pageSize };
}

/** The state after a column header was clicked: the new sort (or the default), page 1. */
export function withSort<F extends object>(spec: ListSpec<F>, state: ListState<F>, sort: string | undefined): ListState<F> {
  const next = sort ?? spec.defaultSort;
  const { sort: _old, ...rest } = state;
  return { ...rest, ...(next ? { sort: next } : {}), page: 1 };
}
