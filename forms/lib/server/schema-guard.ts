/**
 * Guard for admin-authored JSON Schemas, which are untrusted input (docs/decisions.md, "Quality promises").
 * Everything that could make compiling or validating slow or unsafe is refused before ajv sees
 * the schema: size, depth, huge enums, catastrophic regexes, remote or recursive $ref, $data,
 * unknown formats and HTML in titles. Only then is the schema compiled, on a throwaway ajv.
 */

import { compileRe2 } from '../re2-regexp';
import { isSafePattern } from '../regex-safety';
import { createAjv, type FieldError, knownFormats } from './ajv';

/** Limits of the guard; every field has a default. */
export interface SchemaLimits {
  /** Max UTF-8 size of the serialized schema in bytes (default 256 KB). */
  maxBytes?: number;
  /** Max nesting depth of objects/arrays (default 32). */
  maxDepth?: number;
  /** Max items in one `enum` (default 500). */
  maxEnum?: number;
  /** Max length of a `pattern` / `patternProperties` key (default 200). */
  maxPatternLength?: number;
}

const DEFAULTS: Required<SchemaLimits> = { maxBytes: 256 * 1024, maxDepth: 32, maxEnum: 500, maxPatternLength: 200 };

/** Keys whose values are data, not schemas: keyword checks do not apply inside them. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/** Keys whose values map names to schemas: the names are not keywords. */
const MAP_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependencies',
  'dependentSchemas',
]);

/** What a node is: a schema (keys are keywords), a name → schema map, or plain data. */
type Mode = 'schema' | 'map' | 'data';
/** Keys that are never acceptable anywhere: prototype pollution vectors. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A tag, comment, doctype or processing instruction; entities are HTML too. */
const HTML_RE = /<\s*[a-zA-Z!/?]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|javascript:/i;

function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

interface RefSite {
  /** Pointer of the schema object that holds the $ref. */
  at: string;
  /** Pointer the $ref resolves to inside the root schema. */
  target: string;
}

/**
 * Checks an untrusted JSON Schema and returns the problems found ([] when it is acceptable).
 * Paths are JSON Pointers into the schema; messages are Chinese and say what is wrong.
 */
export function checkUntrustedSchema(schema: unknown, limits: SchemaLimits = {}): FieldError[] {
  const lim = { ...DEFAULTS, ...limits };
  const errors: FieldError[] = [];

  if (!isPlainObject(schema)) return [{ path: '', message: '表单结构（JSON Schema）应为对象' }];

  // Depth first, iteratively: JSON.stringify itself would overflow the stack on hostile nesting.
  const deepAt = findTooDeep(schema, lim.maxDepth);
  if (deepAt !== null) return [{ path: deepAt, message: `表单结构嵌套过深（超过 ${lim.maxDepth} 层）` }];

  let serialized: string;
  try {
    serialized = JSON.stringify(schema);
  } catch {
    return [{ path: '', message: '表单结构无法序列化为 JSON（可能存在循环引用）' }];
  }
  const bytes = new TextEncoder().encode(serialized).length;
  if (bytes > lim.maxBytes) {
    return [
      {
        path: '',
        message: `表单结构过大：${Math.ceil(bytes / 1024)} KB，上限为 ${Math.floor(lim.maxBytes / 1024)} KB`,
      },
    ];
  }

  const formats = new Set(knownFormats());
  const refs: RefSite[] = [];
  let tooDeep = false;

  const checkPattern = (pattern: string, path: string, what: string) => {
    if (pattern.length > lim.maxPatternLength) {
      errors.push({ path, message: `${what}过长（${pattern.length} 个字符，上限 ${lim.maxPatternLength}）` });
      return;
    }
    try {
      new RegExp(pattern, 'u');
    } catch {
      errors.push({ path, message: `${what}不是有效的正则表达式：${pattern}` });
      return;
    }
    if (!isSafePattern(pattern)) {
      errors.push({ path, message: `${what}可能导致灾难性回溯（指数级耗时），请改写：${pattern}` });
      return;
    }
    // The server matches patterns on a linear-time engine (re2-regexp.ts): what it cannot run is refused.
    try {
      compileRe2(pattern, 'u');
    } catch {
      errors.push({
        path,
        message: `${what}过于复杂或使用了不支持的写法（如前瞻、后顾或反向引用），请改写：${pattern}`,
      });
    }
  };

  // Recursion is bounded by maxDepth, so a hostile deep schema cannot overflow the stack.
  const walk = (node: unknown, path: string, depth: number, mode: Mode) => {
    if (depth > lim.maxDepth) {
      if (!tooDeep) errors.push({ path, message: `表单结构嵌套过深（超过 ${lim.maxDepth} 层）` });
      tooDeep = true;
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${path}/${i}`, depth + 1, mode);
      });
      return;
    }
    if (!isPlainObject(node)) return;

    for (const key of Object.keys(node)) {
      const value = node[key];
      const here = `${path}/${escapeSegment(key)}`;
      if (FORBIDDEN_KEYS.has(key)) {
        errors.push({ path: here, message: `不允许使用属性名“${key}”` });
        continue;
      }
      if (mode === 'map') {
        walk(value, here, depth + 1, 'schema');
        continue;
      }
      if (mode === 'schema') {
        switch (key) {
          case '$data':
            errors.push({ path: here, message: '不允许使用 $data 引用' });
            break;
          case '$async':
            errors.push({ path: here, message: '不允许使用异步校验（$async）' });
            break;
          case '$id':
            if (typeof value === 'string') {
              if (/^[a-zA-Z][a-zA-Z0-9+.-]*:|^\/\//.test(value)) {
                errors.push({ path: here, message: `不允许使用远程或绝对地址作为 $id：${value}` });
              } else if (path !== '') {
                errors.push({ path: here, message: '子结构中不允许 $id（会改变 $ref 的解析基准）' });
              }
            }
            break;
          case '$ref':
            if (typeof value === 'string') {
              if (value === '#' || value.startsWith('#/')) {
                refs.push({ at: path, target: value === '#' ? '' : value.slice(1) });
              } else {
                errors.push({ path: here, message: `只允许本文档内的引用（以 #/ 开头），不允许：${value}` });
              }
            }
            break;
          case 'enum':
            if (Array.isArray(value) && value.length > lim.maxEnum) {
              errors.push({ path: here, message: `枚举值过多（${value.length} 项，上限 ${lim.maxEnum}）` });
            }
            break;
          case 'pattern':
            if (typeof value === 'string') checkPattern(value, here, '正则表达式 pattern ');
            break;
          case 'patternProperties':
            if (isPlainObject(value)) {
              for (const p of Object.keys(value)) {
                checkPattern(p, `${here}/${escapeSegment(p)}`, 'patternProperties 的正则表达式');
              }
            }
            break;
          case 'format':
            if (typeof value === 'string' && !formats.has(value)) {
              errors.push({ path: here, message: `未知的格式（format）：“${value}”` });
            }
            break;
          case 'title':
          case 'description':
            if (typeof value === 'string' && HTML_RE.test(value)) {
              errors.push({
                path: here,
                message: `${key === 'title' ? '标题' : '说明'}中不允许包含 HTML：${value.slice(0, 60)}`,
              });
            }
            break;
        }
      }
      const childMode: Mode =
        mode === 'data' || DATA_KEYWORDS.has(key) ? 'data' : MAP_KEYWORDS.has(key) ? 'map' : 'schema';
      walk(value, here, depth + 1, childMode);
    }
  };
  walk(schema, '', 0, 'schema');
  if (tooDeep) return errors;

  errors.push(...checkRefs(schema, refs));
  if (errors.length > 0) return errors;

  // A throwaway instance: a refused schema must leave nothing registered in the shared one.
  try {
    createAjv().compile(schema);
  } catch (e) {
    errors.push({
      path: '',
      message: `表单结构无法编译：${translateAjvMessage(e instanceof Error ? e.message : String(e))}`,
    });
  }
  return errors;
}

/** Pointer of the first node deeper than maxDepth, or null; uses an explicit stack, not recursion. */
function findTooDeep(root: unknown, maxDepth: number): string | null {
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop() as { node: unknown; path: string; depth: number };
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxDepth) return path;
    const entries: [string, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [String(i), v])
      : Object.entries(node as Record<string, unknown>);
    for (const [k, v] of entries) {
      if (typeof v === 'object' && v !== null)
        stack.push({ node: v, path: `${path}/${escapeSegment(k)}`, depth: depth + 1 });
    }
  }
  return null;
}

function resolvePointer(root: unknown, pointer: string): { found: boolean; value: unknown } {
  if (pointer === '') return { found: true, value: root };
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    let seg: string;
    try {
      seg = unescapeSegment(decodeURIComponent(raw));
    } catch {
      return { found: false, value: undefined };
    }
    if (FORBIDDEN_KEYS.has(seg)) return { found: false, value: undefined };
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(seg) && Number(seg) < node.length) node = node[Number(seg)];
    else if (isPlainObject(node) && Object.hasOwn(node, seg)) node = node[seg];
    else return { found: false, value: undefined };
  }
  return { found: true, value: node };
}

/** Normalizes a ref target the same way resolvePointer reads it, so prefixes compare correctly. */
function normalizePointer(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      try {
        return `/${escapeSegment(unescapeSegment(decodeURIComponent(raw)))}`;
      } catch {
        return `/${raw}`;
      }
    })
    .join('');
}

function isInside(pointer: string, container: string): boolean {
  return pointer === container || pointer.startsWith(`${container}/`);
}

/**
 * Every $ref must resolve inside the document and the refs must not form a cycle: a ref whose
 * target contains another ref is an edge to it; a cycle (including a ref inside its own target)
 * is a recursive schema, which ajv would accept but which makes validation depth unbounded.
 */
function checkRefs(root: unknown, refs: RefSite[]): FieldError[] {
  const errors: FieldError[] = [];
  const sites = refs.map((r) => ({ ...r, target: normalizePointer(r.target) }));
  for (const r of sites) {
    if (!resolvePointer(root, r.target).found) {
      errors.push({ path: `${r.at}/$ref`, message: `引用的位置不存在：#${r.target}` });
    }
  }
  if (errors.length > 0) return errors;

  const edges = sites.map((r) => sites.map((s, j) => (isInside(s.at, r.target) ? j : -1)).filter((j) => j >= 0));
  const state = new Array<number>(sites.length).fill(0); // 0 new, 1 on stack, 2 done
  const reported = new Set<number>();
  const visit = (i: number): boolean => {
    state[i] = 1;
    for (const j of edges[i]) {
      if (state[j] === 1 || (state[j] === 0 && visit(j))) {
        if (!reported.has(i)) {
          reported.add(i);
          errors.push({ path: `${sites[i].at}/$ref`, message: `不允许递归引用：#${sites[i].target}` });
        }
        state[i] = 2;
        return true;
      }
    }
    state[i] = 2;
    return false;
  };
  for (let i = 0; i < sites.length; i++) if (state[i] === 0) visit(i);
  return errors;
}

/** Chinese wording of the ajv compile errors an admin is most likely to meet. */
function translateAjvMessage(message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/unknown keyword: "([^"]+)"/, (m) => `不支持的关键字“${m[1]}”（界面配置应写在 ui.json 中）`],
    [/unknown format "([^"]+)"/, (m) => `未知的格式“${m[1]}”`],
    [/missing type "([^"]+)" for keyword "([^"]+)"/, (m) => `关键字“${m[2]}”需要同时声明 type 为 "${m[1]}"`],
    [/schema is invalid: (.*)$/, (m) => `不符合 JSON Schema 规范：${m[1]}`],
    [/no schema with key or ref "([^"]+)"/, (m) => `找不到引用的结构“${m[1]}”`],
    [/can't resolve reference (\S+)/, (m) => `无法解析引用 ${m[1]}`],
  ];
  for (const [re, fn] of rules) {
    const m = re.exec(message);
    if (m) return fn(m);
  }
  return message;
}
