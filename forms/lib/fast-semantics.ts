/**
 * JSONata 2.x semantics the fast path (fast-expressions.ts) needs, ported one to one: sequences, truthiness,
 * deep equality, property lookup over arrays, the operators and the builtins it supports. Where JSONata would
 * throw, these throw BAIL instead, and the caller evaluates the expression with JSONata itself.
 */

export type Seq = unknown[] & { sequence?: boolean; keepSingleton?: boolean; cons?: boolean };
export type Vars = Record<string, unknown>;

/** Thrown when the fast path gives up on one evaluation: evaluate it with JSONata instead. */
export const BAIL: unique symbol = Symbol('fast expression bail');

export const bail = (): never => {
  throw BAIL;
};

export function createSequence(...items: unknown[]): Seq {
  const s: Seq = [];
  s.sequence = true;
  if (items.length === 1) s.push(items[0]);
  return s;
}

export const isSequence = (v: unknown): v is Seq => Array.isArray(v) && (v as Seq).sequence === true;

export function isNumeric(n: unknown): n is number {
  if (typeof n !== 'number' || Number.isNaN(n)) return false;
  if (!Number.isFinite(n)) bail(); // JSONata throws D1001
  return true;
}

export function boolean(arg: unknown): boolean | undefined {
  if (arg === undefined) return undefined;
  if (Array.isArray(arg)) {
    if (arg.length === 1) return boolean(arg[0]);
    return arg.length > 1 && arg.filter((v) => boolean(v)).length > 0;
  }
  if (typeof arg === 'string') return arg.length > 0;
  if (isNumeric(arg)) return arg !== 0;
  if (arg !== null && typeof arg === 'object') return Object.keys(arg).length > 0;
  return arg === true;
}

export const boolize = (v: unknown) => boolean(v) ?? false;

export function isDeepEqual(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs !== 'object' || typeof rhs !== 'object' || lhs === null || rhs === null) return false;
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    return lhs.length === rhs.length && lhs.every((v, i) => isDeepEqual(v, rhs[i]));
  }
  const l = Object.getOwnPropertyNames(lhs).sort();
  const r = Object.getOwnPropertyNames(rhs).sort();
  if (l.length !== r.length || l.some((k, i) => k !== r[i])) return false;
  return l.every((k) => isDeepEqual((lhs as Vars)[k], (rhs as Vars)[k]));
}

/** jsonata's lookup: a property of an object, mapped and flattened over arrays. */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = createSequence();
    for (const item of input) {
      const res = lookup(item, key);
      if (res === undefined) continue;
      if (Array.isArray(res)) for (const v of res) result.push(v);
      else result.push(res);
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && Object.hasOwn(input, key)) return (input as Vars)[key];
  return undefined;
}

/** jsonata's $string for what the fast path allows: strings, finite numbers, booleans, null. */
export function toText(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number') {
    if (!Number.isFinite(arg)) bail();
    return JSON.stringify(Number.isInteger(arg) ? arg : Number(arg.toPrecision(15)));
  }
  if (typeof arg === 'boolean' || arg === null) return JSON.stringify(arg);
  return bail();
}

const NUMBER_RE = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;

/** The builtins of the fast path, with the argument checks of their signatures (anything else bails). */
export const BUILTINS: Record<string, { arity: number; fn: (...args: unknown[]) => unknown }> = {
  exists: { arity: 1, fn: (x) => x !== undefined },
  not: { arity: 1, fn: (x) => (x === undefined ? undefined : !boolean(x)) },
  count: { arity: 1, fn: (x) => (x === undefined ? 0 : Array.isArray(x) ? x.length : 1) },
  sum: {
    arity: 1,
    fn: (x) => {
      if (x === undefined) return undefined;
      const list = Array.isArray(x) ? x : [x];
      let total = 0;
      for (const n of list) total += typeof n === 'number' ? n : bail();
      return total;
    },
  },
  number: {
    arity: 1,
    fn: (x) => {
      if (x === undefined || typeof x === 'number') return x;
      if (typeof x === 'boolean') return x ? 1 : 0;
      if (typeof x === 'string' && NUMBER_RE.test(x) && Number.isFinite(Number(x))) return Number.parseFloat(x);
      return bail();
    },
  },
  string: { arity: 1, fn: (x) => (x === undefined ? undefined : toText(x)) },
  length: { arity: 1, fn: (x) => (x === undefined ? undefined : typeof x === 'string' ? [...x].length : bail()) },
  trim: {
    arity: 1,
    fn: (x) => {
      if (x === undefined) return undefined;
      if (typeof x !== 'string') return bail();
      let r = x.replace(/[ \t\n\r]+/gm, ' ');
      if (r.charAt(0) === ' ') r = r.substring(1);
      if (r.charAt(r.length - 1) === ' ') r = r.substring(0, r.length - 1);
      return r;
    },
  },
  lookup: { arity: 2, fn: (obj, key) => (typeof key === 'string' ? lookup(obj, key) : bail()) },
};

export function append(arg1: unknown, arg2: unknown, maxSequence: number): unknown {
  if (arg1 === undefined) return arg2;
  if (arg2 === undefined) return arg1;
  const a = Array.isArray(arg1) ? arg1 : createSequence(arg1);
  const b = Array.isArray(arg2) ? arg2 : [arg2];
  if (a.length + b.length > maxSequence) bail();
  return a.concat(b);
}

export function operate(op: string, lhs: unknown, rhs: unknown): unknown {
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      if ((lhs !== undefined && !isNumeric(lhs)) || (rhs !== undefined && !isNumeric(rhs))) bail();
      if (lhs === undefined || rhs === undefined) return undefined;
      const [a, b] = [lhs as number, rhs as number];
      return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
    }
    case '=':
    case '!=':
      if (lhs === undefined || rhs === undefined) return false;
      return op === '=' ? isDeepEqual(lhs, rhs) : !isDeepEqual(lhs, rhs);
    case '&': {
      const text = (lhs === undefined ? '' : toText(lhs)) + (rhs === undefined ? '' : toText(rhs));
      return text;
    }
    case 'in': {
      if (lhs === undefined || rhs === undefined) return false;
      return (Array.isArray(rhs) ? rhs : [rhs]).some((v) => v === lhs);
    }
    default: {
      const comparable = (t: string) => t === 'undefined' || t === 'string' || t === 'number';
      const [lt, rt] = [typeof lhs, typeof rhs];
      if (!comparable(lt) || !comparable(rt)) bail();
      if (lhs === undefined || rhs === undefined) return undefined;
      if (lt !== rt) bail();
      const [a, b] = [lhs as number, rhs as number];
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
  }
}
