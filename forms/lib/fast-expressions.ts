/**
 * A synchronous fast path for the simple JSONata shapes the forms use: paths over names and variables,
 * filters, comparisons, `and`/`or`/`in`, `? :`, blocks with `:=`, array constructors, a few builtins
 * ($exists, $not, $count, $sum, $number, $string, $length, $trim, $lookup) and the domain functions.
 * It is a port of jsonata 2.x's evaluator for those node types (same sequences, flattening, singleton
 * rules and budget charges per step), compiled once per expression into closures.
 *
 * Whatever it is not sure of it does not guess: an expression with any other node, flag or function has
 * no fast path (compileFast returns undefined), and at run time every case where JSONata would throw
 * (type errors, non-finite numbers, a domain function failing), a sequence over MAX_SEQUENCE, a string
 * over MAX_STRING_LENGTH, a data allowance overrun or a run longer than FAST_SLICE_MS throws BAIL: the
 * caller then evaluates the expression with JSONata itself, which gives the same answer or the same error
 * and keeps every bound (budget, yielding, depth). A fast run therefore never holds the event loop for
 * more than a slice, and never changes a result.
 */
import { MAX_STRING_LENGTH } from './budget';
import {
  append,
  BUILTINS,
  bail,
  boolean,
  boolize,
  createSequence,
  isNumeric,
  isSequence,
  lookup,
  operate,
  type Seq,
  type Vars,
} from './fast-semantics';

export { BAIL } from './fast-semantics';

/**
 * How long one fast evaluation may run before it hands the work to the (yielding) JSONata evaluator. The
 * attempt's time is charged to the request's budget either way (expressions.ts). Wall-clock time: on a
 * loaded machine a preempted evaluation may pass a shorter slice without doing any work.
 */
const FAST_SLICE_MS = 50;
const CHECK_EVERY_STEPS = 512;

type Node = Record<string, unknown> & { type: string };
type Fn = (this: { environment: { lookup(name: string): unknown }; input: unknown }, ...args: unknown[]) => unknown;

const UNBOUND: unique symbol = Symbol('unbound');

/**
 * The variables of one evaluation: the caller's bindings at the bottom, a frame per block above (JSONata's
 * frames: a name bound in a frame hides the same name below, even when bound to nothing).
 */
class Scope {
  private locals: Map<string, unknown> | undefined;
  constructor(
    private readonly parent: Scope | undefined,
    private readonly base: Vars | undefined,
  ) {}
  get(name: string): unknown {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.locals?.has(name)) return s.locals.get(name);
      if (s.base && Object.hasOwn(s.base, name)) return s.base[name];
    }
    return UNBOUND;
  }
  bind(name: string, value: unknown): void {
    if (!this.locals) this.locals = new Map();
    this.locals.set(name, value);
  }
}

interface Run {
  units: number;
  steps: number;
  started: number;
  maxUnits: number;
  maxSequence: number;
}

type Eval = (input: unknown, vars: Scope, run: Run) => unknown;

/** A compiled fast expression: the result (before normalisation) and the budget units its steps used. */
export type FastExpression = (
  input: unknown,
  bindings: Vars,
  limits: { maxUnits: number; maxSequence: number },
) => { value: unknown; units: number };

/** Node keys the fast path understands; a node with any other (grouping, tuples, sorting …) has no fast path. */
const KNOWN_KEYS = new Set([
  'type',
  'value',
  'position',
  'steps',
  'stages',
  'predicate',
  'lhs',
  'rhs',
  'expressions',
  'condition',
  'then',
  'else',
  'arguments',
  'procedure',
  'name',
  'expression',
]);
const BINARY = new Set(['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', '&', 'and', 'or', 'in']);

class NoFastPath extends Error {}
const unsupported = (): never => {
  throw new NoFastPath();
};

/** Charges what one evaluation step produced, as the JSONata exit hook does (expression-guards.ts). */
function charge(run: Run, result: unknown): void {
  if (typeof result === 'string') {
    if (result.length > MAX_STRING_LENGTH) bail();
    run.units += result.length + 1;
  } else run.units += Array.isArray(result) ? result.length + 1 : 1;
  if (run.units > run.maxUnits) bail();
  if (Array.isArray(result) && result.length > run.maxSequence) bail();
  if (++run.steps % CHECK_EVERY_STEPS === 0 && Date.now() - run.started > FAST_SLICE_MS) bail();
}

/**
 * Compiles a JSONata AST into a fast expression, or returns undefined when any part of it is outside the
 * subset. `functions` are the registered domain functions; `depthLimit` the evaluation depth JSONata allows.
 */
export function compileFast(
  ast: unknown,
  functions: Readonly<Record<string, Fn>>,
  depthLimit: number,
): FastExpression | undefined {
  const shadowable = new Set([...Object.keys(BUILTINS), ...Object.keys(functions)]);
  let deepest = 0;

  const filter = (predicate: Node, depth: number): ((input: unknown, vars: Scope, run: Run) => Seq) => {
    if (predicate.type === 'number') {
      const at = Math.floor(predicate.value as number);
      return (input) => {
        const list = Array.isArray(input) ? input : createSequence(input);
        const item = list[at < 0 ? list.length + at : at];
        const results = createSequence();
        if (item === undefined) return results;
        if (Array.isArray(item)) return item as Seq;
        results.push(item);
        return results;
      };
    }
    const test = node(predicate, depth + 1);
    return (input, vars, run) => {
      const list = Array.isArray(input) ? input : createSequence(input);
      const results = createSequence();
      for (let index = 0; index < list.length; index++) {
        const item = list[index];
        let res = test(item, vars, run);
        if (isNumeric(res)) res = [res];
        if (Array.isArray(res) && res.every((v) => isNumeric(v))) {
          for (const n of res as number[]) {
            const i = Math.floor(n);
            if ((i < 0 ? list.length + i : i) === index) results.push(item);
          }
        } else if (boolean(res)) results.push(item);
      }
      if (results.length > run.maxSequence) bail();
      return results;
    };
  };

  /** One `evaluate` of jsonata: the node's own work, its predicates, the exit charge, the unwrapping. */
  const node = (n: Node, depth: number): Eval => {
    if (typeof n !== 'object' || n === null) unsupported();
    deepest = Math.max(deepest, depth);
    if (depth * 2 > depthLimit) unsupported();
    for (const k of Object.keys(n)) if (!KNOWN_KEYS.has(k)) unsupported();
    const inner = body(n, depth);
    const predicates = Array.isArray(n.predicate)
      ? (n.predicate as Node[]).map((p) => (p.type === 'filter' ? filter(p.expr as Node, depth) : unsupported()))
      : [];
    return (input, vars, run) => {
      let result = inner(input, vars, run);
      for (const p of predicates) result = p(result, vars, run);
      charge(run, result);
      if (isSequence(result)) {
        if (result.length === 0) return undefined;
        if (result.length === 1 && !result.keepSingleton) return result[0];
      }
      return result;
    };
  };

  const body = (n: Node, depth: number): Eval => {
    switch (n.type) {
      case 'string':
      case 'number':
      case 'value': {
        const value = n.value;
        return () => value;
      }
      case 'name': {
        const key = n.value as string;
        return (input) => lookup(input, key);
      }
      case 'variable': {
        const name = n.value as string;
        if (name === '') return (input) => input;
        if (name === '$') unsupported();
        // Unbound: JSONata would look among its own functions ($map is a value there): let it.
        return (_input, vars) => {
          const value = vars.get(name);
          return value === UNBOUND ? bail() : value;
        };
      }
      case 'path':
        return path(n, depth);
      case 'binary':
        return binary(n, depth);
      case 'unary':
        return unary(n, depth);
      case 'condition': {
        const cond = node(n.condition as Node, depth + 1);
        const then = node(n.then as Node, depth + 1);
        const otherwise = n.else === undefined ? undefined : node(n.else as Node, depth + 1);
        return (input, vars, run) =>
          boolean(cond(input, vars, run)) ? then(input, vars, run) : otherwise?.(input, vars, run);
      }
      case 'block': {
        const list = (n.expressions as Node[]).map((e) => node(e, depth + 1));
        return (input, vars, run) => {
          const frame = new Scope(vars, undefined);
          let result: unknown;
          for (const e of list) result = e(input, frame, run);
          return result;
        };
      }
      case 'bind': {
        const lhs = n.lhs as Node;
        if (lhs?.type !== 'variable' || shadowable.has(lhs.value as string) || lhs.value === '') unsupported();
        const name = lhs.value as string;
        const rhs = node(n.rhs as Node, depth + 1);
        return (input, vars, run) => {
          const value = rhs(input, vars, run);
          vars.bind(name, value);
          return value;
        };
      }
      case 'function':
        return call(n, depth);
      default:
        return unsupported();
    }
  };

  const path = (n: Node, depth: number): Eval => {
    const steps = (n.steps as Node[]).map((s, i) => {
      if (i === 0 && (s as { consarray?: unknown }).consarray) unsupported();
      const stages = Array.isArray(s.stages)
        ? (s.stages as Node[]).map((st) => (st.type === 'filter' ? filter(st.expr as Node, depth + 1) : unsupported()))
        : [];
      const { stages: _omit, ...rest } = s;
      return { evaluate: node(rest as Node, depth + 1), stages };
    });
    const absolute = (n.steps as Node[])[0]?.type === 'variable';
    return (input, vars, run) => {
      let sequence: unknown[] = Array.isArray(input) && !absolute ? input : createSequence(input);
      let resultSequence: Seq | undefined;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        const result = createSequence();
        for (const item of sequence) {
          let res = step.evaluate(item, vars, run);
          for (const st of step.stages) res = st(res, vars, run);
          if (res !== undefined) result.push(res);
        }
        if (i === steps.length - 1 && result.length === 1 && Array.isArray(result[0]) && !isSequence(result[0])) {
          resultSequence = result[0] as Seq;
        } else {
          resultSequence = createSequence();
          for (const res of result) {
            if (!Array.isArray(res) || (res as Seq).cons) resultSequence.push(res);
            else for (const v of res) resultSequence.push(v);
          }
        }
        if (resultSequence.length > run.maxSequence) bail();
        if (resultSequence.length === 0) break;
        sequence = resultSequence;
      }
      return resultSequence;
    };
  };

  const binary = (n: Node, depth: number): Eval => {
    const op = n.value as string;
    if (!BINARY.has(op)) unsupported();
    const lhs = node(n.lhs as Node, depth + 1);
    const rhs = node(n.rhs as Node, depth + 1);
    if (op === 'and') return (i, v, r) => boolize(lhs(i, v, r)) && boolize(rhs(i, v, r));
    if (op === 'or') return (i, v, r) => boolize(lhs(i, v, r)) || boolize(rhs(i, v, r));
    return (input, vars, run) => operate(op, lhs(input, vars, run), rhs(input, vars, run));
  };

  const unary = (n: Node, depth: number): Eval => {
    if (n.value === '-') {
      const e = node(n.expression as Node, depth + 1);
      return (input, vars, run) => {
        const v = e(input, vars, run);
        if (v === undefined) return undefined;
        return isNumeric(v) ? -v : bail();
      };
    }
    if (n.value !== '[') return unsupported();
    const items = (n.expressions as Node[]).map((e) => ({ nested: e.value === '[', evaluate: node(e, depth + 1) }));
    return (input, vars, run) => {
      let result: unknown = [];
      for (const item of items) {
        const value = item.evaluate(input, vars, run);
        if (value === undefined) continue;
        if (item.nested) (result as unknown[]).push(value);
        else result = append(result, value, run.maxSequence);
      }
      return result;
    };
  };

  const call = (n: Node, depth: number): Eval => {
    const proc = n.procedure as Node;
    if (proc?.type !== 'variable') unsupported();
    const name = proc.value as string;
    const args = (n.arguments as Node[]).map((a) => node(a, depth + 1));
    const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
    const domain = Object.hasOwn(functions, name) ? functions[name] : undefined;
    if (builtin ? builtin.arity !== args.length : !domain) unsupported();
    return (input, vars, run) => {
      if (vars.get(name) !== UNBOUND) bail(); // a binding shadows the function: JSONata's business
      charge(run, undefined); // the procedure's own evaluation step
      const values = args.map((a) => a(input, vars, run));
      if (builtin) return builtin.fn(...values);
      try {
        const lookup = (k: string) => {
          const value = vars.get(k);
          return value === UNBOUND ? undefined : value;
        };
        const focus = { environment: { lookup }, input };
        const result = (domain as Fn).apply(focus, values);
        return result instanceof Promise || typeof result === 'function' ? bail() : result;
      } catch {
        return bail();
      }
    };
  };

  let root: Eval;
  try {
    root = node(ast as Node, 1);
  } catch (e) {
    if (e instanceof NoFastPath) return undefined;
    throw e;
  }
  if (deepest * 2 > depthLimit) return undefined;
  return (input, bindings, limits) => {
    if (Array.isArray(input)) bail(); // JSONata wraps a top-level array: not worth porting
    // `:=` at the top writes into the top frame, never into the caller's bindings.
    const vars = new Scope(undefined, bindings);
    const run: Run = {
      units: 0,
      steps: 0,
      started: Date.now(),
      maxUnits: limits.maxUnits,
      maxSequence: limits.maxSequence,
    };
    const value = root(input, vars, run);
    return { value, units: run.units };
  };
}
