/**
 * Validation of a form's data against its definition: computed fields, JSON Schema and
 * cross-field rules (forms/FORMAT.md), on the server (it compiles the schema with ajv). The browser
 * computes fields with the same code (computed.ts) while the user types; the server computes again
 * and trusts nothing the browser computed.
 */

import { Budget } from './budget';
import {
  applyComputedFields,
  type Bindings,
  describeFailure,
  expandTargets,
  stopWhenSpent,
  type Target,
} from './computed';
import type { FormLogic, FormRule } from './definitions';
import { evaluateExpression } from './expressions';
import { moneyEquals, round2 } from './money';
import {
  FORBIDDEN_SEGMENTS,
  formatPointer,
  getPointer,
  isRecord,
  PointerError,
  parsePointer,
  setPointer,
} from './pointer';
import type { FieldError } from './server/ajv';
import { loadAjv } from './server/load-ajv';

export { formatPointer, getPointer, PointerError, parsePointer, setPointer };

/** Deeper data than this is refused: no real form nests this far, and it bounds recursion. */
const MAX_DATA_DEPTH = 64;
const DECIMAL_STRING_RE = /^-?\d+(\.\d+)?$/;

/**
 * Deep copy of JSON data that drops (and reports) __proto__/constructor/prototype keys and
 * refuses excessive nesting, so nothing downstream can be polluted or overflow the stack.
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
  const { compileFormSchema, validateAgainstSchema, SIZE_KEYWORDS } = await loadAjv();
  const validate = compileFormSchema(form.schema);
  // Data over a size limit (too many rows, too long a text) is refused before any formula runs on it.
  const sizeErrors = validateAgainstSchema(validate, copy, SIZE_KEYWORDS);
  if (sizeErrors.length) return { data: copy, computed, errors: dedupe([...errors, ...sizeErrors]), warnings };
  const settings = form.logic?.settings ?? {};
  const budget = options.budget ?? new Budget({ timeMs: options.timeoutMs });
  const base: Bindings = { settings, root: copy };
  const result = await applyComputedFields(form.logic, copy, budget, (pointer, value) => {
    computed[pointer] = value;
    if (!options.checkComputed) return;
    const incoming = getPointer(data, pointer);
    if (!valuesAgree(incoming, value)) {
      errors.push({
        path: pointer,
        message: `计算值不一致：提交的值为 ${show(incoming)}，重新计算应为 ${show(value)}`,
      });
    }
  });
  errors.push(...result.errors);

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
