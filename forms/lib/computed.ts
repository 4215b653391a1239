/**
 * Computed fields (logic.computed, forms/FORMAT.md), the one implementation server and browser share:
 * the server's validateFormData runs it before the schema check, the fill page while the user types so
 * totals update at once. Every formula draws on one Budget; a spent budget ends the computation.
 */
import { Budget } from './budget';
import type { FieldError, FormLogic } from './definitions';
import { ExpressionError, evaluateExpression } from './expressions';
import { formatPointer, getPointer, PointerError, parsePointer, setPointer, valueAt } from './pointer';

/** What every formula of a validation sees: $settings and $root (and, per row, $index and $indexes). */
export interface Bindings extends Record<string, unknown> {
  settings: unknown;
  root: Record<string, unknown>;
}

export interface Target {
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
export function expandTargets(data: Record<string, unknown>, path: string, base: Bindings): Target[] {
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

export function describeFailure(e: unknown): string {
  if (e instanceof ExpressionError || e instanceof PointerError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** A spent request budget ends the whole computation: every later formula would fail the same way. */
export function stopWhenSpent(e: unknown): void {
  if (e instanceof ExpressionError && e.budgetSpent) throw e;
}

/** A function as a result: a JavaScript one, or a JSONata lambda or built-in (`function($v){…}`, `$sum`). */
export function isFunctionValue(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v._jsonata_lambda === true || v._jsonata_function === true;
}

export interface ComputedResult {
  /** Computed values by concrete pointer. */
  computed: Record<string, unknown>;
  /** Paths that could not be computed (bad path, a failing formula, a result that is not data). */
  errors: FieldError[];
}

/**
 * Applies `logic.computed` in order to `data`, which it mutates (later fields see earlier results;
 * `*` segments evaluate per array element, see expandTargets). A result that is not data (a function)
 * is an error on its path and writes nothing. `onValue` sees every computed value as it is written.
 * Throws the ExpressionError when the budget is spent.
 */
export async function applyComputedFields(
  logic: FormLogic | undefined,
  data: Record<string, unknown>,
  budget: Budget,
  onValue?: (pointer: string, value: unknown) => void,
): Promise<ComputedResult> {
  const computed: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  const settings = logic?.settings ?? {};
  for (const field of logic?.computed ?? []) {
    let targets: Target[];
    try {
      targets = expandTargets(data, field.path, { settings, root: data });
    } catch (e) {
      errors.push({ path: field.path, message: `计算字段路径无效：${describeFailure(e)}` });
      continue;
    }
    for (const t of targets) {
      try {
        const value = await evaluateExpression(field.expr, t.input, { budget, bindings: t.bindings });
        if (isFunctionValue(value)) throw new ExpressionError('evaluation', '计算结果不是数据（是函数）');
        // An empty result for a whole array element ("/rows/*") leaves the element alone:
        // removing it would shift the indexes of the elements still to be computed.
        if (value !== undefined || !field.path.endsWith('/*')) setPointer(data, t.pointer, value);
        computed[t.pointer] = value;
        onValue?.(t.pointer, value);
      } catch (e) {
        stopWhenSpent(e);
        errors.push({ path: t.pointer, message: `计算失败：${describeFailure(e)}` });
      }
    }
  }
  return { computed, errors };
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The browser's live computation on a fresh budget: `data` with every computed field written (a copy
 * when any value changed, else `data` itself, so a caller can tell nothing changed).
 */
export async function computeFields(
  logic: FormLogic | undefined,
  data: Record<string, unknown>,
): Promise<ComputedResult & { data: Record<string, unknown> }> {
  if (!logic?.computed?.length) return { data, computed: {}, errors: [] };
  const copy = structuredClone(data);
  const result = await applyComputedFields(logic, copy, new Budget());
  const changed = Object.keys(result.computed).some((p) => !same(getPointer(data, p), getPointer(copy, p)));
  return { data: changed ? copy : data, ...result };
}

/**
 * Writes freshly computed values into `data` where they differ (the user may have typed since the
 * computation started): a copy when anything changed, else the same object.
 */
export function mergeComputed(
  data: Record<string, unknown>,
  computed: Record<string, unknown>,
): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const [pointer, value] of Object.entries(computed)) {
    try {
      if (same(getPointer(data, pointer), value)) continue;
      copy ??= structuredClone(data);
      setPointer(copy, pointer, value);
    } catch {
      // a path the data cannot hold (any more): the server reports it
    }
  }
  return copy ?? data;
}
