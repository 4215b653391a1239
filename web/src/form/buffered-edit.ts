/**
 * Typed text kept local to the input that shows it, handed on after a short pause.
 *
 * A keystroke in a big table re-renders only its own cell; the change reaches the form (computed
 * fields, autosave, the local draft) DEBOUNCE_MS after the last key, at the latest MAX_WAIT_MS after
 * the first one, and at once on blur, on unmount (e.g. a virtual row scrolled away) and whenever
 * `commitPendingEdits()` runs (the fill page calls it before checking, saving or submitting).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

export const DEBOUNCE_MS = 200;
export const MAX_WAIT_MS = 300;

/** Flushes of every input that holds an edit not yet handed on. */
const pending = new Set<() => void>();

/** Hands on every pending edit now and renders the result synchronously (not from inside a render). */
export function commitPendingEdits(): void {
  if (!pending.size) return;
  flushSync(() => {
    for (const flush of [...pending]) flush();
  });
}

/** Whether an input holds an edit not yet handed on. */
export function hasPendingEdits(): boolean {
  return pending.size > 0;
}

export interface BufferedValue<T> {
  /** What the input shows (the local edit while one is pending). */
  value: T;
  /** A keystroke: shown at once, handed on after the pause. */
  change(next: T): void;
  /** Hands the pending edit on now (blur, selection of a suggestion). */
  flush(): void;
}

/**
 * Local state for a controlled input whose `value` comes from far above. `commit` may change on
 * every render; the latest one is used. While no edit is pending the input follows `value`.
 */
export function useBufferedValue<T>(value: T, commit: (next: T) => void): BufferedValue<T> {
  const [local, setLocal] = useState(value);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const state = useRef<{ dirty: boolean; latest: T; timer?: ReturnType<typeof setTimeout>; first: number }>({
    dirty: false,
    latest: value,
    first: 0,
  });

  const flush = useCallback(() => {
    const s = state.current;
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    pending.delete(flush);
    if (!s.dirty) return;
    s.dirty = false;
    commitRef.current(s.latest);
  }, []);

  const change = useCallback(
    (next: T) => {
      const s = state.current;
      const now = Date.now();
      if (!s.dirty) s.first = now;
      s.dirty = true;
      s.latest = next;
      setLocal(next);
      pending.add(flush);
      if (s.timer) clearTimeout(s.timer);
      s.timer = setTimeout(flush, Math.max(0, Math.min(DEBOUNCE_MS, s.first + MAX_WAIT_MS - now)));
    },
    [flush],
  );

  // Follow the value from above whenever no edit of our own is pending.
  useEffect(() => {
    if (!state.current.dirty) {
      state.current.latest = value;
      setLocal(value);
    }
  }, [value]);

  // Leaving (row scrolled out of a virtual table, page change): hand on what was typed.
  useEffect(() => flush, [flush]);

  return { value: state.current.dirty ? local : value, change, flush };
}
