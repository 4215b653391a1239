/**
 * JSON Pointers (RFC 6901) over form data, the one implementation server and browser share: reading,
 * writing and parsing refuse __proto__/constructor/prototype, so no pointer can reach a prototype.
 */

/** Keys that could reach an object's prototype; refused in pointers and in form data. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX_RE = /^(0|[1-9]\d*)$/;

/** A JSON Pointer was malformed or tried to reach a prototype. */
export class PointerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PointerError';
  }
}

/** Splits a JSON Pointer into unescaped segments, refusing __proto__/constructor/prototype. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (typeof pointer !== 'string' || !pointer.startsWith('/')) {
    throw new PointerError(`JSON 指针格式不正确：“${String(pointer)}”，应以 / 开头`);
  }
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const s of segments) {
    if (FORBIDDEN_SEGMENTS.has(s)) throw new PointerError(`JSON 指针中不允许出现“${s}”：${pointer}`);
  }
  return segments;
}

/** Builds a JSON Pointer from raw segments. */
export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The value at a JSON Pointer, or undefined when any step is missing. Only own properties are read. */
export function getPointer(obj: unknown, pointer: string): unknown {
  return valueAt(obj, parsePointer(pointer));
}

/** The value at already parsed (and checked) pointer segments. */
export function valueAt(obj: unknown, segments: readonly string[]): unknown {
  let node: unknown = obj;
  for (const seg of segments) {
    if (Array.isArray(node)) {
      if (!INDEX_RE.test(seg)) return undefined;
      node = node[Number(seg)];
    } else if (isRecord(node)) {
      node = Object.hasOwn(node, seg) ? node[seg] : undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

/**
 * Writes `value` at a JSON Pointer, creating missing intermediate objects; `undefined` deletes
 * the value. Array elements are addressed by index (or "-" to append). Mutates `obj`.
 * Deleting never creates anything: when a parent on the way is missing (or not a container),
 * writing `undefined` is a no-op, so an empty computed result leaves no empty objects behind.
 */
export function setPointer(obj: Record<string, unknown> | unknown[], pointer: string, value: unknown): void {
  const segments = parsePointer(pointer);
  if (segments.length === 0) throw new PointerError('不能替换整个表单数据');
  const deleting = value === undefined;
  let node: unknown = obj;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const index = seg === '-' ? node.length : INDEX_RE.test(seg) ? Number(seg) : -1;
      if (index < 0 || index > node.length) {
        if (deleting && index >= 0) return;
        throw new PointerError(`数组下标无效：${pointer}`);
      }
      if (last) {
        if (deleting) {
          if (index < node.length) node.splice(index, 1);
        } else node[index] = value;
        return;
      }
      if (!isRecord(node[index]) && !Array.isArray(node[index])) {
        if (deleting) return;
        node[index] = {};
      }
      node = node[index];
    } else if (isRecord(node)) {
      if (last) {
        if (deleting) delete node[seg];
        else node[seg] = value;
        return;
      }
      const next = Object.hasOwn(node, seg) ? node[seg] : undefined;
      if (!isRecord(next) && !Array.isArray(next)) {
        if (deleting) return;
        node[seg] = {};
      }
      node = node[seg];
    } else {
      throw new PointerError(`无法写入 ${pointer}`);
    }
  }
}
