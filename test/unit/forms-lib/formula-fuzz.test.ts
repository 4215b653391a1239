/**
 * Issue "Hardening", findings 2–4 as a property: whatever an admin writes — formulas built from the
 * constructs that allocate or loop (pads, joins, concatenation, ranges, recursion, $reduce, $sort,
 * regexes) and patterns built from nested groups, alternation and quantifiers — every validation of a
 * filler's hostile data ends within its request budget (plus one step of slack), with a Chinese result or
 * error, and the heap stays bounded. The server's regex engine (re2js) is installed, as in production.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Budget, ExpressionError, installRegexEngine } from '../../../forms/lib/expressions';
import { validateFormData } from '../../../forms/lib/form-logic';
import { Re2RegExp } from '../../../forms/lib/re2-regexp';
import { compileFormSchema, validateAgainstSchema } from '../../../forms/lib/server/ajv';
import { checkUntrustedSchema } from '../../../forms/lib/server/schema-guard';

const BUDGET_MS = 250;
/** One step may run past the deadline (a builtin on the largest allowed data) and the machine may be busy. */
const SLACK_MS = 1500;
const HEAP_GROWTH_LIMIT = 300 * 1024 * 1024;

const size = fc.constantFrom('1', '10', '1000', '100000', 'boom * 1000', 'boom * 10000000', '6e7', '-6e7');
const text = fc.constantFrom('"ab"', 's', '$string(boom)', '""');

const formula: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    size,
    fc.tuple(tie('e'), size).map(([a, n]) => `$pad($string(${a}), ${n})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `($string(${a}) & $string(${b}))`),
    fc.tuple(tie('e'), size).map(([a, n]) => `$join([1..${n}].$string(${a}), "")`),
    size.map((n) => `$count([1..${n}])`),
    fc.tuple(size, size).map(([a, b]) => `$count([1..${a}].[[1..${b}]])`),
    size.map((n) => `( $f := function($n){ $n <= 0 ? 0 : $f($n - 1) }; $f(${n}) )`),
    fc.tuple(size, tie('e')).map(([n, a]) => `$reduce([1..${n}], function($acc, $v){ $acc & $string(${a}) }, "")`),
    size.map((n) => `$sort([1..${n}], function($a, $b){ $a < $b })`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `$replace($string(${a}), "a", $string(${b}))`),
    tie('e').map((a) => `$split($string(${a}), "")`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `$exists(boom) ? ${a} : ${b}`),
  ),
})).e;

const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', '\\w', '\\d', '.', '[a-z]', 'a?'),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => `(${x}|${y})`),
    fc.tuple(tie('p'), fc.constantFrom('+', '*', '{1,30}', '{2,}')).map(([x, q]) => `(${x})${q}`),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => `${x}${y}`),
  ),
})).p;

const hostileData = () => ({
  boom: 6,
  s: `${'a'.repeat(5000)}!`,
  rows: Array.from({ length: 20 }, (_, v) => ({ v, s: `${'a'.repeat(200)}!` })),
});

let peak = 0;
let sampler: ReturnType<typeof setInterval>;
const baseline = () => process.memoryUsage().heapUsed;

beforeAll(() => {
  installRegexEngine(Re2RegExp as unknown as RegExpConstructor);
  sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 2);
});
afterAll(() => {
  clearInterval(sampler);
  installRegexEngine(RegExp);
});

/** Validates hostile data under `form` with a fresh budget; returns the elapsed ms and the heap peak growth. */
async function run(form: Parameters<typeof validateFormData>[0]) {
  const before = baseline();
  peak = before;
  const started = Date.now();
  try {
    const r = await validateFormData(form, hostileData(), { budget: new Budget({ timeMs: BUDGET_MS }) });
    for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    expect((e as ExpressionError).budgetSpent).toBe(true);
  }
  peak = Math.max(peak, baseline());
  return { ms: Date.now() - started, growth: peak - before };
}

describe('formula fuzz: every request ends within its budget, with the heap bounded', () => {
  it('computed fields and per-row rules built from allocating and looping constructs', async () => {
    await fc.assert(
      fc.asyncProperty(formula, formula, async (computedExpr, ruleExpr) => {
        const { ms, growth } = await run({
          schema: { type: 'object' },
          logic: {
            computed: [{ path: '/out', expr: computedExpr }],
            rules: [{ id: 'F', path: '/rows/*/v', expr: ruleExpr, message: '规则未通过' }],
          },
        });
        expect(ms).toBeLessThan(BUDGET_MS + SLACK_MS);
        expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('regex patterns in formulas and in schemas run in linear time', async () => {
    await fc.assert(
      fc.asyncProperty(pattern, async (p) => {
        const literal = p.replace(/\//g, '\\/');
        const { ms } = await run({
          schema: { type: 'object' },
          logic: {
            rules: [
              { id: 'M', path: '/s', expr: `$contains(s, /^${literal}$/)`, message: '格式不对' },
              { id: 'R', path: '/rows/*/s', expr: `$contains(s, /^${literal}$/)`, message: '格式不对' },
            ],
          },
        });
        expect(ms).toBeLessThan(BUDGET_MS + SLACK_MS);
        // A schema pattern reaches ajv only through the admin's save, where the guard refuses what re2js cannot run.
        const schema = { type: 'object', properties: { s: { type: 'string', pattern: `^${p}$` } } };
        if (checkUntrustedSchema(schema).length > 0) return;
        const started = Date.now();
        validateAgainstSchema(compileFormSchema(schema), hostileData());
        expect(Date.now() - started).toBeLessThan(SLACK_MS);
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
