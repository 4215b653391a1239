import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request shares among its steps.
 * - Reads that rarely change: a submit asks for the submitting unit three times (visibility, gates, routing) and
 *   for the organisation's settings twice; within one request those answers cannot differ unless the request itself
 *   writes, so each is read once. Every write of the request forgets them all (`beforeWrite`), and nothing outlives
 *   the request: another request, or another Lambda instance, always reads afresh.
 * - A write gate: the caller's check (token and user record) may still be running while the request reads; every
 *   write waits for it and fails with its error (`gateWrites`), so nothing is written for a caller who was just
 *   disabled or whose unit or roles changed.
 */
interface RequestState {
  memo: Map<string, Promise<unknown>>;
  gate?: Promise<void>;
}

const scope = new AsyncLocalStorage<RequestState>();

/** Runs `run` as one request with its own memo. */
export function withRequestMemo<T>(run: () => Promise<T>): Promise<T> {
  return scope.run({ memo: new Map() }, run);
}

/** `load()` once per request and key (concurrent callers share the one read); outside a request, every time. */
export function memoized<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = scope.getStore()?.memo;
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

/** From now on, this request's writes wait for `check` and fail with its error if it fails. */
export function gateWrites(check: Promise<void>): void {
  const state = scope.getStore();
  if (!state) throw new Error('gateWrites outside a request scope');
  // Nobody may be waiting when it fails (a request that writes nothing): that is not an unhandled rejection.
  check.catch(() => {});
  state.gate = check;
}

/** Before any write: wait for the gate (if any), then forget what the request read, which may be stale now. */
export async function beforeWrite(): Promise<void> {
  const state = scope.getStore();
  if (!state) return;
  if (state.gate) await state.gate;
  state.memo.clear();
}
