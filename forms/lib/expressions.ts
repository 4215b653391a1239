/**
 * Bounded JSONata evaluation with the domain functions of forms/lib registered. Used for computed
 * fields, rules, gates and chain `when` conditions, in the browser and on the server alike.
 * Never eval/new Function: JSONata is an interpreter, and every evaluation draws on its request's
 * Budget (one deadline and one data allowance for all evaluations of a request), has a depth budget,
 * a sequence-size budget, bounded strings and a regex engine that cannot backtrack catastrophically
 * (see expression-guards.ts).
 */
import type jsonata from 'jsonata';
import { Budget } from './budget';
import { DOMAIN_FUNCTIONS } from './domain-functions';
import { ExpressionError } from './expression-error';
import {
  BUDGET_BINDING,
  compileOptions,
  GUARDED_BUILTINS,
  guard,
  MAX_SEQUENCE,
  staticProblems,
} from './expression-guards';
import { BAIL, compileFast, type FastExpression } from './fast-expressions';
import { type Jsonata, loadJsonata } from './jsonata-loader';
import { MoneyError } from './money';

export { Budget, type BudgetLimits, DEFAULT_BUDGET_MS, MAX_STRING_LENGTH } from './budget';
export { DOMAIN_FUNCTIONS, duplicateRows } from './domain-functions';
export { ExpressionError, type ExpressionErrorCode } from './expression-error';
export { installRegexEngine } from './expression-guards';

/** Max characters of an expression: a form expression longer than this is a mistake or an attack. */
export const MAX_EXPRESSION_LENGTH = 4000;
const DEFAULT_MAX_DEPTH = 100;
const CACHE_SIZE = 500;

/** Options of evaluateExpression. */
export interface EvaluateOptions {
  /** Variables visible as $name; `settings` becomes $settings. Domain function names cannot be shadowed. */
  bindings?: Record<string, unknown>;
  /**
   * The request's budget: pass the same one to every evaluation made for one request. Without it the
   * evaluation gets a budget of its own (`timeoutMs`, default 1000 ms).
   */
  budget?: Budget;
  /** Wall-clock time of an evaluation that brings no budget (ms). */
  timeoutMs?: number;
  /** Max nesting of JSONata evaluation frames (default 100): stops runaway recursion. */
  maxDepth?: number;
  /** false: JSONata only, never the fast path (fast-expressions.ts); the tests compare the two. */
  fastPath?: boolean;
}

/** Names a binding may not shadow: the domain functions and the guarded builtins. */
const RESERVED: ReadonlySet<string> = new Set([...Object.keys(DOMAIN_FUNCTIONS), ...GUARDED_BUILTINS]);

/** Names of the registered domain functions (callable as $name). */
export const DOMAIN_FUNCTION_NAMES: readonly string[] = Object.freeze(Object.keys(DOMAIN_FUNCTIONS));

/** A compiled expression: JSONata's, and the synchronous fast path when the expression is in its subset. */
interface Compiled {
  jsonata: jsonata.Expression;
  fast: FastExpression | undefined;
}

const byExpr = new Map<string, Compiled>();
const byDepthAndExpr = new Map<string, Compiled>();

function parse(expr: string, maxDepth: number, make: Jsonata): jsonata.Expression {
  if (typeof expr !== 'string') throw new ExpressionError('syntax', '表达式应为字符串');
  if (expr.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('tooLong', `表达式过长（${expr.length} 个字符，上限 ${MAX_EXPRESSION_LENGTH}）`);
  }
  try {
    return make(expr, compileOptions(maxDepth) as jsonata.JsonataOptions);
  } catch (e) {
    throw toExpressionError(e, maxDepth);
  }
}

async function compile(expr: string, maxDepth: number): Promise<Compiled> {
  // The common depth is keyed by the expression string itself (its hash is cached on the string).
  const [cache, key] = maxDepth === DEFAULT_MAX_DEPTH ? [byExpr, expr] : [byDepthAndExpr, `${maxDepth}|${expr}`];
  const hit = cache.get(key);
  if (hit) {
    // Re-insert to keep the Map in least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = parse(expr, maxDepth, await loadJsonata());
  for (const [name, fn] of Object.entries(DOMAIN_FUNCTIONS)) parsed.registerFunction(name, fn);
  await guard(parsed);
  const compiled = { jsonata: parsed, fast: compileFast(parsed.ast(), DOMAIN_FUNCTIONS, maxDepth) };
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

function toExpressionError(e: unknown, maxDepth: number): ExpressionError {
  if (e instanceof ExpressionError) return e;
  if (e instanceof MoneyError || e instanceof RangeError)
    return new ExpressionError('evaluation', e.message, { cause: e });
  const err = (e ?? {}) as { code?: string; message?: string; position?: number };
  switch (err.code) {
    case 'D1011':
      return new ExpressionError('depth', `表达式嵌套过深（超过 ${maxDepth} 层），可能存在无限递归，已停止计算`, {
        cause: e,
      });
    case 'D2014':
    case 'D2015':
      return new ExpressionError('tooLarge', `表达式产生的数据过多（超过 ${MAX_SEQUENCE} 项），已停止计算`, {
        cause: e,
      });
    case 'X_UNSAFE_REGEX':
      return new ExpressionError('unsafeRegex', '表达式中的正则表达式可能导致灾难性回溯，已拒绝执行', { cause: e });
    case 'X_UNSUPPORTED_REGEX':
      return new ExpressionError(
        'unsafeRegex',
        '表达式中的正则表达式过于复杂或使用了不支持的写法（如前瞻、后顾或反向引用），已拒绝执行',
        { cause: e },
      );
  }
  if (typeof err.code === 'string' && /^S0/.test(err.code)) {
    return new ExpressionError('syntax', `表达式语法错误（位置 ${err.position ?? '?'}）：${err.message ?? err.code}`, {
      cause: e,
    });
  }
  const detail = err.message ?? String(e);
  return new ExpressionError('evaluation', `表达式计算失败：${detail}`, { cause: e });
}

/**
 * Evaluates a JSONata expression against `input` with the domain functions registered
 * ($toMoney, $sumMoney, $rowScore, $grade, $addWorkingDays, $duplicates …) and `bindings.settings`
 * as $settings. Compiled once per expression string (LRU cache). Throws ExpressionError (Chinese
 * message) when the expression is too long, invalid, too deep, too big or over its request's budget
 * (then `budgetSpent` is true).
 */
export async function evaluateExpression(
  expr: string,
  input: unknown,
  options: EvaluateOptions = {},
): Promise<unknown> {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const budget = options.budget ?? new Budget({ timeMs: options.timeoutMs });
  const compiled = await compile(expr, maxDepth);

  // A null-prototype copy without the names bindings may not shadow.
  const bindings: Record<string, unknown> = Object.create(null);
  const given = options.bindings;
  if (given) for (const k of Object.keys(given)) if (!RESERVED.has(k)) bindings[k] = given[k];
  budget.begin();
  if (compiled.fast && options.fastPath !== false) {
    const fast = runFast(compiled.fast, input, bindings, budget);
    if (fast !== BAIL) {
      // Charged as JSONata's exit hook would have, step by step; may yield or end the budget.
      await budget.charge(fast.units);
      return normalize(fast.value, 0);
    }
    await budget.charge(0); // the attempt's time counts too: a bailed fast run cannot double a request's time
  }
  bindings[BUDGET_BINDING] = budget;
  try {
    return normalize(await compiled.jsonata.evaluate(input, bindings), 0);
  } catch (e) {
    throw toExpressionError(e, maxDepth);
  }
}

/** Whether an expression compiles to the fast path (it may still hand some evaluations to JSONata). */
export async function hasFastPath(expr: string): Promise<boolean> {
  return (await compile(expr, DEFAULT_MAX_DEPTH)).fast !== undefined;
}

/**
 * The fast path's answer, or BAIL when it gave up (a case JSONata answers with an error, a limit reached,
 * anything unexpected): the caller then evaluates with JSONata, which answers the same or fails the same.
 */
function runFast(
  fast: FastExpression,
  input: unknown,
  bindings: Record<string, unknown>,
  budget: Budget,
): { value: unknown; units: number } | typeof BAIL {
  try {
    return fast(input, bindings, { maxUnits: budget.allocation - budget.usedAllocation, maxSequence: MAX_SEQUENCE });
  } catch {
    return BAIL;
  }
}

/**
 * The save-time check of an admin's expression: compiles it, refuses what can be seen without data
 * (staticProblems) and evaluates it once over `sample` with a budget of its own. Failures that depend
 * on data (code `evaluation`) are accepted: the sample is empty. Returns a Chinese message, or
 * undefined when the expression may be stored.
 */
export async function checkExpression(
  expr: unknown,
  sample: unknown,
  bindings: Record<string, unknown> = {},
): Promise<string | undefined> {
  if (typeof expr !== 'string') return '表达式必须是文本';
  try {
    const problems = staticProblems(parse(expr, DEFAULT_MAX_DEPTH, await loadJsonata()).ast());
    if (problems.length) return `表达式不安全：${problems.join('；')}`;
    await evaluateExpression(expr, sample, { bindings });
  } catch (err) {
    if (err instanceof ExpressionError && err.code === 'evaluation') return undefined;
    return (err as Error).message;
  }
  return undefined;
}

/**
 * JSONata results may be internal sequences (arrays with extra flags); hand back plain arrays so
 * callers can compare and serialize them like any JSON value.
 */
function normalize(x: unknown, depth: number): unknown {
  if (depth > 64) return x;
  if (Array.isArray(x)) return x.map((v) => normalize(v, depth + 1));
  if (isPlainObject(x)) {
    const out: Record<string, unknown> = {};
    // defineProperty: a key named "__proto__" stays a plain key instead of replacing the prototype.
    for (const [k, v] of Object.entries(x)) {
      Object.defineProperty(out, k, {
        value: normalize(v, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return x;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}
