// The list kit: list state in the address, the filter bar, the table's pager and sorter.
export * from './listState';
export { useListState, type ListControl } from './useListState';
export { FilterBar, SearchFilter, useDraft } from './FilterBar';
export { ListTable } from './ListTable';
