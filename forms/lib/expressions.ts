/**
 * Bounded JSONata evaluation with the domain functions of forms/lib registered. Used for computed
 * fields, rules, gates and chain `when` conditions, in the browser and on the server alike.
 * Never eval/new Function: JSONata is an interpreter, and every evaluation has a time budget,
 * a depth budget, a sequence-size budget and a regex engine that refuses catastrophic patterns.
 */
import jsonata from 'jsonata';
import safeRegexModule from 'safe-regex2';
import { addMoney, MoneyError, moneyEquals, percentOf, round2, subMoney, sumMoney, toMoney } from './money';
import { exAnteConclusion, isLate, resultApplication } from './rules';
import {
  executionRate,
  executionScore,
  GRADE_LABELS,
  type Grade,
  grade,
  type QualAchievement,
  qualScoreInBand,
  rowScore,
  type ScoringRow,
  type ScoringSettings,
} from './scoring';
import { addWorkingDays } from './working-days';

// biome-ignore lint/suspicious/noExplicitAny: CJS/ESM interop shim
const safeRegex = ((safeRegexModule as any).default ?? safeRegexModule) as (re: string | RegExp) => boolean;

/** Max characters of an expression: a form expression longer than this is a mistake or an attack. */
export const MAX_EXPRESSION_LENGTH = 4000;
const DEFAULT_TIMEOUT_MS = 200;
const DEFAULT_MAX_DEPTH = 100;
/** Max length of any intermediate sequence (e.g. a range [1..1e9] is refused, not allocated). */
const MAX_SEQUENCE = 100_000;
const CACHE_SIZE = 500;

/** Why an expression failed. */
export type ExpressionErrorCode =
  | 'tooLong'
  | 'syntax'
  | 'timeout'
  | 'depth'
  | 'tooLarge'
  | 'unsafeRegex'
  | 'evaluation';

/** An expression could not be compiled or evaluated; the message is Chinese and user-facing. */
export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  constructor(code: ExpressionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExpressionError';
    this.code = code;
  }
}

/** Options of evaluateExpression. */
export interface EvaluateOptions {
  /** Variables visible as $name; `settings` becomes $settings. Domain function names cannot be shadowed. */
  bindings?: Record<string, unknown>;
  /** Wall-clock budget of one evaluation (default 200 ms). */
  timeoutMs?: number;
  /** Max nesting of JSONata evaluation frames (default 100): stops runaway recursion. */
  maxDepth?: number;
}

/**
 * A RegExp constructor for JSONata that refuses patterns with catastrophic backtracking, so an
 * expression such as `$match(s, /(a+)+$/)` cannot hang the event loop.
 */
function SafeRegExp(pattern: string | RegExp, flags?: string): RegExp {
  if (!safeRegex(pattern)) throw { code: 'X_UNSAFE_REGEX', value: String(pattern) };
  return new RegExp(pattern, flags);
}

type Focus = { environment: { lookup(name: string): unknown } };

function settingsOf(focus: Focus): Record<string, unknown> {
  const s = focus.environment.lookup('settings');
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
}

function toList(x: unknown): unknown[] {
  if (x === undefined) return [];
  return Array.isArray(x) ? [...x] : [x];
}

/** JSONata has no null-as-absent: a rate over a zero budget must leave the field empty, not null. */
function orUndefined<T>(x: T | null): T | undefined {
  return x === null ? undefined : x;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/** The domain functions, as registered on every compiled expression. */
const DOMAIN_FUNCTIONS: Record<string, (this: Focus, ...args: unknown[]) => unknown> = {
  toMoney: (x) => (x === undefined || x === null || x === '' ? undefined : toMoney(x as string | number)),
  sumMoney: (xs) => sumMoney(toList(xs) as (string | number | null)[]),
  addMoney: (...xs) =>
    addMoney(...(xs.flatMap(toList).filter((x) => x !== undefined && x !== null && x !== '') as (string | number)[])),
  subMoney: (a, b) => (a === undefined || b === undefined ? undefined : subMoney(a as string, b as string)),
  moneyEquals: (a, b) => moneyEquals(a, b),
  percentOf: (part, whole) =>
    part === undefined || whole === undefined ? undefined : orUndefined(percentOf(part as string, whole as string)),
  round2: (n) => (n === undefined || n === null ? undefined : round2(n as number)),
  rowScore(this: Focus, row, settings) {
    if (!isObject(row)) return undefined;
    const s = (isObject(settings) ? settings : settingsOf(this)) as ScoringSettings;
    return orUndefined(rowScore(row as ScoringRow, s).score);
  },
  overshoot(this: Focus, row, settings) {
    if (!isObject(row)) return undefined;
    const s = (isObject(settings) ? settings : settingsOf(this)) as ScoringSettings;
    return rowScore(row as ScoringRow, s).overshoot;
  },
  qualScoreInBand: (achievement, weight, score) => {
    if (typeof achievement !== 'string' || num(weight) === undefined || num(score) === undefined) return undefined;
    return qualScoreInBand(achievement as QualAchievement, weight as number, score as number);
  },
  executionRate: (executed, budget) =>
    executed === undefined || budget === undefined
      ? undefined
      : orUndefined(executionRate(executed as string, budget as string)),
  executionScore(this: Focus, rate, weight) {
    return executionScore(num(rate) ?? null, num(weight) ?? 10, settingsOf(this) as ScoringSettings);
  },
  grade: (score) => (num(score) === undefined ? undefined : grade(score as number)),
  gradeLabel: (x) => {
    if (typeof x === 'string' && Object.hasOwn(GRADE_LABELS, x)) return GRADE_LABELS[x as Grade];
    if (num(x) !== undefined) return GRADE_LABELS[grade(x as number)];
    return undefined;
  },
  exAnteConclusion(this: Focus, total, bands) {
    if (num(total) === undefined) return undefined;
    const b = isObject(bands) ? bands : settingsOf(this).exAnteBands;
    return isObject(b) ? exAnteConclusion(total as number, b as never) : exAnteConclusion(total as number);
  },
  addWorkingDays: (start, days) =>
    typeof start !== 'string' || num(days) === undefined ? undefined : addWorkingDays(start, days as number).date,
  isLate: (submittedAt, fiscalYear, upperNoticeDeadline) =>
    typeof submittedAt !== 'string' || num(fiscalYear) === undefined
      ? undefined
      : isLate(
          submittedAt,
          fiscalYear as number,
          typeof upperNoticeDeadline === 'string' ? upperNoticeDeadline : undefined,
        ),
  resultApplication(this: Focus, input, settings) {
    if (!isObject(input)) return undefined;
    const all = settingsOf(this);
    const s = isObject(settings) ? settings : isObject(all.resultApplication) ? all.resultApplication : all;
    return orUndefined(
      resultApplication(input, { gapThreshold: num(s.gapThreshold), reduceRatio: num(s.reduceRatio) }),
    );
  },
};

/** Names of the registered domain functions (callable as $name). */
export const DOMAIN_FUNCTION_NAMES: readonly string[] = Object.freeze(Object.keys(DOMAIN_FUNCTIONS));

const cache = new Map<string, jsonata.Expression>();

function compile(expr: string, timeoutMs: number, maxDepth: number): jsonata.Expression {
  const key = `${timeoutMs}|${maxDepth}|${expr}`;
  const hit = cache.get(key);
  if (hit) {
    // Re-insert to keep the Map in least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expr, {
      timeout: timeoutMs,
      stack: maxDepth,
      sequence: MAX_SEQUENCE,
      RegexEngine: SafeRegExp as unknown as RegExpConstructor,
    });
  } catch (e) {
    throw toExpressionError(e, timeoutMs, maxDepth);
  }
  for (const [name, fn] of Object.entries(DOMAIN_FUNCTIONS)) compiled.registerFunction(name, fn);
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

function toExpressionError(e: unknown, timeoutMs: number, maxDepth: number): ExpressionError {
  if (e instanceof ExpressionError) return e;
  if (e instanceof MoneyError || e instanceof RangeError)
    return new ExpressionError('evaluation', e.message, { cause: e });
  const err = (e ?? {}) as { code?: string; message?: string; position?: number };
  switch (err.code) {
    case 'D1012':
      return new ExpressionError('timeout', `表达式计算超时（超过 ${timeoutMs} 毫秒），已停止计算`, { cause: e });
    case 'D1011':
      return new ExpressionError('depth', `表达式嵌套过深（超过 ${maxDepth} 层），可能存在无限递归，已停止计算`, {
        cause: e,
      });
    case 'D2015':
      return new ExpressionError('tooLarge', `表达式产生的数据过多（超过 ${MAX_SEQUENCE} 项），已停止计算`, {
        cause: e,
      });
    case 'X_UNSAFE_REGEX':
      return new ExpressionError('unsafeRegex', '表达式中的正则表达式可能导致灾难性回溯，已拒绝执行', { cause: e });
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
 * ($toMoney, $sumMoney, $rowScore, $grade, $addWorkingDays, …) and `bindings.settings` as
 * $settings. Compiled once per expression string (LRU cache). Throws ExpressionError (Chinese
 * message) when the expression is too long, invalid, too slow or too deep.
 */
export async function evaluateExpression(
  expr: string,
  input: unknown,
  options: EvaluateOptions = {},
): Promise<unknown> {
  if (typeof expr !== 'string') throw new ExpressionError('syntax', '表达式应为字符串');
  if (expr.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('tooLong', `表达式过长（${expr.length} 个字符，上限 ${MAX_EXPRESSION_LENGTH}）`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const compiled = compile(expr, timeoutMs, maxDepth);

  const bindings: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options.bindings ?? {})) {
    if (!Object.hasOwn(DOMAIN_FUNCTIONS, k)) bindings[k] = v;
  }
  try {
    return normalize(await compiled.evaluate(input, bindings), 0);
  } catch (e) {
    throw toExpressionError(e, timeoutMs, maxDepth);
  }
}

/**
 * JSONata results may be internal sequences (arrays with extra flags); hand back plain arrays so
 * callers can compare and serialize them like any JSON value.
 */
function normalize(x: unknown, depth: number): unknown {
  if (depth > 64) return x;
  if (Array.isArray(x)) return x.map((v) => normalize(v, depth + 1));
  if (isObject(x) && Object.getPrototypeOf(x) === Object.prototype) {
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
