import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads shared by the steps of one request. A submit asks for the submitting unit three times (visibility, gates,
 * routing) and for the organisation's settings twice; within one request those answers cannot differ unless the
 * request itself writes, so each is read once. Every write of the request forgets them all (`forgetRequestReads`),
 * and nothing outlives the request: another request, or another Lambda instance, always reads afresh.
 */
const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `run` as one request with its own memo. */
export function withRequestMemo<T>(run: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), run);
}

/** `load()` once per request and key (concurrent callers share the one read); outside a request, every time. */
export function memoized<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return load();
  const hit = memo.get(key);
  if (hit) return hit as Promise<T>;
  const pending = load();
  memo.set(key, pending);
  // A failed read is not remembered: the next caller tries again.
  pending.catch(() => {
    if (memo.get(key) === pending) memo.delete(key);
  });
  return pending;
}

/** The request wrote something: what it read before may be stale now. */
export function forgetRequestReads(): void {
  scope.getStore()?.clear();
}
