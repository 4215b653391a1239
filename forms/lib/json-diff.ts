/**
 * Structural diff of two JSON values (form versions: schema, uiSchema, logic, chain pin). Pure and
 * browser-safe: the admin UI shows the same list the API returns.
 *
 * Objects are compared key by key, arrays index by index (a form's field order is meaningful, so a
 * moved element is reported as changed positions, never guessed as a move). Paths are JSON Pointers.
 */

export type JsonDiffKind = 'added' | 'removed' | 'changed';

export interface JsonDiffEntry {
  path: string;
  kind: JsonDiffKind;
  before?: unknown;
  after?: unknown;
}

export interface JsonDiffOptions {
  /** Pointer prefix of every path (e.g. "/schema"). */
  basePath?: string;
  /** Below this depth a differing subtree is reported as one `changed` entry (default 64). */
  maxDepth?: number;
  /** Stop after this many entries (default 5000); `truncated` in diffJsonWithMeta says so. */
  maxEntries?: number;
}

function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Deep equality of JSON values; object key order does not matter. Iterative: hostile depth cannot overflow the stack. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') {
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      return false;
    }
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
      continue;
    }
    if (isRecord(x)) {
      if (!isRecord(y)) return false;
      const kx = Object.keys(x).filter((k) => x[k] !== undefined);
      const ky = Object.keys(y).filter((k) => y[k] !== undefined);
      if (kx.length !== ky.length) return false;
      for (const k of kx) {
        if (!Object.hasOwn(y, k)) return false;
        stack.push([x[k], y[k]]);
      }
      continue;
    }
    return false;
  }
  return true;
}

/** The diff and whether it was cut at maxEntries. */
export function diffJsonWithMeta(
  before: unknown,
  after: unknown,
  options: JsonDiffOptions = {},
): { entries: JsonDiffEntry[]; truncated: boolean } {
  const maxDepth = options.maxDepth ?? 64;
  const maxEntries = options.maxEntries ?? 5000;
  const entries: JsonDiffEntry[] = [];
  let truncated = false;
  const push = (e: JsonDiffEntry) => {
    if (entries.length >= maxEntries) {
      truncated = true;
      return;
    }
    entries.push(e);
  };
  const walk = (a: unknown, b: unknown, path: string, depth: number) => {
    if (truncated) return;
    if (a === undefined && b === undefined) return;
    if (a === undefined) return push({ path, kind: 'added', after: b });
    if (b === undefined) return push({ path, kind: 'removed', before: a });
    if (a === b) return;
    if (depth >= maxDepth) {
      if (!jsonEqual(a, b)) push({ path, kind: 'changed', before: a, after: b });
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++)
        walk(i < a.length ? a[i] : undefined, i < b.length ? b[i] : undefined, `${path}/${i}`, depth + 1);
      return;
    }
    if (isRecord(a) && isRecord(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
      for (const k of keys)
        walk(
          Object.hasOwn(a, k) ? a[k] : undefined,
          Object.hasOwn(b, k) ? b[k] : undefined,
          `${path}/${escapeSegment(k)}`,
          depth + 1,
        );
      return;
    }
    if (!jsonEqual(a, b)) push({ path, kind: 'changed', before: a, after: b });
  };
  walk(before, after, options.basePath ?? '', 0);
  return { entries, truncated };
}

/**
 * The changes that turn `before` into `after`: `added` (only in after), `removed` (only in before),
 * `changed` (both, different scalar or different type). An empty list means equal.
 */
export function diffJson(before: unknown, after: unknown, options: JsonDiffOptions = {}): JsonDiffEntry[] {
  return diffJsonWithMeta(before, after, options).entries;
}
