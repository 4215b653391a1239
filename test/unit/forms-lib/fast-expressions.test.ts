/**
 * The synchronous fast path of forms/lib/fast-expressions.ts must answer exactly as JSONata does: on every
 * expression of every built-in form over its labelled examples (and over damaged copies of them: fields
 * missing, null, of the wrong type), and on the corners of JSONata's semantics one by one. Where it is not
 * sure it hands the evaluation to JSONata, so errors are JSONata's own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { DOMAIN_FUNCTIONS } from '../../../forms/lib/domain-functions';
import { Budget, evaluateExpression, hasFastPath } from '../../../forms/lib/expressions';
import { BAIL, compileFast } from '../../../forms/lib/fast-expressions';
import { parsePointer } from '../../../forms/lib/form-logic';

type Json = Record<string, unknown>;
const FORMS = join(process.cwd(), 'forms');

interface Expr {
  form: string;
  id: string;
  path: string;
  expr: string;
}

function formsWithLogic(): { form: string; logic: Json; examples: Json[] }[] {
  return readdirSync(FORMS)
    .filter((d) => existsSync(join(FORMS, d, 'logic.json')) && existsSync(join(FORMS, d, 'examples')))
    .map((form) => ({
      form,
      logic: JSON.parse(readFileSync(join(FORMS, form, 'logic.json'), 'utf8')) as Json,
      examples: readdirSync(join(FORMS, form, 'examples'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(FORMS, form, 'examples', f), 'utf8')).data as Json),
    }));
}

function expressionsOf(form: string, logic: Json): Expr[] {
  const list = (k: string) => (Array.isArray(logic[k]) ? (logic[k] as Json[]) : []);
  return [
    ...list('computed').map((c) => ({ form, id: String(c.path), path: String(c.path), expr: String(c.expr) })),
    ...list('rules').map((r) => ({ form, id: String(r.id), path: String(r.path), expr: String(r.expr) })),
    ...list('gates').map((g) => ({ form, id: `gate ${g.id}`, path: '', expr: String(g.when) })),
    ...list('flags').map((f) => ({ form, id: `flag ${f.id}`, path: '', expr: String(f.expr) })),
  ];
}

/** The inputs and bindings validateFormData would evaluate at `path` (each `*` element; at most 3 per star). */
function targets(data: Json, path: string, settings: unknown): { input: unknown; bindings: Json }[] {
  const base = { settings, root: data };
  const segments = path ? parsePointer(path) : [];
  if (!segments.includes('*') || segments.length === 0) return [{ input: data, bindings: base }];
  const out: { input: unknown; bindings: Json }[] = [];
  const walk = (node: unknown, rest: string[], input: unknown, indexes: number[]) => {
    const star = rest.indexOf('*');
    if (star < 0) {
      out.push({ input, bindings: { ...base, index: indexes.at(-1), indexes } });
      return;
    }
    let arr: unknown = node;
    for (const s of rest.slice(0, star)) arr = arr && typeof arr === 'object' ? (arr as Json)[s] : undefined;
    if (!Array.isArray(arr)) return;
    arr.slice(0, 3).forEach((el, i) => {
      walk(el, rest.slice(star + 1), el, [...indexes, i]);
    });
  };
  walk(data, segments, data, []);
  return out;
}

/** Damaged copies of an example: every leaf null, strings and numbers swapped, a field missing in turn. */
function variants(data: Json): Json[] {
  const mapLeaves = (x: unknown, f: (leaf: unknown) => unknown): unknown =>
    Array.isArray(x)
      ? x.map((v) => mapLeaves(v, f))
      : x && typeof x === 'object'
        ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, mapLeaves(v, f)]))
        : f(x);
  const keys = Object.keys(data);
  const without = (k: string) => Object.fromEntries(Object.entries(data).filter(([key]) => key !== k));
  return [
    data,
    {},
    mapLeaves(data, () => null) as Json,
    mapLeaves(data, (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' && v !== '' ? 7 : v)) as Json,
    ...keys.filter((_, i) => i % 3 === 0).map(without),
  ];
}

type Outcome = { value: unknown } | { error: string };

async function outcome(expr: string, input: unknown, bindings: Json, fastPath: boolean): Promise<Outcome> {
  try {
    const value = await evaluateExpression(expr, input, { bindings, fastPath, budget: new Budget({ timeMs: 60_000 }) });
    return { value };
  } catch (e) {
    return { error: `${(e as { code?: string }).code}: ${(e as Error).message}` };
  }
}

async function agree(expr: string, input: unknown, bindings: Json = {}): Promise<Outcome> {
  const general = await outcome(expr, input, bindings, false);
  const fast = await outcome(expr, input, bindings, true);
  expect(fast, `${expr} on ${JSON.stringify(input)?.slice(0, 120)}`).toStrictEqual(general);
  return general;
}

const forms = formsWithLogic();

describe('fast path agrees with JSONata on the built-in forms', () => {
  for (const { form, logic, examples } of forms) {
    it(`${form}: every expression over every labelled example and its damaged copies`, async () => {
      let compared = 0;
      for (const e of expressionsOf(form, logic)) {
        for (const example of examples) {
          for (const data of variants(example)) {
            for (const t of targets(data, e.path, logic.settings ?? {})) {
              await agree(e.expr, t.input, t.bindings);
              compared++;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(0);
    }, 120_000);
  }

  it('covers every expression of project-target, and answers its examples without handing over', async () => {
    const { logic, examples } = forms.find((f) => f.form === 'project-target') as (typeof forms)[number];
    for (const e of expressionsOf('project-target', logic)) {
      expect(await hasFastPath(e.expr), e.id).toBe(true);
      const fast = compileFast(jsonata(e.expr).ast(), DOMAIN_FUNCTIONS, 100);
      for (const example of examples) {
        for (const t of targets(example, e.path, logic.settings)) {
          let thrown: unknown;
          try {
            fast?.(t.input, t.bindings, { maxUnits: 1e7, maxSequence: 1e5 });
          } catch (err) {
            thrown = err;
          }
          expect(thrown === BAIL ? `${e.id} handed over` : thrown).toBeUndefined();
        }
      }
    }
  });
});

describe('fast path agrees with JSONata on the corners of its semantics', () => {
  const rows = { a: [{ b: 1, c: 'x' }, { b: 3, c: [1, 2] }, { b: 'no' }], s: ' a  b ', n: 2.5, z: 0, e: [], o: {} };
  const cases: [string, unknown][] = [
    ['a.b', rows],
    ['a.c', rows],
    ['a[b > 1]', rows],
    ['a[b = 3].c', rows],
    ['a[0]', rows],
    ['a[-1].b', rows],
    ['a[[0, 1]].b', rows],
    ['x[true]', rows],
    ['$count(x[true])', rows],
    ['a[c]', rows],
    ['$count(a)', rows],
    ['$count(n)', rows],
    ['$sum(a.b)', rows],
    ['$sum(a[b != "no"].b)', rows],
    ['$sum(e)', rows],
    ['$sum(n)', rows],
    ['a.b < 2', rows],
    ['n < "3"', rows],
    ['o < 1', rows],
    ['missing < 1', rows],
    ['n + "1"', rows],
    ['n + missing', rows],
    ['-n', rows],
    ['-s', rows],
    ['1 / z', rows],
    ['n & " " & s & true & null', rows],
    ['o & "x"', rows],
    ['$length(s)', rows],
    ['$length(n)', rows],
    ['$length("😀a")', rows],
    ['$trim(s)', rows],
    ['$trim(n)', rows],
    ['$number("12.50")', rows],
    ['$number("0x1F")', rows],
    ['$number("abc")', rows],
    ['$number(true)', rows],
    ['$string(n)', rows],
    ['$string(0.1 + 0.2)', rows],
    ['$string(o)', rows],
    ['$lookup(o, "k")', rows],
    ['$lookup(a, "b")', rows],
    ['$lookup(a, 1)', rows],
    ['$exists(missing) ? 1 : 2', rows],
    ['missing ? 1', rows],
    ['e ? "y" : "n"', rows],
    ['o ? "y" : "n"', rows],
    ['a = a', rows],
    ['o = {}', rows],
    ['"x" in a.c', rows],
    ['1 in a.c', rows],
    ['missing in a', rows],
    ['($v := n; $w := $v + 1; $w)', rows],
    ['($v := 1; ($v := 2); $v)', rows],
    ['$unbound', rows],
    ['$count', rows],
    ['$not(e)', rows],
    ['$not(missing)', rows],
    ['[a.b, [n], missing, s]', rows],
    ['[1, 2][1]', rows],
    ['$sumMoney([n, "1.25"])', rows],
    ['$sumMoney(["abc"])', rows],
    ['$duplicates(a, "b")', rows],
    ['$round2(missing)', rows],
    ['$$.n', rows],
    ['a.(b)', rows],
    ['$map(a, function($r){ $r.b })', rows],
    ['a^(b)', rows],
    ['1 / 0 + 1', rows],
    ['n', [1, 2]],
  ];
  it.each(cases)('%s', async (expr, input) => {
    await agree(expr, input, { settings: {} });
  });

  it('a binding that shadows a builtin or a variable left unbound is left to JSONata', async () => {
    await agree('$count(a)', rows, { count: 3 });
    await agree('$settings.k', rows, { settings: { k: 'v' } });
    await agree('$root.n', rows.a[0], { root: rows });
  });

  it('charges the same data allowance as JSONata, so the linear-work bound still holds', async () => {
    const used = async (fastPath: boolean) => {
      const budget = new Budget();
      await evaluateExpression('$count(a[b = 3]) + $sum(a[b != "no"].b)', rows, { budget, fastPath });
      return budget.usedAllocation;
    };
    expect(await used(true)).toBe(await used(false));
  });
});
