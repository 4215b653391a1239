/**
 * The state of a list page (我的填报 / 填报查询, 待办 / 已办, 填报任务): filters kept in the URL, a cursor-paged API
 * list with 加载更多, the 环节 filter's options and the narrow-screen switch. No antd widgets here, so the light inbox
 * (layout/light-list.tsx) and the antd lists (layout/paged-list.tsx) share it without loading each other's widgets.
 */
import { Grid } from 'antd';
import { type DependencyList, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { definitionsApi } from '../api/submissions-api';
import type { ListPage } from '../api/types';
import { loadForms } from '../lib/reference-data';

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

/** One row as a card on a narrow screen: a title, labelled lines and actions. */
export interface RowCard {
  title: ReactNode;
  extra?: ReactNode;
  lines: [label: string, value: ReactNode][];
  actions?: ReactNode[];
  className?: string;
}
