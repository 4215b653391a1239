import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads shared by the steps of one request. A submit asks for the submitting unit three times (visibility, gates,
 * routing) and for the organisation's settings twice; within one request those answers cannot differ unless the
 * request itself writes, so each is read once. Every write of the request forgets them all (`forgetRequestReads`),
 * and nothing outlives the request: another request, or another Lambda instance, always reads afresh.
 */
interface RequestState {
  memo: Map<string, Promise<unknown>>;
  /** Per-request state of the adapters (e.g. the reads waiting to go out together), by name. */
  slots: Map<string, unknown>;
}
const scope = new AsyncLocalStorage<RequestState>();

/** Runs `run` as one request with its own memo. */
export function withRequestMemo<T>(run: () => Promise<T>): Promise<T> {
  return scope.run({ memo: new Map(), slots: new Map() }, run);
}

/** This request's `name` slot, made by `init` on first use; `undefined` outside a request. */
export function requestSlot<T>(name: string, init: () => T): T | undefined {
  const state = scope.getStore();
  if (!state) return undefined;
  if (!state.slots.has(name)) state.slots.set(name, init());
  return state.slots.get(name) as T;
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

/** The request wrote something: what it read before may be stale now. */
export function forgetRequestReads(): void {
  scope.getStore()?.memo.clear();
}
