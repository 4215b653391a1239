/**
 * Validation of a form's data against its definition: computed fields, JSON Schema and
 * cross-field rules (forms/FORMAT.md). The browser runs it while the user types; the server runs
 * it again and trusts nothing the browser computed.
 */

import { Budget } from './budget';
import type { ComputedField, FormLogic, FormRule } from './definitions';
import { ExpressionError, evaluateExpression } from './expressions';
import { moneyEquals, round2 } from './money';
import { compileFormSchema, type FieldError, SIZE_KEYWORDS, validateAgainstSchema } from './server/ajv';

/** Keys that could reach an object's prototype; refused in pointers and in form data. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper data than this is refused: no real form nests this far, and it bounds recursion. */
const MAX_DATA_DEPTH = 64;
const DECIMAL_STRING_RE = /^-?\d+(\.\d+)?$/;
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

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The value at a JSON Pointer, or undefined when any step is missing. Only own properties are read. */
export function getPointer(obj: unknown, pointer: string): unknown {
  return valueAt(obj, parsePointer(pointer));
}

/** The value at already parsed (and checked) pointer segments. */
function valueAt(obj: unknown, segments: readonly string[]): unknown {
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

/**
 * Deep copy of JSON data that drops (and reports) __proto__/constructor/prototype keys and
 * refuses excessive nesting, so nothing downstream can be polluted or overflow the stack.
 * `at` holds the segments down to `x`; a pointer is only built for an error.
 */
function copyData(x: unknown, at: (string | number)[], errors: FieldError[]): unknown {
  if (at.length > MAX_DATA_DEPTH) {
    errors.push({ path: formatPointer(at), message: `数据嵌套过深（超过 ${MAX_DATA_DEPTH} 层）` });
    return undefined;
  }
  if (Array.isArray(x)) {
    const out = new Array(x.length);
    for (let i = 0; i < x.length; i++) {
      at.push(i);
      out[i] = copyData(x[i], at, errors);
      at.pop();
    }
    return out;
  }
  if (isRecord(x)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) {
      at.push(k);
      if (FORBIDDEN_SEGMENTS.has(k)) errors.push({ path: formatPointer(at), message: `不允许的属性名“${k}”` });
      else out[k] = copyData(x[k], at, errors);
      at.pop();
    }
    return out;
  }
  return x;
}

/** A form as validateFormData needs it: its schema and its logic.json. */
export interface FormDefinition {
  schema: object;
  logic?: FormLogic;
}

/** Options of validateFormData. */
export interface ValidateFormDataOptions {
  /** Report incoming values of computed fields that disagree with the recomputed ones (server: true). */
  checkComputed?: boolean;
  /**
   * The request's formula budget, shared by every computed field and rule (and by whatever else the
   * request evaluates). Without it, one is made with `timeoutMs`.
   */
  budget?: Budget;
  /** Time of all the formulas of this validation together (ms) when no budget is given. */
  timeoutMs?: number;
}

/** Result: data with computed values written, the computed values by pointer, errors and warnings. */
export interface FormValidationResult {
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  errors: FieldError[];
  warnings: FieldError[];
}

/** What every formula of a validation sees: $settings and $root (and, per row, $index and $indexes). */
interface Bindings extends Record<string, unknown> {
  settings: unknown;
  root: Record<string, unknown>;
}

interface Target {
  pointer: string;
  input: unknown;
  bindings: Record<string, unknown>;
}

/**
 * Concrete targets of a computed or rule path. A plain pointer has one target whose input is the
 * whole data. A path with `*` segments ("/annualIndicators/*\/score") has one target per array
 * element: the expression's input is the element the last `*` matched, `$root` is the whole data,
 * `$index` the element's index and `$indexes` the indexes of every `*` from the outside in.
 * A `*` whose array is missing (or not an array) yields no target.
 */
function expandTargets(data: Record<string, unknown>, path: string, base: Bindings): Target[] {
  const segments = parsePointer(path);
  if (!segments.includes('*')) return [{ pointer: path, input: data, bindings: base }];
  const targets: Target[] = [];
  const { settings, root } = base;
  const walk = (node: unknown, prefix: string, rest: string[], indexes: number[]) => {
    const star = rest.indexOf('*');
    if (star < 0) {
      const bindings = { settings, root, index: indexes[indexes.length - 1], indexes };
      targets.push({ pointer: prefix + formatPointer(rest), input: node, bindings });
      return;
    }
    const head = rest.slice(0, star);
    const arr = valueAt(node, head);
    if (!Array.isArray(arr)) return;
    const at = prefix + formatPointer(head);
    const tail = rest.slice(star + 1);
    for (let i = 0; i < arr.length; i++) walk(arr[i], `${at}/${i}`, tail, [...indexes, i]);
  };
  walk(data, '', segments, []);
  return targets;
}

function valuesAgree(incoming: unknown, recomputed: unknown): boolean {
  if (incoming === undefined) return true;
  if (typeof incoming === 'number' && typeof recomputed === 'number') {
    return Number.isFinite(incoming) && round2(incoming) === round2(recomputed);
  }
  if (typeof incoming === 'string' && typeof recomputed === 'string') {
    if (DECIMAL_STRING_RE.test(incoming) && DECIMAL_STRING_RE.test(recomputed))
      return moneyEquals(incoming, recomputed);
    return incoming === recomputed;
  }
  return canonical(incoming) === canonical(recomputed);
}

/** JSON with sorted keys, so two objects that differ only in key order compare equal. */
function canonical(x: unknown): string {
  if (x === undefined) return 'undefined';
  return JSON.stringify(x, (_k, v) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function show(x: unknown): string {
  if (x === undefined) return '（空）';
  const s = typeof x === 'string' ? x : JSON.stringify(x);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

function describeFailure(e: unknown): string {
  if (e instanceof ExpressionError || e instanceof PointerError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Validates form data against its definition:
 * (a) applies `logic.computed` in order on a deep copy (later fields see earlier results; `*`
 *     segments evaluate per array element, see expandTargets);
 * (b) with `checkComputed`, reports every incoming computed value that disagrees with the
 *     recomputed one (numbers at 2 decimals, money strings by decimal value);
 * (c) validates the computed data with the form's compiled JSON Schema;
 * (d) runs `logic.rules`: a rule passes when its expression is true or undefined. A rule path
 *     with `*` segments evaluates per array element like a computed path (input = the element,
 *     `$root`/`$index`/`$indexes` bound) and reports each failing element at its concrete pointer;
 *     a `scope: "table"` rule is evaluated once and returns the failing rows (tableRuleErrors).
 * Data over a size limit of the schema (maxItems, maxLength, maxProperties) is refused before (a):
 * no formula runs on it. Every formula draws on one Budget; when it is spent the validation stops
 * and the ExpressionError (budgetSpent) is thrown, for the caller to refuse the request.
 * Data keys __proto__/constructor/prototype are refused as errors and dropped from the copy.
 */
export async function validateFormData(
  form: FormDefinition,
  data: unknown,
  options: ValidateFormDataOptions = {},
): Promise<FormValidationResult> {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const computed: Record<string, unknown> = {};

  if (!isRecord(data)) {
    return { data: {}, computed, errors: [{ path: '', message: '表单数据应为对象' }], warnings };
  }
  const copy = copyData(data, [], errors) as Record<string, unknown>;
  const validate = compileFormSchema(form.schema);
  // Data over a size limit (too many rows, too long a text) is refused before any formula runs on it.
  const sizeErrors = validateAgainstSchema(validate, copy, SIZE_KEYWORDS);
  if (sizeErrors.length) return { data: copy, computed, errors: dedupe([...errors, ...sizeErrors]), warnings };
  const settings = form.logic?.settings ?? {};
  const budget = options.budget ?? new Budget({ timeMs: options.timeoutMs });
  const base: Bindings = { settings, root: copy };

  for (const field of form.logic?.computed ?? ([] as ComputedField[])) {
    let targets: Target[];
    try {
      targets = expandTargets(copy, field.path, base);
    } catch (e) {
      errors.push({ path: field.path, message: `计算字段路径无效：${describeFailure(e)}` });
      continue;
    }
    for (const t of targets) {
      try {
        const value = await evaluateExpression(field.expr, t.input, { budget, bindings: t.bindings });
        if (typeof value === 'function') throw new ExpressionError('evaluation', '计算结果不是数据（是函数）');
        // An empty result for a whole array element ("/rows/*") leaves the element alone:
        // removing it would shift the indexes of the elements still to be computed.
        if (value !== undefined || !field.path.endsWith('/*')) setPointer(copy, t.pointer, value);
        computed[t.pointer] = value;
        if (options.checkComputed) {
          const incoming = getPointer(data, t.pointer);
          if (!valuesAgree(incoming, value)) {
            errors.push({
              path: t.pointer,
              message: `计算值不一致：提交的值为 ${show(incoming)}，重新计算应为 ${show(value)}`,
            });
          }
        }
      } catch (e) {
        stopWhenSpent(e);
        errors.push({ path: t.pointer, message: `计算失败：${describeFailure(e)}` });
      }
    }
  }

  errors.push(...validateAgainstSchema(validate, copy));

  for (const rule of form.logic?.rules ?? ([] as FormRule[])) {
    const sink = rule.level === 'warning' ? warnings : errors;
    if (rule.scope === 'table') {
      sink.push(...(await tableRuleErrors(rule, copy, { budget, bindings: base })));
      continue;
    }
    let targets: Target[];
    if (typeof rule.path === 'string' && rule.path.includes('*')) {
      try {
        targets = expandTargets(copy, rule.path, base);
      } catch (e) {
        sink.push({ path: rule.path, message: `规则 ${rule.id} 的路径无效：${describeFailure(e)}` });
        continue;
      }
    } else {
      // A plain path is only where the error is shown: the rule sees the whole data, as always.
      targets = [{ pointer: rule.path, input: copy, bindings: base }];
    }
    for (const t of targets) {
      try {
        const passed = await evaluateExpression(rule.expr, t.input, { budget, bindings: t.bindings });
        if (passed !== true && passed !== undefined) sink.push({ path: t.pointer, message: rule.message });
      } catch (e) {
        stopWhenSpent(e);
        sink.push({ path: t.pointer, message: `规则 ${rule.id} 无法计算：${describeFailure(e)}` });
      }
    }
  }

  return { data: copy, computed, errors: dedupe(errors), warnings: dedupe(warnings) };
}

/** A spent request budget ends the whole validation: every later formula would fail the same way. */
function stopWhenSpent(e: unknown): void {
  if (e instanceof ExpressionError && e.budgetSpent) throw e;
}

/**
 * A rule with `scope: "table"` is evaluated once over the whole data and returns the failing rows:
 * a list of indexes (one `*` in the path) or of index lists (nested `*`s, outside in); each failing
 * row is reported at the path with its `*`s filled in. Nothing, an empty list or true passes. This is
 * how whole-table checks (e.g. `$duplicates(rows, ['level2', 'name'])`) stay linear in the rows.
 */
async function tableRuleErrors(
  rule: FormRule,
  data: Record<string, unknown>,
  options: { budget: Budget; bindings: Record<string, unknown> },
): Promise<FieldError[]> {
  let segments: string[];
  let result: unknown;
  try {
    segments = parsePointer(rule.path);
    result = await evaluateExpression(rule.expr, data, options);
  } catch (e) {
    stopWhenSpent(e);
    return [{ path: rule.path, message: `规则 ${rule.id} 无法计算：${describeFailure(e)}` }];
  }
  if (result === undefined || result === true) return [];
  const stars = segments.filter((s) => s === '*').length;
  const rows = Array.isArray(result) ? result : [result];
  const out: FieldError[] = [];
  for (const row of rows) {
    const indexes = Array.isArray(row) ? row : [row];
    if (indexes.length !== stars || !indexes.every((i) => Number.isInteger(i) && i >= 0)) {
      return [{ path: rule.path, message: `规则 ${rule.id} 无法计算：结果应为行号列表` }];
    }
    let next = 0;
    out.push({ path: formatPointer(segments.map((s) => (s === '*' ? indexes[next++] : s))), message: rule.message });
  }
  return out;
}

function dedupe(list: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
