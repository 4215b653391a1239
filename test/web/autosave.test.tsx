import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../../web/src/api/client';
import {
  AUTOSAVE_MS,
  type AutosaveEvent,
  type AutosaveState,
  autosaveReducer,
  initialAutosave,
  MAX_RETRY_MS,
  nextSaveDelay,
  RETRY_MS,
} from '../../web/src/form/autosave';
import { type ServerCheck, useAutosave } from '../../web/src/form/use-autosave';

const run = (...events: AutosaveEvent[]): AutosaveState => events.reduce(autosaveReducer, initialAutosave());
const loaded: AutosaveEvent = { type: 'loaded', version: 3 };
const typed = (after: unknown = { a: 1 }, before: unknown = {}): AutosaveEvent => ({ type: 'edited', before, after });
const err = (path: string) => ({ path, message: `${path} 有误` });

describe('autosave reducer', () => {
  it('starts idle, is saved once a server copy arrives and dirty after an edit', () => {
    expect(initialAutosave().status).toBe('idle');
    expect(run(loaded)).toMatchObject({ status: 'saved', version: 3 });
    expect(nextSaveDelay(run(loaded))).toBeNull();
    const s = run(loaded, typed());
    expect(s.status).toBe('dirty');
    expect(nextSaveDelay(s)).toBe(AUTOSAVE_MS);
  });

  it('a save answered after the user typed again leaves the newer edit dirty, on the new version', () => {
    const s = run(loaded, typed(), { type: 'saveStarted' }, typed({ a: 2 }), { type: 'saveSucceeded', version: 4 });
    expect(s).toMatchObject({ status: 'dirty', version: 4, sending: null });
    expect(nextSaveDelay(s)).toBe(AUTOSAVE_MS);
    const done = autosaveReducer(autosaveReducer(s, { type: 'saveStarted' }), { type: 'saveSucceeded', version: 5 });
    expect(done).toMatchObject({ status: 'saved', version: 5 });
    expect(nextSaveDelay(done)).toBeNull();
  });

  it('never starts a second save while one is on its way, and no retry waits meanwhile', () => {
    const s = run(loaded, typed(), { type: 'saveStarted' }, typed({ a: 2 }));
    expect(s.status).toBe('saving');
    expect(autosaveReducer(s, { type: 'saveStarted' })).toBe(s);
    expect(nextSaveDelay(s)).toBeNull();
  });

  it('offline retries back off from 5 s, doubling, to at most a minute; a success resets them', () => {
    let s = run(loaded, typed());
    const delays: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      s = autosaveReducer(autosaveReducer(s, { type: 'saveStarted' }), { type: 'saveFailed', reason: 'network' });
      delays.push(nextSaveDelay(s));
    }
    expect(s.status).toBe('offline');
    expect(delays).toEqual([RETRY_MS, 2 * RETRY_MS, 4 * RETRY_MS, 8 * RETRY_MS, MAX_RETRY_MS, MAX_RETRY_MS]);
    s = autosaveReducer(autosaveReducer(s, { type: 'saveStarted' }), { type: 'saveSucceeded', version: 9 });
    expect(s).toMatchObject({ status: 'saved', failures: 0, version: 9 });
  });

  it('a refused save (422) shows the errors and waits for the next edit instead of retrying', () => {
    const s = run(
      loaded,
      typed(),
      { type: 'saveStarted' },
      { type: 'saveFailed', reason: 'invalid', errors: [err('/a')] },
    );
    expect(s).toMatchObject({ status: 'error', serverErrors: [err('/a')] });
    expect(nextSaveDelay(s)).toBeNull();
    expect(nextSaveDelay(autosaveReducer(s, typed({ a: 5 }, { a: 1 })))).toBe(AUTOSAVE_MS);
  });

  it('a server failure (500) is retried like a network failure', () => {
    const s = run(loaded, typed(), { type: 'saveStarted' }, { type: 'saveFailed', reason: 'other' });
    expect(s.status).toBe('error');
    expect(nextSaveDelay(s)).toBe(RETRY_MS);
  });

  it('a conflict stops every save until the user chooses; keeping mine saves on the newer version', () => {
    const s = run(
      loaded,
      typed(),
      { type: 'saveStarted' },
      { type: 'saveFailed', reason: 'conflict' },
      typed({ a: 3 }),
    );
    expect(s.status).toBe('conflict');
    expect(nextSaveDelay(s)).toBeNull();
    expect(autosaveReducer(s, { type: 'saveStarted' })).toBe(s);
    const mine = autosaveReducer(s, { type: 'conflictResolved', version: 7, keepMine: true });
    expect(mine).toMatchObject({ status: 'dirty', version: 7 });
    expect(nextSaveDelay(mine)).toBe(AUTOSAVE_MS);
    const theirs = autosaveReducer(s, { type: 'conflictResolved', version: 7, keepMine: false });
    expect(theirs).toMatchObject({ status: 'saved', version: 7 });
  });

  it('a copy restored from this browser is dirty; one based on an older version is a conflict', () => {
    expect(run({ type: 'loaded', version: 2, unsaved: 'restored' })).toMatchObject({ status: 'dirty' });
    const stale = run({ type: 'loaded', version: 2, unsaved: 'stale' });
    expect(stale.status).toBe('conflict');
    expect(nextSaveDelay(stale)).toBeNull();
  });

  it('an answer to a check sent before the user typed is ignored; the answer to the newest check counts', () => {
    const sent = run(loaded, { type: 'checkSent' });
    const ticket = sent.checkTicket;
    const afterTyping = autosaveReducer(sent, typed());
    const late = autosaveReducer(afterTyping, { type: 'checkAnswered', ticket, errors: [err('/a')], warnings: [] });
    expect(late.checkErrors).toEqual([]);
    const again = autosaveReducer(afterTyping, { type: 'checkSent' });
    const answered = autosaveReducer(again, {
      type: 'checkAnswered',
      ticket: again.checkTicket,
      errors: [err('/b')],
      warnings: [err('/c')],
    });
    expect(answered).toMatchObject({ checkErrors: [err('/b')], warnings: [err('/c')] });
  });

  it('a check sent before a reload cannot answer after it (tickets only grow)', () => {
    const sent = run(loaded, { type: 'checkSent' });
    const reloaded = autosaveReducer(sent, loaded);
    const late = autosaveReducer(reloaded, {
      type: 'checkAnswered',
      ticket: sent.checkTicket,
      errors: [err('/a')],
      warnings: [],
    });
    expect(late.checkErrors).toEqual([]);
  });

  it('an edit removes the messages about the values it changed and keeps the others', () => {
    const withErrors = run(loaded, { type: 'refused', errors: [err('/a'), err('/b')] }, { type: 'checkSent' });
    const answered = autosaveReducer(withErrors, {
      type: 'checkAnswered',
      ticket: withErrors.checkTicket,
      errors: [err('/a'), err('/rows/0/x')],
      warnings: [],
    });
    const s = autosaveReducer(answered, typed({ a: 2, b: 1, rows: [{ x: 1 }] }, { a: 1, b: 1, rows: [{ x: 1 }] }));
    expect(s.serverErrors).toEqual([err('/b')]);
    expect(s.checkErrors).toEqual([err('/rows/0/x')]);
  });
});

describe('useAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  function setup(send: (data: Record<string, unknown>, version: number) => Promise<{ version: number }>) {
    const checks: { data: Record<string, unknown>; answer(r: ServerCheck): void }[] = [];
    const io = {
      send: vi.fn(send),
      check: (data: Record<string, unknown>) =>
        new Promise<ServerCheck>((resolve) => checks.push({ data, answer: resolve })),
    };
    const hook = renderHook(() => useAutosave('s1', io));
    act(() => hook.result.current.load({ a: 0 }, 1));
    return { hook, io, checks };
  }
  const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  it('saves the latest data after a pause, on the version it has, and keeps a local copy until then', async () => {
    const { hook, io } = setup(async (_d, v) => ({ version: v + 1 }));
    act(() => hook.result.current.edit({ a: 1 }));
    act(() => hook.result.current.edit({ a: 2 }));
    expect(localStorage.getItem('jixiao.draft.s1.v1')).toContain('"a":2');
    await tick(AUTOSAVE_MS - 10);
    expect(io.send).not.toHaveBeenCalled();
    await tick(20);
    expect(io.send).toHaveBeenCalledTimes(1);
    expect(io.send).toHaveBeenCalledWith({ a: 2 }, 1);
    expect(hook.result.current.state).toMatchObject({ status: 'saved', version: 2 });
    expect(localStorage.getItem('jixiao.draft.s1.v1')).toBeNull();
  });

  it('retries a save the network lost, backing off, until it gets through', async () => {
    let fail = 2;
    const { hook, io } = setup(async (_d, v) => {
      if (fail-- > 0) throw new NetworkError();
      return { version: v + 1 };
    });
    act(() => hook.result.current.edit({ a: 1 }));
    await tick(AUTOSAVE_MS);
    expect(hook.result.current.state.status).toBe('offline');
    await tick(RETRY_MS);
    expect(io.send).toHaveBeenCalledTimes(2);
    await tick(RETRY_MS);
    expect(io.send).toHaveBeenCalledTimes(2); // the second retry waits 10 s
    await tick(RETRY_MS);
    expect(io.send).toHaveBeenCalledTimes(3);
    expect(hook.result.current.state.status).toBe('saved');
  });

  it('after a conflict nothing is saved until the user keeps their data on the newer version', async () => {
    const { hook, io } = setup(async (_d, v) => {
      if (v === 1) throw new ApiError(409, 'VERSION_CONFLICT', '版本冲突');
      return { version: v + 1 };
    });
    act(() => hook.result.current.edit({ a: 1 }));
    await tick(AUTOSAVE_MS);
    expect(hook.result.current.state.status).toBe('conflict');
    act(() => hook.result.current.edit({ a: 2 }));
    await tick(RETRY_MS * 4);
    expect(io.send).toHaveBeenCalledTimes(1);
    await act(() => hook.result.current.keepMine(5));
    expect(io.send).toHaveBeenLastCalledWith({ a: 2 }, 5);
    expect(hook.result.current.state).toMatchObject({ status: 'saved', version: 6 });
  });

  it('flush rejects with the server refusal and shows it on the fields', async () => {
    const { hook } = setup(async () => {
      throw new ApiError(422, 'VALIDATION_FAILED', '校验未通过', [err('/a')]);
    });
    act(() => hook.result.current.edit({ a: 1 }));
    let refusal: unknown;
    await act(() => hook.result.current.flush().catch((e: unknown) => (refusal = e)));
    expect(refusal).toMatchObject({ status: 422 });
    expect(hook.result.current.state).toMatchObject({ status: 'error', serverErrors: [err('/a')] });
  });

  it('a late answer of a check made before the user typed does not bring its messages back', async () => {
    const { hook, checks } = setup(async (_d, v) => ({ version: v + 1 }));
    act(() => hook.result.current.scheduleCheck(100));
    await tick(100);
    expect(checks).toHaveLength(1);
    act(() => hook.result.current.edit({ a: 1 })); // the user types while the check is on its way
    await act(async () => checks[0].answer({ errors: [err('/a')], warnings: [] }));
    expect(hook.result.current.state.checkErrors).toEqual([]);
    await tick(1000); // the check scheduled by the edit answers for the data as typed
    expect(checks[1].data).toEqual({ a: 1 });
    await act(async () => checks[1].answer({ errors: [err('/b')], warnings: [] }));
    expect(hook.result.current.state.checkErrors).toEqual([err('/b')]);
  });

  it("submit's own check wins over a scheduled check answering later", async () => {
    const { hook, checks } = setup(async (_d, v) => ({ version: v + 1 }));
    act(() => hook.result.current.scheduleCheck(100));
    await tick(100);
    let answer: unknown;
    act(() => {
      void hook.result.current.checkNow().then((r) => {
        answer = r;
      });
    });
    await act(async () => checks[1].answer({ errors: [err('/now')], warnings: [] }));
    expect(answer).toEqual([err('/now')]);
    await act(async () => checks[0].answer({ errors: [err('/old')], warnings: [] }));
    expect(hook.result.current.state.checkErrors).toEqual([err('/now')]);
  });
});
