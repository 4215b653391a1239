/**
 * The fill page's autosave as a pure state machine: what the server holds, what is being sent, what
 * the last server check said and which of its answers still count. `useAutosave` (use-autosave.ts)
 * runs the timers and requests around it; everything it decides is decided here.
 *
 *   idle ──edited──▶ dirty ──saveStarted──▶ saving ──saveSucceeded──▶ saved (or dirty: typed meanwhile)
 *                                              ├──saveFailed network──▶ offline ──(retry, backing off)──▶ saving
 *                                              ├──saveFailed invalid/other──▶ error ──edited──▶ dirty
 *                                              └──saveFailed conflict──▶ conflict ──conflictResolved──▶ dirty / saved
 */
import { getPointer } from '../../../forms/lib/pointer';
import type { FieldError } from '../api/types';

export type SaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'offline' | 'error' | 'conflict';

export interface AutosaveState {
  status: SaveStatus;
  /** The server version the next save is based on. */
  version: number;
  /** Number of the latest edit: grows with every change the user makes. */
  edit: number;
  /** The edit the server holds (equal to `edit` when nothing is unsaved). */
  savedEdit: number;
  /** The edit on its way to the server, while a save is running. */
  sending: number | null;
  /** Failed saves in a row (network or server trouble), for the retry delay. */
  failures: number;
  /** Ticket of the newest server check: an answer carrying an older ticket is ignored. */
  checkTicket: number;
  checkErrors: FieldError[];
  warnings: FieldError[];
  /** What the server refused in a save or a submit (422), on its fields. */
  serverErrors: FieldError[];
}

export type SaveFailure = 'conflict' | 'invalid' | 'network' | 'other';

export type AutosaveEvent =
  /** A copy from the server; `unsaved` when the user's own copy from this machine replaced it. */
  | { type: 'loaded'; version: number; unsaved?: 'restored' | 'stale' }
  | { type: 'edited'; before: unknown; after: unknown }
  | { type: 'saveStarted' }
  | { type: 'saveSucceeded'; version: number }
  | { type: 'saveFailed'; reason: SaveFailure; errors?: FieldError[] }
  /** The user chose after a conflict: keep my data on top of `version`, or take the server's. */
  | { type: 'conflictResolved'; version: number; keepMine: boolean }
  /** A server check was sent (or is about to be): answers of earlier ones no longer count. */
  | { type: 'checkSent' }
  | { type: 'checkAnswered'; ticket: number; errors: FieldError[]; warnings: FieldError[] }
  | { type: 'refused'; errors: FieldError[] };

export const AUTOSAVE_MS = 1500;
export const RETRY_MS = 5000;
export const MAX_RETRY_MS = 60_000;

export const SAVE_LABELS: Record<SaveStatus, { text: string; color: string }> = {
  idle: { text: '已保存', color: 'default' },
  saved: { text: '已保存', color: 'default' },
  dirty: { text: '保存中', color: 'processing' },
  saving: { text: '保存中', color: 'processing' },
  offline: { text: '离线，已暂存本地', color: 'warning' },
  conflict: { text: '版本冲突，未保存', color: 'error' },
  error: { text: '保存失败，已暂存本地', color: 'error' },
};

export function initialAutosave(): AutosaveState {
  return {
    status: 'idle',
    version: 0,
    edit: 0,
    savedEdit: 0,
    sending: null,
    failures: 0,
    checkTicket: 0,
    checkErrors: [],
    warnings: [],
    serverErrors: [],
  };
}

/** True while something the user typed is not on the server yet. */
export function hasUnsaved(s: AutosaveState): boolean {
  return s.edit !== s.savedEdit;
}

/** Whether a save may start now (never over a conflict, never two at once). */
export function maySave(s: AutosaveState): boolean {
  return s.status !== 'conflict' && s.sending === null && hasUnsaved(s);
}

/**
 * When the next save should run by itself (ms), or null when it waits for the user: after an edit or a
 * save that left newer edits, a short pause; offline or after a server failure, a retry that backs off
 * (5 s, 10 s, 20 s … at most a minute); after a refusal (422) or a conflict, never.
 */
export function nextSaveDelay(s: AutosaveState): number | null {
  if (!maySave(s)) return null;
  if (s.status === 'offline' || s.status === 'error') {
    if (s.failures === 0) return null;
    return Math.min(RETRY_MS * 2 ** (s.failures - 1), MAX_RETRY_MS);
  }
  return AUTOSAVE_MS;
}

/** Messages about a value that changed go away at once: the next check says what is still wrong. */
function keepUnchanged(list: FieldError[], before: unknown, after: unknown): FieldError[] {
  const unchanged = (e: FieldError) => {
    try {
      return getPointer(before, e.path) === getPointer(after, e.path);
    } catch {
      return true;
    }
  };
  return list.every(unchanged) ? list : list.filter(unchanged);
}

export function autosaveReducer(s: AutosaveState, e: AutosaveEvent): AutosaveState {
  switch (e.type) {
    case 'loaded': {
      const unsaved = e.unsaved !== undefined;
      const status: SaveStatus = e.unsaved === 'stale' ? 'conflict' : unsaved ? 'dirty' : 'saved';
      return {
        ...initialAutosave(),
        status,
        version: e.version,
        edit: s.edit + (unsaved ? 1 : 0),
        savedEdit: s.edit,
        // Tickets only grow: an answer to a check sent before this copy arrived is still ignored.
        checkTicket: s.checkTicket + 1,
      };
    }
    case 'edited':
      return {
        ...s,
        status: s.status === 'conflict' ? 'conflict' : s.sending !== null ? 'saving' : 'dirty',
        edit: s.edit + 1,
        // A check on its way was made for the data before this edit.
        checkTicket: s.checkTicket + 1,
        checkErrors: keepUnchanged(s.checkErrors, e.before, e.after),
        serverErrors: keepUnchanged(s.serverErrors, e.before, e.after),
      };
    case 'saveStarted':
      if (!maySave(s)) return s;
      return { ...s, status: 'saving', sending: s.edit };
    case 'saveSucceeded': {
      if (s.sending === null) return s;
      const next = { ...s, version: e.version, savedEdit: s.sending, sending: null, failures: 0 };
      return { ...next, status: hasUnsaved(next) ? 'dirty' : 'saved' };
    }
    case 'saveFailed': {
      const next = { ...s, sending: null };
      if (e.reason === 'conflict') return { ...next, status: 'conflict' };
      if (e.reason === 'invalid') return { ...next, status: 'error', failures: 0, serverErrors: e.errors ?? [] };
      return { ...next, status: e.reason === 'network' ? 'offline' : 'error', failures: s.failures + 1 };
    }
    case 'conflictResolved':
      if (s.status !== 'conflict') return s;
      if (e.keepMine) return { ...s, status: 'dirty', version: e.version, failures: 0 };
      return autosaveReducer(s, { type: 'loaded', version: e.version });
    case 'checkSent':
      return { ...s, checkTicket: s.checkTicket + 1 };
    case 'checkAnswered':
      if (e.ticket !== s.checkTicket) return s;
      return { ...s, checkErrors: e.errors, warnings: e.warnings };
    case 'refused':
      return { ...s, serverErrors: e.errors };
  }
}
