/**
 * Linked forms: a self-evaluation or a monitoring report starts from the approved target it reports on.
 * A form's `source` block (form.json) says which forms it may start from, which values it copies and which
 * of them stay as copied. Pure: the server applies and enforces it, the browser shows the locked fields.
 */
import { getPointer, setPointer } from './form-logic';
import { jsonEqual } from './json-diff';

export interface FormSource {
  /** Form ids a submission may start from (e.g. the project target for a project self-evaluation). */
  forms: string[];
  /** Where the id of the source submission is written in the new data. */
  refPath?: string;
  /** Source pointer -> own pointer; a `*` segment maps every element of an array (`/annualIndicators/*\/name`). */
  copy: { from: string; to: string }[];
  /**
   * Own pointers that keep the copied value (read-only). A `*` segment stands for every copied row; an array
   * pointer fixes the rows themselves (none added or removed). Only what was actually copied is locked.
   */
  locked: string[];
}

/** One locked place: a value that must stay, or the number of rows an array must keep. */
export interface Lock {
  path: string;
  value?: unknown;
  length?: number;
}

export interface FieldProblem {
  path: string;
  message: string;
}

function splitStar(pointer: string): { head: string; tail: string } | null {
  const i = pointer.indexOf('/*');
  if (i < 0 || (pointer[i + 2] !== undefined && pointer[i + 2] !== '/')) return null;
  return { head: pointer.slice(0, i), tail: pointer.slice(i + 2) };
}

function safeGet(data: unknown, pointer: string): unknown {
  try {
    return pointer === '' ? data : getPointer(data, pointer);
  } catch {
    return undefined;
  }
}

/**
 * The data a linked submission starts with (the copied values on top of `base`, the source id at `refPath`)
 * and its locks.
 */
export function linkFromSource(
  spec: FormSource,
  sourceId: string,
  sourceData: Record<string, unknown>,
  base: Record<string, unknown> = {},
): { data: Record<string, unknown>; locks: Lock[] } {
  const data = structuredClone(base);
  const fresh = new Set<string>();
  for (const { from, to } of spec.copy) {
    const f = splitStar(from);
    const t = splitStar(to);
    if (f && t) {
      const rows = safeGet(sourceData, f.head);
      if (!Array.isArray(rows)) continue;
      // The rows are the source's: whatever was sent for this table is replaced, once.
      if (!fresh.has(t.head)) setPointer(data, t.head, []);
      fresh.add(t.head);
      rows.forEach((row, i) => {
        const value = safeGet(row, f.tail);
        if (value !== undefined) setPointer(data, `${t.head}/${i}${t.tail}`, structuredClone(value));
      });
    } else if (!f && !t) {
      const value = safeGet(sourceData, from);
      if (value !== undefined) setPointer(data, to, structuredClone(value));
    }
  }
  if (spec.refPath) setPointer(data, spec.refPath, sourceId);
  const locks: Lock[] = [];
  for (const pointer of spec.locked) {
    const star = splitStar(pointer);
    if (star) {
      const rows = safeGet(data, star.head);
      if (!Array.isArray(rows)) continue;
      rows.forEach((_row, i) => {
        const path = `${star.head}/${i}${star.tail}`;
        const value = safeGet(data, path);
        if (value !== undefined) locks.push({ path, value: structuredClone(value) });
      });
      continue;
    }
    const value = safeGet(data, pointer);
    if (Array.isArray(value)) locks.push({ path: pointer, length: value.length });
    else if (value !== undefined) locks.push({ path: pointer, value: structuredClone(value) });
  }
  return { data, locks };
}

export const LOCKED_MESSAGE = '取自已批准的绩效目标，不能修改';
export const LOCKED_ROWS_MESSAGE = '绩效指标取自已批准的绩效目标，不能增加或删除行';

/** Every locked place the data no longer holds as copied, at its own pointer. */
export function lockViolations(locks: readonly Lock[], data: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const lock of locks) {
    const current = safeGet(data, lock.path);
    if (lock.length !== undefined) {
      const n = Array.isArray(current) ? current.length : 0;
      if (n !== lock.length)
        out.push({ path: n > lock.length ? `${lock.path}/${lock.length}` : lock.path, message: LOCKED_ROWS_MESSAGE });
    } else if (!jsonEqual(current, lock.value)) {
      out.push({ path: lock.path, message: LOCKED_MESSAGE });
    }
  }
  return out;
}

/** The locked pointers with `*` in place of row indexes (for the browser's read-only marks), deduplicated. */
export function lockedPatterns(locks: readonly Lock[]): string[] {
  return [...new Set(locks.map((l) => (l.length !== undefined ? l.path : l.path.replace(/\/\d+(?=\/|$)/g, '/*'))))];
}
