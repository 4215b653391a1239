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

/** Requests running in a scope now. */
let inFlight = 0;

/**
 * Runs `run` as one request with its own memo. On Node 20 an enabled AsyncLocalStorage puts a hook on every promise
 * the process creates (about a fifth of the inbox's CPU, measured), so the storage is switched off whenever no
 * scoped request is running; `run` switches it on again. Work a request left running after it answered then sees
 * no memo, and reads afresh, as outside a request.
 */
export function withRequestMemo<T>(run: () => Promise<T>): Promise<T> {
  inFlight++;
  const done = () => {
    inFlight--;
    if (inFlight === 0) scope.disable();
  };
  try {
    const result = scope.run({ memo: new Map(), slots: new Map() }, run);
    return result.finally(done);
  } catch (err) {
    done();
    throw err;
  }
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

/** Writes this process has sent and seen return, counted (`forgetRequestReads` counts each send and each return). */
let writes = 0;

/**
 * A read that started when this count was the same has seen no write of this process come or go since: get-item.ts
 * lets a later reader share such a read only.
 */
export const writesSeen = (): number => writes;

/**
 * A write is on its way or has returned: what the request read before may be stale now, and so may any read of
 * the process already on its way.
 */
export function forgetRequestReads(): void {
  writes++;
  scope.getStore()?.memo.clear();
}
