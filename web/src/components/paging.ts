// Table pagination wired to the API's page/pageSize/total.
import type { TablePaginationConfig } from 'antd';
import { formatNumber } from '../format';
import type { MessageKey } from '../i18n';

export const PAGE_SIZES = [20, 50, 100, 200];

export function pagination(
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number, pageSize: number) => void,
  /** The server stopped counting (totalCapped): the total reads "more than N". */
  capped = false,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (tot, [from, to]) =>
      t(capped ? 'common.rangeCapped' : 'common.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(tot) }),
    onChange,
  };
}

/** Ant's sorter → the API's sort parameter ("name" or "-name"). */
export function sortParam(field: unknown, order: 'ascend' | 'descend' | null | undefined): string | undefined {
  if (!order || typeof field !== 'string') return undefined;
  return order === 'descend' ? `-${field}` : field;
}
