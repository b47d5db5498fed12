// A list page's table that becomes cards on a phone: under 768 px each row is a card listing
// the columns as "title: value" (the first column as the card's heading, the actions column at
// its foot), with the same pager, loading state, empty text and row click. Wider screens get
// antd's Table unchanged. Tables with selection or expandable rows stay tables (they scroll
// sideways inside their box).
import { useState, type Key, type ReactNode } from 'react';
import { Empty, Pagination, Spin, Table, type TableProps } from 'antd';
import type { ColumnGroupType, ColumnType } from 'antd/es/table';
import { useIsPhone } from '../responsive';

type AnyColumn<T> = ColumnType<T> | ColumnGroupType<T>;

/** The leaf columns in display order (column groups flattened), hidden ones left out. */
export function leaves<T>(columns: readonly AnyColumn<T>[] | undefined): ColumnType<T>[] {
  return (columns ?? []).flatMap((c) => {
    if ('children' in c && c.children) return leaves(c.children as AnyColumn<T>[]);
    return (c as ColumnType<T>).hidden ? [] : [c as ColumnType<T>];
  });
}

export function valueAt(record: unknown, path: ColumnType<unknown>['dataIndex']): unknown {
  if (path === undefined || path === null) return undefined;
  const parts = Array.isArray(path) ? path : [path];
  let v: unknown = record;
  for (const p of parts) v = v == null ? undefined : (v as Record<string | number, unknown>)[p as string | number];
  return v;
}

function cell<T>(col: ColumnType<T>, record: T, index: number): ReactNode {
  const value = valueAt(record, col.dataIndex as ColumnType<unknown>['dataIndex']);
  if (col.render) {
    const out = col.render(value, record, index);
    // A render may answer {children, props} (cell spans): the children are the content.
    if (out && typeof out === 'object' && 'children' in (out as object) && 'props' in (out as object)) {
      return (out as { children: ReactNode }).children;
    }
    return out as ReactNode;
  }
  return value === undefined || value === null ? '' : (value as ReactNode);
}

/** The row's buttons (a column keyed "act"/"actions", or fixed right): the card's foot, without a label. */
export const isActions = <T,>(c: ColumnType<T>) =>
  c.key === 'act' || c.key === 'actions' || c.key === 'action' || (c.fixed === 'right' && c.dataIndex === undefined);

function titleOf<T>(c: ColumnType<T>): ReactNode {
  return typeof c.title === 'function' ? null : (c.title as ReactNode);
}

export function ListTable<T extends object>(props: TableProps<T>) {
  const phone = useIsPhone();
  if (!phone || props.rowSelection || props.expandable) return <Table<T> {...props} />;
  return <CardList<T> {...props} />;
}

function CardList<T extends object>({
  columns,
  dataSource,
  rowKey,
  loading,
  pagination,
  onRow,
  locale,
  className,
  ...rest
}: TableProps<T>) {
  const cols = leaves(columns as AnyColumn<T>[]);
  const [head, ...others] = cols.filter((c) => !isActions(c));
  const actions = cols.filter(isActions);
  const rows = dataSource ?? [];
  const keyOf = (r: T, i: number): Key =>
    typeof rowKey === 'function' ? rowKey(r, i) : ((r as Record<string, Key>)[(rowKey as string) ?? 'key'] ?? i);
  const spinning = typeof loading === 'object' ? !!loading.spinning : !!loading;
  const testId = (rest as { 'data-testid'?: string })['data-testid'];
  // Without a server pager the cards show the rows of the current page, as the table would.
  const pager = pagination === false ? null : pagination ?? {};
  const pageSize = pager?.pageSize ?? 10;
  const [localPage, setLocalPage] = useState(1);
  const current = pager?.current ?? localPage;
  const shown = pager && pager.total === undefined ? rows.slice((current - 1) * pageSize, current * pageSize) : rows;

  return (
    <div className={`lg-card-list ${className ?? ''}`} data-testid={testId}>
      <Spin spinning={spinning}>
        {shown.length === 0 ? (
          !spinning && (typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />)
        ) : (
          shown.map((r, i) => {
            const rowProps = onRow?.(r, i) ?? {};
            return (
              <div
                key={keyOf(r, i)}
                className={`lg-card-row ${typeof rest.rowClassName === 'function' ? rest.rowClassName(r, i, 0) : rest.rowClassName ?? ''}`}
                onClick={rowProps.onClick}
                style={rowProps.onClick ? { cursor: 'pointer' } : undefined}
                data-row-key={String(keyOf(r, i))}
              >
                {head && <div className="lg-card-head">{cell(head, r, i)}</div>}
                {others.map((c, j) => {
                  const v = cell(c, r, i);
                  if (v === '' || v === null || v === undefined || v === false) return null;
                  return (
                    <div className="lg-card-field" key={String(c.key ?? c.dataIndex ?? j)}>
                      <span className="lg-card-label">{titleOf(c)}</span>
                      <span className="lg-card-value">{v}</span>
                    </div>
                  );
                })}
                {actions.length > 0 && (
                  <div className="lg-card-actions" onClick={(e) => e.stopPropagation()}>
                    {actions.map((c, j) => (
                      <span key={String(c.key ?? j)}>{cell(c, r, i)}</span>
                    ))}
                  </div>
                )}
              </div>
            );
          })
        )}
      </Spin>
      {pager && (pager.total ?? rows.length) > pageSize && (
        <Pagination
          simple
          size="small"
          className="lg-card-pager"
          current={current}
          pageSize={pageSize}
          total={pager.total ?? rows.length}
          showTotal={pager.showTotal}
          onChange={(page, size) => {
            setLocalPage(page);
            pager.onChange?.(page, size);
          }}
        />
      )}
      {pager && pager.showTotal && (pager.total ?? rows.length) <= pageSize && rows.length > 0 && (
        <div className="lg-card-total">{pager.showTotal(pager.total ?? rows.length, [1, rows.length])}</div>
      )}
    </div>
  );
}
