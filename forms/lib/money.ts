/**
 * Money in 万元 with 2 decimals, carried as decimal strings ("1280.00") and computed in decimal
 * (docs/decisions.md "Money in decimal"): a float sum such as 0.1 + 0.2 must never reach a budget table.
 */
import DecimalLib from 'decimal.js';
import { MONEY_PATTERN, SIGNED_MONEY_PATTERN } from './money-pattern';

export { MONEY_PATTERN, SIGNED_MONEY_PATTERN };

/**
 * A private clone so the rounding mode is ours alone: other code (or another library) changing
 * the global Decimal configuration must not change how budgets are rounded.
 */
export const Decimal = DecimalLib.clone({ rounding: DecimalLib.ROUND_HALF_UP, precision: 40 });
export type Decimal = InstanceType<typeof Decimal>;

const MONEY_RE = new RegExp(MONEY_PATTERN);
const SIGNED_MONEY_RE = new RegExp(SIGNED_MONEY_PATTERN);
/** Plain decimal notation only: "1e3", "0x10", "Infinity" and full-width digits are not money. */
const DECIMAL_RE = /^-?(\d+)(\.\d+)?$/;

/** Thrown when a value cannot be read as an amount. */
export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** A value an amount may be given as; empty values are only accepted where documented. */
export type MoneyInput = string | number;

/** True when `x` is a money string of the non-negative pattern (e.g. "1280.00", "0.5"). */
export function isMoneyString(x: unknown): x is string {
  return typeof x === 'string' && MONEY_RE.test(x);
}

/** True when `x` is a money string of the signed pattern (e.g. "-113.70"). */
export function isSignedMoneyString(x: unknown): x is string {
  return typeof x === 'string' && SIGNED_MONEY_RE.test(x);
}

/**
 * Reads a string or a finite number as a Decimal. Numbers go through their shortest string form,
 * so 2.345 is read as "2.345" (not as the binary 2.34499…) and rounds half-up to 2.35.
 */
export function toDecimal(x: MoneyInput): Decimal {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new MoneyError(`金额不是有限数值：${String(x)}`);
    // Decimal reads a number through its shortest decimal form, exponent forms (1e-7) included.
    return new Decimal(x);
  }
  if (typeof x === 'string') {
    const s = x.trim();
    if (!DECIMAL_RE.test(s)) throw new MoneyError(`金额格式不正确：“${x}”`);
    return new Decimal(s);
  }
  throw new MoneyError(`金额类型不正确：${typeof x}`);
}

function isEmpty(x: unknown): x is undefined | null | '' {
  return x === undefined || x === null || (typeof x === 'string' && x.trim() === '');
}

/** Formats with 2 decimals, half-up; never prints "-0.00". */
function format2(d: Decimal): string {
  const r = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return r.isZero() ? '0.00' : r.toFixed(2);
}

/** Rounds an amount to 2 decimals, half-up, as a money string: toMoney(2.345) === "2.35". */
export function toMoney(x: MoneyInput): string {
  return format2(toDecimal(x));
}

/** Exact decimal sum of all arguments, as a money string. Every argument must be an amount. */
export function addMoney(...xs: MoneyInput[]): string {
  let acc = new Decimal(0);
  for (const x of xs) acc = acc.plus(toDecimal(x));
  return format2(acc);
}

/**
 * Exact decimal sum of a column, as a money string. Empty cells (undefined, null, "") are skipped
 * because a row the filler has not filled in yet must not block the running total.
 */
export function sumMoney(xs: readonly (MoneyInput | undefined | null)[]): string {
  let acc = new Decimal(0);
  for (const x of xs) {
    if (isEmpty(x)) continue;
    acc = acc.plus(toDecimal(x));
  }
  return format2(acc);
}

/** a − b as a money string (may be negative, e.g. 核减额). */
export function subMoney(a: MoneyInput, b: MoneyInput): string {
  return format2(toDecimal(a).minus(toDecimal(b)));
}

/**
 * Decimal equality after rounding both sides to 2 decimals ("1280" equals "1280.00" and 1280).
 * False when either side is not an amount.
 */
export function moneyEquals(a: unknown, b: unknown): boolean {
  try {
    const da = toDecimal(a as MoneyInput).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const db = toDecimal(b as MoneyInput).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return da.equals(db);
  } catch {
    return false;
  }
}

/**
 * part / whole × 100 rounded half-up to 2 decimals (e.g. 核减率, 执行率); null when whole is 0,
 * because a rate over nothing is undefined and must be noted by hand, not shown as 0.
 */
export function percentOf(part: MoneyInput, whole: MoneyInput): number | null {
  const w = toDecimal(whole);
  if (w.isZero()) return null;
  return toDecimal(part).div(w).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/** Rounds half-up to 2 decimals and returns a number: round2(2.345) === 2.35, round2(-2.345) === -2.35. */
export function round2(n: number | string): number {
  const r = toDecimal(n).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
  return r === 0 ? 0 : r;
}
