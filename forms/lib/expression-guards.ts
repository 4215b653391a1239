/**
 * What keeps one JSONata evaluation inside its request's Budget:
 * - an exit hook on every evaluation step charges the step's result (string characters, array items) to the
 *   budget, refuses strings over MAX_STRING_LENGTH (which also catches the `&` operator) and checks the clock;
 * - the builtins that can allocate a lot in one call ($pad, $join, $replace) check their arguments before
 *   allocating; $eval (evaluating data as a formula) is refused;
 * - a static check refuses at save what can be seen without data (huge literal pads and ranges, $eval);
 * - the regex engine is replaceable: the server installs a linear-time one (re2js), the browser keeps a
 *   native RegExp behind a catastrophic-backtracking check.
 */
import type jsonata from 'jsonata';
import { type Budget, checkStringLength, MAX_STRING_LENGTH } from './budget';
import { ExpressionError } from './expression-error';
import { loadJsonata } from './jsonata-loader';
import { isSafePattern } from './regex-safety';

/** Max length of any intermediate sequence (e.g. a range [1..1e9] is refused, not allocated). */
export const MAX_SEQUENCE = 100_000;

/**
 * The binding that carries the request's Budget into an evaluation. The space makes it a name no
 * expression can write ($jixiao budget is not a variable), so a formula cannot read or replace it.
 */
export const BUDGET_BINDING = 'jixiao budget';

type Environment = { lookup(name: string | symbol): unknown };

/** jsonata calls this after every evaluation step with the step's result (and awaits what it returns). */
function onStepExit(_expr: unknown, _input: unknown, environment: Environment, result: unknown) {
  const budget = environment.lookup(BUDGET_BINDING) as Budget | undefined;
  return budget?.chargeResult(result);
}

/**
 * A RegExp constructor for JSONata that refuses patterns a backtracking engine may run in exponential
 * time (regex-safety.ts), so an expression such as `$match(s, /(a+)+$/)` cannot hang the event loop.
 * The server installs a linear-time engine (re2js) with installRegexEngine; this one is the browser's.
 */
function SafeRegExp(pattern: string | RegExp, flags?: string): RegExp {
  if (!isSafePattern(pattern)) throw { code: 'X_UNSAFE_REGEX', value: String(pattern) };
  return new RegExp(pattern, flags);
}

let regexEngine: RegExpConstructor = SafeRegExp as unknown as RegExpConstructor;

/**
 * Installs the regex engine of JSONata's regex literals ($match, $contains, $replace, $split). It must
 * behave like RegExp for jsonata: `new Engine(regexLiteral)`, `exec(str)` honouring `lastIndex`.
 */
export function installRegexEngine(engine: RegExpConstructor): void {
  regexEngine = engine;
}

/** The options of every compiled expression; the regex engine is read at each evaluation. */
export function compileOptions(maxDepth: number) {
  return {
    stack: maxDepth,
    sequence: MAX_SEQUENCE,
    get RegexEngine() {
      return regexEngine;
    },
  };
}

type JsonataFunction = { implementation: (...args: unknown[]) => unknown };
type Builtins = Record<'pad' | 'join' | 'replace', JsonataFunction>;
let builtins: Promise<Builtins> | undefined;

/** jsonata's own $pad, $join and $replace, wrapped below (fetched once by evaluating `$pad` etc.). */
function originalBuiltins(): Promise<Builtins> {
  builtins ??= loadJsonata().then(
    (make) => make('{ "pad": $pad, "join": $join, "replace": $replace }').evaluate({}) as Promise<Builtins>,
  );
  return builtins;
}

const lengthOf = (x: unknown) => (typeof x === 'string' ? x.length : 0);

/** Installs the exit hook and the guarded builtins on a freshly compiled expression. */
export async function guard(compiled: jsonata.Expression): Promise<void> {
  const original = await originalBuiltins();
  compiled.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, onStepExit);
  compiled.registerFunction(
    'pad',
    function (this: unknown, str, width, char) {
      if (typeof width === 'number') checkStringLength(Math.abs(Math.trunc(width)) * Math.max(1, lengthOf(char)));
      return original.pad.implementation.call(this, str, width, char);
    },
    '<s-ns?:s>',
  );
  compiled.registerFunction(
    'join',
    function (this: unknown, strs, separator) {
      if (Array.isArray(strs)) {
        let total = lengthOf(separator) * Math.max(0, strs.length - 1);
        for (const s of strs) total += lengthOf(s);
        checkStringLength(total);
      }
      return original.join.implementation.call(this, strs, separator);
    },
    '<a<s>s?:s>',
  );
  compiled.registerFunction(
    'replace',
    function (this: unknown, str, pattern, replacement, limit) {
      // Worst case: the pattern matches at every position and each match grows by the replacement.
      if (typeof str === 'string' && typeof replacement === 'string' && replacement.length > 1) {
        checkStringLength(str.length + (str.length + 1) * (replacement.length - 1));
      }
      return original.replace.implementation.call(this, str, pattern, replacement, limit);
    },
    '<s-(sf)(sf)n?:s>',
  );
  compiled.registerFunction(
    'eval',
    () => {
      throw new ExpressionError('forbidden', '表达式中不允许使用 $eval（不能把填报数据当作公式执行）');
    },
    '<sx?:x>',
  );
}

/** Builtins replaced by guarded versions; a binding may not shadow them. */
export const GUARDED_BUILTINS: readonly string[] = ['pad', 'join', 'replace', 'eval'];

type Node = Record<string, unknown>;

function literalNumber(node: unknown): number | undefined {
  const n = node as Node | undefined;
  if (n?.type === 'number' && typeof n.value === 'number') return n.value;
  if (n?.type === 'unary' && n.value === '-') {
    const inner = literalNumber(n.expression);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

/**
 * Problems visible without data (Chinese messages): a $pad to a literal width over the text limit, a
 * literal range over the sequence limit, $eval. Such a formula may hide behind a data-gated condition
 * that the save-time trial evaluation never reaches; the runtime bounds would stop it, but it is refused
 * at save so the admin learns at once.
 */
export function staticProblems(ast: unknown): string[] {
  const problems = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number) => {
    if (typeof node !== 'object' || node === null || seen.has(node) || depth > 200) return;
    seen.add(node);
    const n = node as Node;
    if (n.type === 'function' && (n.procedure as Node | undefined)?.type === 'variable') {
      const name = (n.procedure as Node).value;
      const args = Array.isArray(n.arguments) ? n.arguments : [];
      const width = literalNumber(args[1]);
      if (name === 'pad' && width !== undefined && Math.abs(width) > MAX_STRING_LENGTH) {
        problems.add(`$pad 的宽度 ${width} 超过文本上限 ${MAX_STRING_LENGTH} 个字符`);
      }
      if (name === 'eval') problems.add('不允许使用 $eval（不能把填报数据当作公式执行）');
    }
    if (n.type === 'binary' && n.value === '..') {
      const from = literalNumber(n.lhs);
      const to = literalNumber(n.rhs);
      if (from !== undefined && to !== undefined && to - from + 1 > MAX_SEQUENCE) {
        problems.add(`范围 [${from}..${to}] 超过 ${MAX_SEQUENCE} 项的上限`);
      }
    }
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) for (const v of value) visit(v, depth + 1);
      else visit(value, depth + 1);
    }
  };
  visit(ast, 0);
  return [...problems];
}
