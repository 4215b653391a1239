/**
 * What the list pages (我的填报 / 填报查询, 待办 / 已办) share: filters kept in the URL, a cursor-paged
 * API list with 加载更多, the filter card (keyword, form, then the page's own filters), and the table
 * with its error line — or, on a narrow screen (below 768 px), one card per row.
 */
import { Alert, Button, Grid, Input, Select, Spin, Table, type TableProps } from 'antd';
import { type DependencyList, lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../api/client';
import { definitionsApi } from '../api/submissions-api';
import type { ListPage } from '../api/types';
import { loadForms, useForms } from '../lib/reference-data';

// Cards (antd Card pulls in Tabs) only on a narrow screen: the desktop lists load without them.
const RowCards = lazy(() => import('./row-cards')) as unknown as typeof import('./row-cards').default;

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
  /** Reads the first page again (after a row was deleted). */
  reload(): void;
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

  return { items, cursor, loading, error, loadMore: () => void load(cursor), reload: () => void load(null) };
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

/** Years offered by the 年度 filter: next year back to five years ago. */
export function yearOptions(now = new Date()): { value: string; label: string }[] {
  const next = now.getFullYear() + 1;
  return Array.from({ length: 7 }, (_, i) => String(next - i)).map((y) => ({ value: y, label: `${y}年` }));
}

export const OVERDUE_OPTIONS = [
  { value: 'true', label: '已逾期' },
  { value: 'false', label: '未逾期' },
];

let stepNamesPromise: Promise<Map<string, string[]>> | null = null;

/** Review step names per published form (from each form's chain version), for the 环节 filter. */
function loadStepNames(): Promise<Map<string, string[]>> {
  stepNamesPromise ??= loadForms()
    .then((forms) =>
      Promise.all(
        forms.map(async (f) => {
          if (!f.chainId || !f.chainVersion) return [f.id, []] as const;
          const chain = await definitionsApi.chainVersion(f.chainId, f.chainVersion);
          return [f.id, chain.steps.filter((s) => s.kind !== 'notify').map((s) => s.name)] as const;
        }),
      ),
    )
    .then((pairs) => new Map(pairs.map(([id, names]) => [id, [...names]])))
    .catch((e) => {
      stepNamesPromise = null;
      throw e;
    });
  return stepNamesPromise;
}

/** Options of the 环节 filter: the steps of the chosen form, or of every form. */
export function useStepOptions(formId: string): { value: string; label: string }[] {
  const [byForm, setByForm] = useState<Map<string, string[]>>(new Map());
  useEffect(() => {
    loadStepNames()
      .then(setByForm)
      .catch(() => setByForm(new Map()));
  }, []);
  const names = formId ? (byForm.get(formId) ?? []) : [...byForm.values()].flat();
  return [...new Set(names)].map((n) => ({ value: n, label: n }));
}

/** Below antd's md breakpoint (768 px) lists render as cards. */
export function useNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** The filter card above a list: the keyword search and the form filter come first. */
export function ListFilters({
  formId,
  onFormId,
  keyword,
  onKeyword,
  keywordPlaceholder,
  children,
}: {
  formId: string;
  onFormId(value: string | undefined): void;
  keyword: string;
  onKeyword(value: string | undefined): void;
  keywordPlaceholder: string;
  children?: ReactNode;
}) {
  const forms = useForms();
  const [text, setText] = useState(keyword);
  useEffect(() => setText(keyword), [keyword]);
  return (
    <div className="filter-bar">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 16px', minWidth: 0 }}>
        <Input.Search
          aria-label="关键词搜索"
          placeholder={keywordPlaceholder}
          allowClear
          maxLength={50}
          style={{ width: 280, maxWidth: '100%' }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) onKeyword(undefined);
          }}
          onSearch={(v) => onKeyword(v.trim() || undefined)}
        />
        <FilterSelect
          label="表单"
          ariaLabel="按表单筛选"
          placeholder="全部表单"
          width={240}
          value={formId}
          onChange={onFormId}
          options={forms.map((f) => ({ value: f.id, label: f.title }))}
        />
        {children}
      </div>
    </div>
  );
}

/** One row as a card on a narrow screen: a title, labelled lines and actions. */
export interface RowCard {
  title: ReactNode;
  extra?: ReactNode;
  lines: [label: string, value: ReactNode][];
  actions?: ReactNode[];
  className?: string;
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
  const narrow = useNarrow();
  const data = rows ?? list.items;
  const key = (row: T, index: number) =>
    typeof table.rowKey === 'function'
      ? table.rowKey(row, index)
      : String((row as Record<string, unknown>)[String(table.rowKey)]);
  return (
    <>
      {list.error ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />
      ) : null}
      {narrow && card ? (
        <Suspense fallback={<Spin />}>
          <RowCards<T>
            data={data}
            loading={list.loading}
            rowKey={(row) => String(key(row, data.indexOf(row)))}
            card={card}
            emptyText={table.locale?.emptyText as ReactNode}
          />
        </Suspense>
      ) : (
        <Table<T> size="middle" {...table} loading={list.loading} dataSource={data} pagination={false} />
      )}
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
