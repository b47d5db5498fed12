// The list state of a page kept in the address (see listState.ts), with the setters a filter
// bar and a table need: every change is a new history entry, so back/forward step through it.
import { useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Query } from '../../api/api';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import {
  isFiltering,
  listQuery,
  PAGE_SIZES,
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

export interface ListControl<F extends object> extends ListState<F> {
  /** The server's query: filters, sort, page, pageSize. */
  query: Query;
  /** Some filter differs from its default. */
  filtering: boolean;
  /** Changes filters (undefined clears one) and goes back to page 1. */
  setFilters: (patch: Partial<F>) => void;
  /** Back to the default filters, page 1. */
  clearFilters: () => void;
  setSort: (sort: string | undefined) => void;
  /** A column's sort order, for a controlled `sortOrder`. */
  sortOrder: (field: string) => 'ascend' | 'descend' | null;
  /** The table's pager: page, size, "1–50 of 1.234" (or "of more than …" when the server stopped counting). */
  pagination: (total: number | undefined, capped?: boolean) => TablePaginationConfig;
  /** The table's onChange: a click on a sortable header (a column's `key`, else its `dataIndex`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any row type: only the sorter's field and order are read
  onTableChange: (pagination: unknown, filters: unknown, sorter: SorterResult<any> | SorterResult<any>[], extra: { action: string }) => void;
}

export function useListState<F extends object>(spec: ListSpec<F>): ListControl<F> {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  // Several changes in one event (the pager and the table both answer a click) build on each other.
  const latest = useRef(params);
  latest.current = params;
  const key = params.toString();
  // The spec is a constant of its page; the state follows the address alone.
  const state = useMemo(() => readListState(spec, params), [key]);

  const commit = (next: (s: ListState<F>) => ListState<F>) => {
    const current = readListState(spec, latest.current);
    const written = writeListState(spec, next(current), latest.current);
    if (written.toString() === latest.current.toString()) return;
    latest.current = written;
    setParams(written);
  };

  return {
    ...state,
    query: listQuery(state),
    filtering: isFiltering(spec, state),
    setFilters: (patch) => commit((s) => withFilters(s, patch)),
    clearFilters: () => commit((s) => ({ ...s, filters: { ...(spec.defaults ?? {}) }, page: 1 })),
    setSort: (sort) => commit((s) => withSort(spec, s, sort)),
    sortOrder: (field) => sortOrderOf(state.sort, field),
    pagination: (total, capped = false) => ({
      current: state.page,
      pageSize: state.pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES,
      showTotal: (tot, [from, to]) =>
        t(capped ? 'common.rangeCapped' : 'common.range', {
          from: formatNumber(from),
          to: formatNumber(to),
          total: formatNumber(tot),
        }),
      onChange: (page, pageSize) => commit((s) => withPage(s, page, pageSize)),
    }),
    onTableChange: (_p, _f, sorter, extra) => {
      if (extra.action !== 'sort') return;
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.columnKey ?? (typeof s?.field === 'string' ? s.field : undefined);
      commit((st) => withSort(spec, st, sortParam(field, s?.order)));
    },
  };
}
