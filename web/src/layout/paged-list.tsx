/**
 * The antd list pages (我的填报 / 填报查询, 填报任务): the filter card with antd Selects and the antd Table, over the
 * shared list state (layout/list-state.ts) and frame (layout/list-frame.tsx). The 待办 inbox uses the light widgets of
 * layout/light-list.tsx instead, so its first load carries neither Table nor Select.
 */
import { Select, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { type FilterSelectProps, type ListFiltersProps, ListFiltersWith, PagedFrame } from './list-frame';
import type { CursorList, RowCard } from './list-state';

export {
  type CursorList,
  OVERDUE_OPTIONS,
  type RowCard,
  useCursorList,
  useNarrow,
  useStepOptions,
  useUrlFilters,
  yearOptions,
} from './list-state';

/** One labelled, clearable filter of a list. */
export function FilterSelect(props: FilterSelectProps) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', maxWidth: '100%', minWidth: 0 }}>
      <span style={{ flex: 'none' }}>{props.label}：</span>
      <Select
        aria-label={props.ariaLabel}
        style={{ width: props.width, maxWidth: '100%', minWidth: 0 }}
        allowClear
        placeholder={props.placeholder}
        value={props.value || undefined}
        onChange={props.onChange}
        options={props.options}
      />
    </span>
  );
}

/** The filter card above a list: the keyword search and the form filter come first. */
export function ListFilters(props: ListFiltersProps) {
  return <ListFiltersWith {...props} Select={FilterSelect} />;
}

/** The list's table (or cards on a narrow screen): its error above, 加载更多 below while the API has more. */
export function PagedTable<T extends object>({
  list,
  rows,
  card,
  ...table
}: { list: CursorList<T>; rows?: T[]; card?: (row: T) => RowCard } & Omit<
  TableProps<T>,
  'dataSource' | 'loading' | 'pagination'
>) {
  const data = rows ?? list.items;
  const key = (row: T, index: number) =>
    typeof table.rowKey === 'function'
      ? String(table.rowKey(row, index))
      : String((row as Record<string, unknown>)[String(table.rowKey)]);
  return (
    <PagedFrame<T>
      list={list}
      data={data}
      rowKey={key}
      card={card}
      emptyText={table.locale?.emptyText as ReactNode}
      table={<Table<T> size="middle" {...table} loading={list.loading} dataSource={data} pagination={false} />}
    />
  );
}
