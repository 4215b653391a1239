import { BadRequestError, ValidationError } from '../../core/errors';

export interface JsonLimits {
  maxDepth: number;
  maxKeys: number;
  maxArray: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 40, maxKeys: 5000, maxArray: 2000 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// C0 controls except tab, newline, carriage return; DEL; BiDi embedding/override/isolate controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/u;

const QUOTE = 34;
const BACKSLASH = 92;
/** A key that JSON.parse must decode (an escape) or refuse (a raw control character). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are what sends a key to JSON.parse
const KEY_NEEDS_PARSE = /[\\\u0000-\u001f]/;

/** The index of the quote that closes the string opened at `start`, or text.length when it is not closed. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return text.length;
    // The quote is escaped when an odd number of backslashes stands before it.
    let b = q - 1;
    while (b > start && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    from = q + 1;
  }
}

/**
 * Pre-scan of raw JSON text before JSON.parse: nesting depth (no stack overflow), duplicate keys
 * (JSON.parse would silently keep the last one), and object/array sizes. Strings are skipped exactly, and only
 * a key is cut out of the text (decoded by JSON.parse only when it holds an escape).
 */
function scan(text: string, limits: JsonLimits): void {
  const stack: { keys: Set<string> | null; count: number }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      const j = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        let key = text.slice(i + 1, j);
        if (KEY_NEEDS_PARSE.test(key) || j === text.length) {
          try {
            key = JSON.parse(text.slice(i, j + 1));
          } catch (err) {
            throw new BadRequestError('请求体不是有效的 JSON', [], { cause: err });
          }
        }
        if (top.keys.has(key))
          throw new ValidationError('JSON 中存在重复的字段名', [
            { path: '/', message: `字段「${key.slice(0, 40)}」重复` },
          ]);
        top.keys.add(key);
        expectKey = false;
      }
      i = j;
      continue;
    }
    if (ch === 123 /* { */ || ch === 91 /* [ */) {
      stack.push({ keys: ch === 123 ? new Set() : null, count: 0 });
      if (stack.length > limits.maxDepth)
        throw new ValidationError('请求体嵌套层级过深', [{ path: '/', message: `嵌套不能超过 ${limits.maxDepth} 层` }]);
      expectKey = ch === 123;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (ch === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        top.count++;
        if (top.keys ? top.count >= limits.maxKeys : top.count >= limits.maxArray) {
          throw new ValidationError('请求体中的数组或对象过大', [{ path: '/', message: '数组或对象的项数超出限制' }]);
        }
        expectKey = top.keys !== null;
      }
    }
  }
}

/** The JSON Pointer of `segments` ('/' for the whole body). */
function pointer(segments: (string | number)[]): string {
  if (segments.length === 0) return '/';
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Walks the parsed value: forbidden keys, non-finite or unsafe numbers, unsafe control characters. `at` is the
 * path to the value, kept as segments and written out only for an error.
 */
function inspect(value: unknown, at: (string | number)[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new ValidationError('数值超出范围', [{ path: pointer(at), message: '数值超出范围' }]);
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new ValidationError('整数超出安全范围', [{ path: pointer(at), message: '整数超出安全范围' }]);
    }
    return;
  }
  if (typeof value === 'string') {
    if (UNSAFE_CHARS.test(value)) {
      throw new ValidationError('文本中含有不允许的控制字符', [
        { path: pointer(at), message: '文本中含有不允许的控制字符或双向文字控制符' },
      ]);
    }
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      inspect(value[i], at);
      at.pop();
    }
    return;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      at.push(k);
      if (FORBIDDEN_KEYS.has(k) || k === '')
        throw new ValidationError('请求体包含不允许的字段名', [{ path: pointer(at), message: '不允许的字段名' }]);
      if (UNSAFE_CHARS.test(k))
        throw new ValidationError('字段名含有控制字符', [{ path: pointer(at), message: '字段名含有控制字符' }]);
      inspect(record[k], at);
      at.pop();
    }
  }
}

/** Parses a request body safely: 400 for malformed JSON, 422 for JSON the platform refuses. */
export function parseJsonBody(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): unknown {
  if (text.trim() === '') return undefined;
  scan(text, limits);
  let value: unknown;
  try {
    // __proto__ keys from JSON.parse become own properties (no prototype pollution); inspect() refuses them.
    value = JSON.parse(text);
  } catch (err) {
    throw new BadRequestError('请求体不是有效的 JSON', [], { cause: err });
  }
  inspect(value, []);
  return value;
}
