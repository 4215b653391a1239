/**
 * Light list widgets for the 待办 inbox, the page most users open first: a native <select> filter, a plain
 * accessible <table> and a tag, styled like antd's (light-list.css). antd Table (with Tree and Dropdown for column
 * filters) and Select (with virtual list and Pagination) weigh about 85 KB gzip; the inbox uses none of their features.
 */
import { Spin } from 'antd';
import type { Key, ReactNode } from 'react';
import { type FilterSelectProps, type ListFiltersProps, ListFiltersWith, PagedFrame } from './list-frame';
import type { CursorList, RowCard } from './list-state';
import './light-list.css';

/** One labelled filter as a native select; its first option (the placeholder, e.g. 全部单位) clears it. */
export function LightFilterSelect(props: FilterSelectProps) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', maxWidth: '100%', minWidth: 0 }}>
      <span style={{ flex: 'none' }}>{props.label}：</span>
      <select
        className="light-select"
        aria-label={props.ariaLabel}
        style={{ width: props.width }}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value || undefined)}
      >
        <option value="">{props.placeholder}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {/* A value from the URL that is not (yet) among the options stays shown. */}
        {props.value && !props.options.some((o) => o.value === props.value) ? (
          <option value={props.value}>{props.value}</option>
        ) : null}
      </select>
    </span>
  );
}

/** The inbox's filter card: keyword, form, then the page's own filters, all native selects. */
export function LightListFilters(props: ListFiltersProps) {
  return <ListFiltersWith {...props} Select={LightFilterSelect} />;
}

/** A small label beside a value (抄送, 第2轮), like antd's Tag. */
export function LightTag({ tone, children }: { tone?: 'warning'; children: ReactNode }) {
  return <span className={tone ? `light-tag light-tag-${tone}` : 'light-tag'}>{children}</span>;
}

export interface LightColumn<T> {
  title: string;
  key: string;
  width?: number;
  render(row: T): ReactNode;
}

/** A plain table: a header row, one row per item, the empty text when there is none; dimmed while loading. */
export function LightTable<T>({
  columns,
  rows,
  rowKey,
  rowClassName,
  loading,
  emptyText,
}: {
  columns: LightColumn<T>[];
  rows: T[];
  rowKey(row: T): Key;
  rowClassName?: (row: T) => string;
  loading: boolean;
  emptyText: ReactNode;
}) {
  return (
    <div className="light-table-wrap" aria-busy={loading}>
      <table className="light-table">
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="light-table-empty">
              <td colSpan={columns.length}>{loading ? '' : emptyText}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row) || undefined}>
                {columns.map((c) => (
                  <td key={c.key}>{c.render(row)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {loading ? (
        <div className="light-table-loading">
          <Spin />
        </div>
      ) : null}
    </div>
  );
}

/** The inbox's list: the light table (or cards on a narrow screen), its error above, 加载更多 below. */
export function LightPagedTable<T>({
  list,
  rows,
  card,
  ...table
}: {
  list: CursorList<T>;
  rows: T[];
  card?: (row: T) => RowCard;
  columns: LightColumn<T>[];
  rowKey(row: T): string;
  rowClassName?: (row: T) => string;
  emptyText: ReactNode;
}) {
  return (
    <PagedFrame<T>
      list={list}
      data={rows}
      rowKey={table.rowKey}
      card={card}
      emptyText={table.emptyText}
      table={<LightTable<T> {...table} rows={rows} loading={list.loading} />}
    />
  );
}
