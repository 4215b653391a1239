/**
 * What the list pages (我的填报 / 填报查询, 待办 / 已办) share: filters kept in the URL, a cursor-paged
 * API list with 加载更多, the filter card with the form filter, and the table with its error line.
 */
import { Alert, Button, Card, Select, Space, Table, type TableProps } from 'antd';
import { type DependencyList, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../api/client';
import type { ListPage } from '../api/types';
import { useForms } from '../lib/reference-data';

/** Filter values read from and written to the query string (empty string when absent). */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
): [Record<K, string>, (key: K, value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const setFilter = (key: K, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [values, setFilter];
}

export interface CursorList<T> {
  items: T[];
  cursor: string | null;
  loading: boolean;
  error: unknown;
  loadMore(): void;
}

/**
 * A list read page by page: the first page whenever `deps` change, the next on `loadMore()`.
 * An answer that arrives after the filters changed is dropped.
 */
export function useCursorList<T>(
  fetchPage: (cursor: string | null) => Promise<ListPage<T>>,
  deps: DependencyList,
): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (from: string | null) => {
      const gen = from ? generation.current : ++generation.current;
      setLoading(true);
      try {
        const page = await fetchPage(from);
        if (gen !== generation.current) return;
        setItems((prev) => (from ? [...prev, ...page.items] : page.items));
        setCursor(page.cursor ?? null);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError(e);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists the deps of `fetchPage`
    deps,
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, cursor, loading, error, loadMore: () => void load(cursor) };
}

/** One labelled, clearable filter of a list. */
export function FilterSelect(props: {
  label: string;
  ariaLabel: string;
  placeholder: string;
  width: number;
  value: string;
  onChange(value: string | undefined): void;
  options: { value: string; label: string }[];
}) {
  return (
    <>
      <span>{props.label}：</span>
      <Select
        aria-label={props.ariaLabel}
        style={{ width: props.width }}
        allowClear
        placeholder={props.placeholder}
        value={props.value || undefined}
        onChange={props.onChange}
        options={props.options}
      />
    </>
  );
}

/** The filter card above a list; the form filter comes first. */
export function ListFilters({
  formId,
  onFormId,
  children,
}: {
  formId: string;
  onFormId(value: string | undefined): void;
  children?: ReactNode;
}) {
  const forms = useForms();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space wrap>
        <FilterSelect
          label="表单"
          ariaLabel="按表单筛选"
          placeholder="全部表单"
          width={260}
          value={formId}
          onChange={onFormId}
          options={forms.map((f) => ({ value: f.id, label: f.title }))}
        />
        {children}
      </Space>
    </Card>
  );
}

/** The list's table: its error above, 加载更多 below while the API has more. */
export function PagedTable<T extends object>({
  list,
  rows,
  ...table
}: { list: CursorList<T>; rows?: T[] } & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>) {
  return (
    <>
      {list.error ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<T> size="middle" {...table} loading={list.loading} dataSource={rows ?? list.items} pagination={false} />
      {list.cursor ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={list.loadMore} loading={list.loading}>
            加载更多
          </Button>
        </div>
      ) : null}
    </>
  );
}
