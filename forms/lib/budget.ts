/**
 * The formula budget of one request: every JSONata evaluation made while serving it (computed fields,
 * rules of every row, gates, chain conditions, decision checks) draws on one deadline and one data
 * allowance, so a data-gated loop costs the budget once, not once per row or per expression.
 * It also hands the event loop back every few milliseconds, so a long validation never stalls other
 * requests (the health check, another user's save) for more than a slice.
 */
import { ExpressionError } from './expression-error';

/** Limits of one Budget. */
export interface BudgetLimits {
  /** Time spent evaluating, every evaluation of the request together (ms). */
  timeMs?: number;
  /** Data the evaluations may produce together: characters of strings, items of arrays, one per step. */
  allocation?: number;
}

/** Default time of a request's formulas: no request may hold the server for more than a second. */
export const DEFAULT_BUDGET_MS = 1000;
/** Default data allowance: tens of megabytes at most, far above what a real form's formulas produce. */
export const DEFAULT_ALLOCATION = 10_000_000;
/** The longest string a formula may build (characters). */
export const MAX_STRING_LENGTH = 1_000_000;
/** How often a running evaluation hands the event loop back to other work (ms). */
const YIELD_EVERY_MS = 15;

/**
 * The next turn of the event loop, after pending I/O: setImmediate where there is one (Node: it does not
 * sleep, unlike setTimeout's 1 ms, which on a busy machine can cost a whole scheduler slice), else
 * setTimeout (browsers).
 */
const nextTurn: (fn: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (fn) => (globalThis as unknown as { setImmediate: (fn: () => void) => void }).setImmediate(fn)
    : (fn) => setTimeout(fn, 0);

const ADVICE = '请检查表单或审核链中的公式，或联系系统管理员';

/** One request's allowance of formula time and data; create one per request and pass it to every evaluation. */
export class Budget {
  readonly timeMs: number;
  readonly allocation: number;
  private used = 0;
  /** Time spent inside evaluations so far (ms); compiling, I/O and the yielded slices do not count. */
  private elapsed = 0;
  private mark = Date.now();
  private lastYield = this.mark;
  private spentBy: ExpressionError | undefined;

  constructor(limits: BudgetLimits = {}) {
    this.timeMs = limits.timeMs ?? DEFAULT_BUDGET_MS;
    this.allocation = limits.allocation ?? DEFAULT_ALLOCATION;
  }

  /** True once the time or the data allowance ran out; every later charge throws the same error. */
  get spent(): boolean {
    return this.spentBy !== undefined;
  }

  /** Data charged so far. */
  get usedAllocation(): number {
    return this.used;
  }

  /** Called when an evaluation starts: its clock runs from here. Throws when the budget is spent. */
  begin(): void {
    if (this.spentBy) throw this.spentBy;
    this.mark = Date.now();
  }

  /**
   * Charges `units` and the time since the last charge. Throws an ExpressionError (budgetSpent) when
   * either ran out. Every few milliseconds returns a promise that resolves on a later turn of the event
   * loop (other requests are served meanwhile, and that time is not charged): await it.
   */
  charge(units: number): Promise<void> | undefined {
    if (this.spentBy) throw this.spentBy;
    this.used += units;
    if (this.used > this.allocation) {
      throw this.spend(
        'tooLarge',
        `表达式产生的数据过多（本次请求的公式合计超过 ${this.allocation} 个单位），已停止计算。${ADVICE}`,
      );
    }
    const now = Date.now();
    this.elapsed += now - this.mark;
    this.mark = now;
    if (this.elapsed > this.timeMs) {
      throw this.spend(
        'timeout',
        `表达式计算超时（本次请求的公式合计超过 ${this.timeMs} 毫秒），已停止计算。${ADVICE}`,
      );
    }
    if (now - this.lastYield < YIELD_EVERY_MS) return undefined;
    return new Promise((resolve) =>
      nextTurn(() => {
        this.mark = Date.now();
        this.lastYield = this.mark;
        resolve();
      }),
    );
  }

  /** Charges what one evaluation step produced: a string's characters, an array's items, 1 otherwise. */
  chargeResult(result: unknown): Promise<void> | undefined {
    if (typeof result === 'string') {
      checkStringLength(result.length);
      return this.charge(result.length + 1);
    }
    return this.charge(Array.isArray(result) ? result.length + 1 : 1);
  }

  private spend(code: 'timeout' | 'tooLarge', message: string): ExpressionError {
    this.spentBy = new ExpressionError(code, message, { budgetSpent: true });
    return this.spentBy;
  }
}

/** Refuses a string of `length` characters before (or right after) it is built. */
export function checkStringLength(length: number): void {
  if (length > MAX_STRING_LENGTH) {
    throw new ExpressionError(
      'tooLarge',
      `表达式产生的文本过长（${length} 个字符，上限 ${MAX_STRING_LENGTH}），已停止计算。${ADVICE}`,
    );
  }
}
