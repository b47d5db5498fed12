import { describe, expect, it } from 'vitest';
import {
  isFiltering,
  listQuery,
  readListState,
  sortOrderOf,
  sortParam,
  withFilters,
  withPage,
  withSort,
  writeListState,
  type ListSpec,
  type ListState,
} from './listState';

interface F {
  q?: string;
  year?: number;
  planned?: boolean;
  agencyId?: string | number;
  asOf?: string;
}

const SPEC: ListSpec<F> = {
  filters: { q: 'string', year: 'int', planned: 'bool', agencyId: 'id', asOf: 'string' },
  sorts: ['startDate', 'title'],
  defaultSort: '-startDate',
};

const read = (s: string, spec: ListSpec<F> = SPEC) => readListState(spec, new URLSearchParams(s));
const write = (st: ListState<F>, spec: ListSpec<F> = SPEC, base?: string) =>
  writeListState(spec, st, base === undefined ? undefined : new URLSearchParams(base)).toString();

describe('list state in the address', () => {
  it('reads an empty address as the defaults', () => {
    expect(read('')).toEqual({ filters: {}, page: 1, pageSize: 50, sort: '-startDate' });
    expect(write(read(''))).toBe('');
  });

  it('round-trips filters of every kind, sort, page and page size', () => {
    const state: ListState<F> = {
      filters: { q: 'Hà Nội', year: 2026, planned: false, agencyId: 12 },
      page: 3,
      pageSize: 100,
      sort: 'title',
    };
    const text = write(state);
    expect(text).toBe('q=H%C3%A0+N%E1%BB%99i&year=2026&planned=false&agencyId=12&sort=title&page=3&pageSize=100');
    expect(read(text)).toEqual(state);
  });

  it('keeps ids that are not numbers as text', () => {
    expect(read('agencyId=abc').filters.agencyId).toBe('abc');
    expect(read('agencyId=7').filters.agencyId).toBe(7);
  });

  it('drops malformed values instead of sending them to the server', () => {
    const s = read('year=20x6&planned=maybe&page=0&pageSize=37&sort=-password');
    expect(s).toEqual({ filters: {}, page: 1, pageSize: 50, sort: '-startDate' });
    expect(read('page=-2').page).toBe(1);
    expect(read('page=4&pageSize=200')).toMatchObject({ page: 4, pageSize: 200 });
  });

  it('accepts both directions of a known sort', () => {
    expect(read('sort=startDate').sort).toBe('startDate');
    expect(read('sort=-title').sort).toBe('-title');
    expect(write(read('sort=-startDate'))).toBe('');
  });

  it('keeps parameters the list does not own', () => {
    const st = withFilters(read('tab=x&q=a'), { year: 2025 });
    expect(write(st, SPEC, 'tab=x&q=a')).toBe('tab=x&q=a&year=2025');
  });

  it('applies a default filter unless the address clears it', () => {
    const spec: ListSpec<F> = { ...SPEC, defaults: { asOf: '2026-12-03' } };
    expect(read('', spec).filters.asOf).toBe('2026-12-03');
    expect(write(read('', spec), spec)).toBe('');
    const cleared = withFilters(read('', spec), { asOf: undefined });
    expect(write(cleared, spec)).toBe('asOf=');
    expect(read('asOf=', spec).filters.asOf).toBeUndefined();
    expect(read('asOf=2020-01-01', spec).filters.asOf).toBe('2020-01-01');
    expect(isFiltering(spec, read('', spec))).toBe(false);
    expect(isFiltering(spec, cleared)).toBe(true);
  });
});

describe('list state changes', () => {
  it('a filter change goes back to page 1; undefined removes the filter', () => {
    const s = withFilters(read('q=a&year=2024&page=5'), { year: undefined, planned: true });
    expect(s).toEqual({ filters: { q: 'a', planned: true }, page: 1, pageSize: 50, sort: '-startDate' });
    expect(isFiltering(SPEC, s)).toBe(true);
    expect(isFiltering(SPEC, read('page=2'))).toBe(false);
  });

  it('a new page size starts at page 1, a new page keeps the size', () => {
    expect(withPage(read('page=3'), 4, 50)).toMatchObject({ page: 4, pageSize: 50 });
    expect(withPage(read('page=3'), 3, 100)).toMatchObject({ page: 1, pageSize: 100 });
  });

  it('a sort change goes back to page 1; no sort means the default', () => {
    expect(withSort(SPEC, read('page=3'), 'title')).toMatchObject({ page: 1, sort: 'title' });
    expect(withSort(SPEC, read('sort=title'), undefined).sort).toBe('-startDate');
    expect(withSort({ filters: SPEC.filters }, read('sort=title'), undefined).sort).toBeUndefined();
  });
});

describe('the query sent to the server', () => {
  it('carries the filters under their API names with page, pageSize and sort', () => {
    expect(listQuery(read('q=x&year=2026&planned=true&agencyId=3&page=2&pageSize=20&sort=title'))).toEqual({
      q: 'x',
      year: 2026,
      planned: 'true',
      agencyId: 3,
      sort: 'title',
      page: 2,
      pageSize: 20,
    });
  });

  it('always names the page and the page size, and the default sort', () => {
    expect(listQuery(read(''))).toEqual({ sort: '-startDate', page: 1, pageSize: 50 });
    expect(listQuery(read('', { filters: SPEC.filters }))).toEqual({ page: 1, pageSize: 50 });
  });
});

describe('Ant table sorter ↔ sort parameter', () => {
  it('maps orders both ways', () => {
    expect(sortParam('name', 'ascend')).toBe('name');
    expect(sortParam('name', 'descend')).toBe('-name');
    expect(sortParam('name', null)).toBeUndefined();
    expect(sortParam(['a', 'b'], 'ascend')).toBeUndefined();
    expect(sortOrderOf('-name', 'name')).toBe('descend');
    expect(sortOrderOf('name', 'name')).toBe('ascend');
    expect(sortOrderOf('name', 'year')).toBeNull();
  });
});
