import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

/** Runs an async loader when deps change; `reload()` runs it again. Stale results are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const run = useCallback(() => {
    const id = ++seq.current;
    setLoading(true);
    load()
      .then((value) => {
        if (id === seq.current) {
          setData(value);
          setError(null);
        }
      })
      .catch((e) => {
        if (id === seq.current) setError(e);
      })
      .finally(() => {
        if (id === seq.current) setLoading(false);
      });
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists the deps of `load`
  }, deps);
  useEffect(run, [run]);
  return { data, error, loading, reload: run, setData };
}
