/**
 * A copy of what the user typed, kept in localStorage until the server has it, keyed by
 * submission id and the version the edits are based on. Nothing typed is lost on a reload or a
 * network blip; a copy based on an older version is offered, never applied silently.
 */
const PREFIX = 'jixiao.draft.';

export interface LocalDraft {
  submissionId: string;
  baseVersion: number;
  data: Record<string, unknown>;
  at: string;
}

function key(submissionId: string, baseVersion: number): string {
  return `${PREFIX}${submissionId}.v${baseVersion}`;
}

export function writeLocalDraft(submissionId: string, baseVersion: number, data: Record<string, unknown>): void {
  try {
    clearLocalDrafts(submissionId);
    const draft: LocalDraft = { submissionId, baseVersion, data, at: new Date().toISOString() };
    localStorage.setItem(key(submissionId, baseVersion), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy is all we have.
  }
}

export function readLocalDraft(submissionId: string): LocalDraft | null {
  try {
    const prefix = `${PREFIX}${submissionId}.v`;
    let found: LocalDraft | null = null;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(prefix)) continue;
      const parsed = JSON.parse(localStorage.getItem(k) ?? 'null') as LocalDraft | null;
      if (parsed && typeof parsed.baseVersion === 'number' && parsed.data && typeof parsed.data === 'object') {
        if (!found || parsed.baseVersion > found.baseVersion) found = parsed;
      }
    }
    return found;
  } catch {
    return null;
  }
}

export function clearLocalDrafts(submissionId: string): void {
  try {
    const prefix = `${PREFIX}${submissionId}.v`;
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    for (const k of keys) localStorage.removeItem(k);
  } catch {
    // ignore
  }
}
