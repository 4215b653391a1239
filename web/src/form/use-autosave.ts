/**
 * Autosave of a submission's data: the data as the user edits it, saved after a short pause, kept in
 * this browser until the server has it, retried when the network comes back, never written over a newer
 * version (conflict), and the server's check of the data scheduled as the user types. The decisions are
 * the pure reducer's (autosave.ts); this hook runs the timers and the requests.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../api/client';
import type { FieldError } from '../api/types';
import {
  type AutosaveEvent,
  type AutosaveState,
  autosaveReducer,
  hasUnsaved,
  initialAutosave,
  nextSaveDelay,
  type SaveFailure,
} from './autosave';
import { commitPendingEdits } from './buffered-edit';
import { clearLocalDrafts, writeLocalDraft } from './local-draft';

type Data = Record<string, unknown>;

export interface ServerCheck {
  errors?: FieldError[];
  warnings?: FieldError[];
}

export interface AutosaveIo<Saved extends { version: number }> {
  /** Saves `data` on top of `version` (PUT); rejects with ApiError 409 on a newer version. */
  send(data: Data, version: number): Promise<Saved>;
  /** The server's full check of `data` without saving. */
  check(data: Data): Promise<ServerCheck>;
  /** Told of every successful save. */
  onSaved?(saved: Saved): void;
}

function failureOf(e: unknown): { reason: SaveFailure; errors?: FieldError[] } {
  if (e instanceof ApiError && e.status === 409) return { reason: 'conflict' };
  if (e instanceof ApiError && e.status === 422) return { reason: 'invalid', errors: e.details };
  if (e instanceof NetworkError) return { reason: 'network' };
  return { reason: 'other' };
}

export function useAutosave<Saved extends { version: number }>(id: string, io: AutosaveIo<Saved>) {
  const [state, setState] = useState<AutosaveState>(initialAutosave);
  const [data, setData] = useState<Data>({});
  const stateRef = useRef(state);
  const dataRef = useRef<Data>({});
  const current = useCallback(() => dataRef.current, []);
  const ioRef = useRef(io);
  ioRef.current = io;
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const checkTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<unknown> | null>(null);

  /** Runs the reducer at once (timers and requests read the state synchronously) and renders it. */
  const dispatch = useCallback((event: AutosaveEvent): AutosaveState => {
    const next = autosaveReducer(stateRef.current, event);
    if (next !== stateRef.current) {
      stateRef.current = next;
      setState(next);
    }
    return next;
  }, []);

  const setCurrent = useCallback((next: Data) => {
    dataRef.current = next;
    setData(next);
  }, []);

  const save = useCallback(async (): Promise<void> => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    while (inflight.current) await inflight.current;
    const before = stateRef.current;
    if (before.status === 'conflict' || !hasUnsaved(before)) return;
    const sent = dataRef.current;
    dispatch({ type: 'saveStarted' });
    let failure: unknown = null;
    const attempt = ioRef.current.send(sent, before.version).then(
      (saved) => {
        dispatch({ type: 'saveSucceeded', version: saved.version });
        ioRef.current.onSaved?.(saved);
      },
      (e: unknown) => {
        failure = e;
        dispatch({ type: 'saveFailed', ...failureOf(e) });
      },
    );
    inflight.current = attempt;
    await attempt;
    inflight.current = null;
    const after = stateRef.current;
    if (hasUnsaved(after)) writeLocalDraft(id, after.version, dataRef.current);
    else clearLocalDrafts(id);
    const delay = nextSaveDelay(after);
    if (delay !== null) saveTimer.current = setTimeout(() => void save().catch(() => {}), delay);
    if (failure) throw failure;
  }, [id, dispatch]);

  const scheduleSave = useCallback(() => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    const delay = nextSaveDelay(stateRef.current);
    if (delay !== null) saveTimer.current = setTimeout(() => void save().catch(() => {}), delay);
  }, [save]);

  /** The server's check of the data as it is then, after `delay`; any answer still on its way no longer counts. */
  const scheduleCheck = useCallback(
    (delay = 1000) => {
      if (checkTimer.current) clearTimeout(checkTimer.current);
      dispatch({ type: 'checkSent' });
      checkTimer.current = setTimeout(() => {
        const { checkTicket: ticket } = dispatch({ type: 'checkSent' });
        ioRef.current
          .check(dataRef.current)
          .then((r) => dispatch({ type: 'checkAnswered', ticket, errors: r.errors ?? [], warnings: r.warnings ?? [] }))
          .catch(() => {
            // offline or not allowed (e.g. read-only): nothing to show
          });
      }, delay);
    },
    [dispatch],
  );

  /** Checks the data as it is now and answers with its errors (null offline); older checks no longer count. */
  const checkNow = useCallback(async (): Promise<FieldError[] | null> => {
    if (checkTimer.current) clearTimeout(checkTimer.current);
    const { checkTicket: ticket } = dispatch({ type: 'checkSent' });
    try {
      const r = await ioRef.current.check(dataRef.current);
      dispatch({ type: 'checkAnswered', ticket, errors: r.errors ?? [], warnings: r.warnings ?? [] });
      return r.errors ?? [];
    } catch {
      return null;
    }
  }, [dispatch]);

  /** A copy from the server; `unsaved`: `data` is the user's own copy from this browser instead. */
  const load = useCallback(
    (next: Data, version: number, unsaved?: 'restored' | 'stale') => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
      setCurrent(next);
      dispatch({ type: 'loaded', version, unsaved });
      if (!unsaved) clearLocalDrafts(id);
      scheduleSave();
    },
    [id, dispatch, setCurrent, scheduleSave],
  );

  /** The user changed the data. */
  const edit = useCallback(
    (next: Data) => {
      const before = dataRef.current;
      setCurrent(next);
      const s = dispatch({ type: 'edited', before, after: next });
      writeLocalDraft(id, s.version, next);
      scheduleSave();
      scheduleCheck();
    },
    [id, dispatch, setCurrent, scheduleSave, scheduleCheck],
  );

  /** Everything typed (a table cell's text included) reaches the server before this resolves; rejects when it cannot. */
  const flush = useCallback(async () => {
    commitPendingEdits();
    if (saveTimer.current) clearTimeout(saveTimer.current);
    await save();
  }, [save]);

  /** After a conflict, the user chose to save their data on top of `version`. */
  const keepMine = useCallback(
    async (version: number) => {
      commitPendingEdits();
      const s = dispatch({ type: 'conflictResolved', version, keepMine: true });
      writeLocalDraft(id, s.version, dataRef.current);
      await save();
    },
    [id, dispatch, save],
  );

  const refuse = useCallback((errors: FieldError[]) => dispatch({ type: 'refused', errors }), [dispatch]);

  // Retry as soon as the browser is back online; warn before leaving with unsaved edits.
  useEffect(() => {
    const online = () => void save().catch(() => {});
    const beforeUnload = (e: BeforeUnloadEvent) => {
      // Text still held by a table cell reaches the data (and the local draft) before the question.
      commitPendingEdits();
      if (hasUnsaved(stateRef.current)) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [save]);

  useEffect(
    () => () => {
      if (saveTimer.current) clearTimeout(saveTimer.current);
      if (checkTimer.current) clearTimeout(checkTimer.current);
    },
    [],
  );

  return {
    state,
    data,
    /** The data as it is now (including edits not rendered yet). */
    current,
    /** Replaces the data without counting as an edit (computed values the server recomputes anyway). */
    replace: setCurrent,
    load,
    edit,
    flush,
    keepMine,
    refuse,
    scheduleCheck,
    checkNow,
  };
}
