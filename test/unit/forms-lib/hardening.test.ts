/**
 * Issue "Hardening: no request can stall or crash the server", the formula half: each finding has a
 * test named after it. Each would fail on the code before the fix (no Budget, quadratic uniqueness
 * rules, per-evaluation time, safe-regex only).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Budget,
  checkExpression,
  duplicateRows,
  ExpressionError,
  evaluateExpression,
  MAX_STRING_LENGTH,
} from '../../../forms/lib/expressions';
import { type FormDefinition, validateFormData } from '../../../forms/lib/form-logic';
import { Re2RegExp } from '../../../forms/lib/re2-regexp';
import { compileFormSchema, validateAgainstSchema } from '../../../forms/lib/server/ajv';
import { checkUntrustedSchema } from '../../../forms/lib/server/schema-guard';

type Json = Record<string, unknown>;
const dir = join(process.cwd(), 'forms', 'project-target');
const projectTarget: FormDefinition = {
  schema: JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')),
  logic: JSON.parse(readFileSync(join(dir, 'logic.json'), 'utf8')),
};
const example = JSON.parse(readFileSync(join(dir, 'examples', 'valid-rural-road-maintenance.json'), 'utf8'))
  .data as Json;

/** The valid example with its annual indicator table repeated to `n` rows, each with its own id and name. */
function withRows(n: number): Json {
  const data = structuredClone(example);
  const rows = data.annualIndicators as Json[];
  data.annualIndicators = Array.from({ length: n }, (_, i) => ({
    ...rows[i % rows.length],
    indicatorId: `T${i + 1}`,
    name: `${String(rows[i % rows.length].name).slice(0, 40)}（${i + 1}）`,
  }));
  return data;
}

async function failure(p: Promise<unknown>): Promise<ExpressionError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExpressionError);
  return err as ExpressionError;
}

describe('finding 1: quadratic uniqueness rules on a built-in form', () => {
  it('$duplicates finds every row of a clash in one pass, ignoring rows without the keys', () => {
    const rows = [
      { level2: 'a', name: 'x' },
      { level2: 'a', name: 'y' },
      { level2: 'b', name: 'x' },
      { level2: 'a', name: 'x' },
      { level2: 'a' },
      { level2: 'a', name: '' },
      { level2: 'a', name: '' },
    ];
    expect(duplicateRows(rows, ['level2', 'name'])).toEqual([0, 3]);
    expect(duplicateRows(rows, 'level2')).toEqual([0, 1, 3, 4, 5, 6]);
    expect(duplicateRows(undefined, 'name')).toEqual([]);
  });

  it('the uniqueness rules of project-target run once per table and report each clashing row', async () => {
    const data = withRows(300);
    const rows = data.annualIndicators as Json[];
    rows[250] = { ...rows[250], name: rows[7].name, level2: rows[7].level2, indicatorId: 'T8' };
    const r = await validateFormData(projectTarget, data);
    expect(r.errors.map((e) => e.path).sort()).toEqual(
      [
        '/annualIndicators/7/name',
        '/annualIndicators/250/name',
        '/annualIndicators/7/indicatorId',
        '/annualIndicators/250/indicatorId',
      ].sort(),
    );
  });

  it('the work of a validation grows linearly with the rows (300 rows cost about 3× 100 rows, not 9×)', async () => {
    const used = async (n: number) => {
      const budget = new Budget({ timeMs: 60_000 });
      const r = await validateFormData(projectTarget, withRows(n), { budget });
      expect(r.errors).toEqual([]);
      return budget.usedAllocation;
    };
    const ratio = (await used(300)) / (await used(100));
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.5);
  });

  it('runs no formula at all on data over the schema size limits (1,000 rows)', async () => {
    const budget = new Budget();
    const r = await validateFormData(projectTarget, withRows(1000), { budget, checkComputed: true });
    expect(r.errors).toEqual([{ path: '/annualIndicators', message: expect.stringMatching(/300/) }]);
    expect(budget.usedAllocation).toBe(0);
    expect(r.computed).toEqual({});
  });

  it('a table-scope rule with nested stars fills each star, and refuses a result that is not row numbers', async () => {
    const form = (expr: string): FormDefinition => ({
      schema: { type: 'object' },
      logic: { rules: [{ id: 'T', path: '/groups/*/rows/*/v', scope: 'table', expr, message: '重复' }] },
    });
    expect((await validateFormData(form('[[0, 1], [2, 0]]'), {})).errors.map((e) => e.path)).toEqual([
      '/groups/0/rows/1/v',
      '/groups/2/rows/0/v',
    ]);
    expect((await validateFormData(form('[]'), {})).errors).toEqual([]);
    expect((await validateFormData(form('"x"'), {})).errors).toEqual([
      { path: '/groups/*/rows/*/v', message: '规则 T 无法计算：结果应为行号列表' },
    ]);
  });
});

describe('finding 2: an admin formula can exhaust memory', () => {
  it('refuses a data-gated $pad before allocating it', async () => {
    const before = process.memoryUsage().heapUsed;
    const err = await failure(evaluateExpression('$exists(boom) ? $length($pad("", 6e7)) : 0', { boom: 1 }));
    expect(err.code).toBe('tooLarge');
    expect(err.message).toMatch(/文本过长/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses strings grown by & and $join past the text limit, and $eval of data', async () => {
    const doubling = '( $f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $length($f("ab", 40)) )';
    expect((await failure(evaluateExpression(doubling, {}))).code).toBe('tooLarge');
    const join = '$length($join([1..1000].$pad("", 5000), ""))';
    expect((await failure(evaluateExpression(join, {}))).message).toMatch(/文本过长/);
    const replace = `$replace(s, "a", "${'b'.repeat(100)}")`;
    expect((await failure(evaluateExpression(replace, { s: 'a'.repeat(20_000) }))).code).toBe('tooLarge');
    expect((await failure(evaluateExpression('$eval(x)', { x: '1 + 1' }))).code).toBe('forbidden');
  });

  it('stops nested arrays by the request data allowance', async () => {
    const err = await failure(
      evaluateExpression('$count([1..100000].[[1..100000]])', {}, { budget: new Budget({ allocation: 2_000_000 }) }),
    );
    expect(err.code).toBe('tooLarge');
    expect(err.budgetSpent).toBe(true);
  });

  it('refuses at save what is visible without data: huge literal pads and ranges, $eval', async () => {
    expect(await checkExpression('$exists(boom) ? $pad("", 6e7) : 0', {})).toMatch(/\$pad 的宽度/);
    expect(await checkExpression('$exists(boom) ? $pad("", -6e7) : 0', {})).toMatch(/\$pad 的宽度/);
    expect(await checkExpression('$exists(boom) ? $count([1..50000000]) : 0', {})).toMatch(/范围/);
    expect(await checkExpression('$exists(x) ? $eval(x) : 0', {})).toMatch(/\$eval/);
    expect(await checkExpression(`$pad("", ${MAX_STRING_LENGTH})`, {})).toBeUndefined();
    expect(await checkExpression('$sumMoney(rows.amount)', {})).toBeUndefined();
  });
});

describe('finding 3: the time budget applied per evaluation', () => {
  it('a data-gated loop on a * path spends one request budget, not one per row', async () => {
    const loop = '$exists($root.boom) ? ( $f := function($n){ $n = 0 ? 0 : $f($n - 1) }; $f(100000000) ) : true';
    const form: FormDefinition = {
      schema: { type: 'object' },
      logic: { rules: [{ id: 'LOOP', path: '/rows/*/v', expr: loop, message: '不会出现' }] },
    };
    const data = { boom: 1, rows: Array.from({ length: 50 }, (_, i) => ({ v: i })) };
    const started = Date.now();
    const err = await failure(validateFormData(form, data, { budget: new Budget({ timeMs: 300 }) }));
    expect(err.code).toBe('timeout');
    expect(err.budgetSpent).toBe(true);
    // 50 rows × 300 ms would be 15 s; one budget ends the request in about 300 ms (slack for a busy machine).
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('hands the event loop back while it runs, so other work is served meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await failure(
      evaluateExpression('( $f := function($n){ $n = 0 ? 0 : $f($n - 1) }; $f(100000000) )', {}, { timeoutMs: 300 }),
    );
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });
});

describe('finding 4: ReDoS through admin patterns', () => {
  const evil = `${'a'.repeat(5000)}!`;

  it('matches an overlapping-alternation schema pattern in linear time', () => {
    const validate = compileFormSchema({
      type: 'object',
      properties: { s: { type: 'string', pattern: '^(\\w|\\d)+$' } },
    });
    const started = Date.now();
    expect(validateAgainstSchema(validate, { s: evil })).toHaveLength(1);
    expect(validateAgainstSchema(validate, { s: 'abc123' })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('runs JSONata regexes on the linear engine and refuses what it cannot run', async () => {
    const started = Date.now();
    const re = new Re2RegExp(/^(\w|\d)+$/);
    expect(re.exec(evil)).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
    expect(() => new Re2RegExp(/(?=a)b/)).toThrow();
    const m = new Re2RegExp(/(\d)(x)?/g);
    m.lastIndex = 2;
    const hit = m.exec('ab12') as RegExpExecArray;
    expect([hit.index, hit[0], hit[1], hit[2], m.lastIndex]).toEqual([2, '1', '1', undefined, 3]);
  });

  it('refuses schema patterns the linear engine cannot run', () => {
    const errors = checkUntrustedSchema({ type: 'string', pattern: '^(?!admin).*$' });
    expect(errors.map((e) => e.message).join()).toMatch(/不支持的写法/);
    // Overlapping alternation under a quantifier: linear on re2js, exponential where native RegExp runs it.
    const alternation = checkUntrustedSchema({ type: 'string', pattern: '^(\\w|\\d)+$' });
    expect(alternation.map((e) => e.message).join()).toMatch(/灾难性回溯/);
    // Linear, but long counted repetitions make the program (and every match step) over a thousand instructions.
    const costly = checkUntrustedSchema({ type: 'string', pattern: '^[a-z]{1,400}[0-9]{1,400}$' });
    expect(costly.map((e) => e.message).join()).toMatch(/过于复杂/);
    expect(checkUntrustedSchema({ type: 'string', pattern: '^[\\u4e00-\\u9fa5]{2,20}$' })).toEqual([]);
  });
});

describe('finding 4: two schema patterns never share one compiled matcher', () => {
  it('checks each pattern of a schema with its own expression', () => {
    const validate = compileFormSchema({
      type: 'object',
      properties: { a: { type: 'string', pattern: '^x+$' }, b: { type: 'string', pattern: '^[0-9-]{7,20}$' } },
    });
    expect(validateAgainstSchema(validate, { a: 'xx', b: '0797-3312345' })).toEqual([]);
    expect(validateAgainstSchema(validate, { a: '0797-3312345', b: 'xx' }).map((e) => e.path)).toEqual(['/a', '/b']);
  });
});
