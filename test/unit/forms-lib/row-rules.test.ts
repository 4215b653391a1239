import { describe, expect, it } from 'vitest';
import { Budget, ExpressionError, evaluateExpression } from '../../../forms/lib/expressions';
import { type FormDefinition, validateFormData } from '../../../forms/lib/form-logic';
import { evaluatePerRow } from '../../../forms/lib/row-rules';

type Json = Record<string, unknown>;
const rule = (expr: string, path = '/rows/*/v'): FormDefinition => ({
  schema: { type: 'object' },
  logic: { settings: { limit: 5 }, rules: [{ id: 'R', path, expr, message: '不对' }] },
});
const rows = (...vs: unknown[]) => ({ kind: 'B', rows: vs.map((v) => ({ v })) });

describe('a rule on the rows of one table, evaluated once for the table', () => {
  it('reports the failing rows at their pointers, with $index, $indexes, $root and $settings as per row', async () => {
    const expr = "v <= $settings.limit and ($root.kind = 'B' or $index > 0) and $indexes[0] = $index";
    const data = rows(1, 9, 3, 7, undefined);
    const r = await validateFormData(rule(expr), data);
    // The same rule evaluated row by row, as before: row 4 has no v, and `undefined and …` is false.
    const perRow: string[] = [];
    for (const [i, row] of data.rows.entries()) {
      const passed = await evaluateExpression(expr, row, {
        bindings: { settings: { limit: 5 }, root: data, index: i, indexes: [i] },
      });
      if (passed !== true && passed !== undefined) perRow.push(`/rows/${i}/v`);
    }
    expect(perRow).toEqual(['/rows/1/v', '/rows/3/v', '/rows/4/v']);
    expect(r.errors.map((e) => e.path)).toEqual(perRow);
  });

  it('is evaluated in one JSONata evaluation, and gives what per-row evaluation gives', async () => {
    const budget = new Budget();
    const results = await evaluatePerRow('v > 2 ? true : (v = 1 ? [true] : v)', rows(1, 2, 3).rows, {
      budget,
      bindings: {},
    });
    // [true] is not true: it fails per row too. An undefined result passes.
    expect(results).toEqual([[true], 2, true]);
  });

  it('falls back to per-row evaluation for what it cannot map: $$, rows that are not objects, a failing row', async () => {
    expect(await evaluatePerRow('$$.v = 1', rows(1, 2).rows, { budget: new Budget(), bindings: {} })).toBeUndefined();
    expect(await evaluatePerRow('$ = 1', [1, 2], { budget: new Budget(), bindings: {} })).toBeUndefined();
    const data = rows(1, 'x', 3) as Json;
    const r = await validateFormData(rule('v + 1 > 2'), data);
    // the string row fails to compute: reported at that row, the others evaluated as usual
    expect(r.errors.map((e) => e.path)).toEqual(['/rows/0/v', '/rows/1/v']);
    expect(r.errors[1].message).toMatch(/规则 R 无法计算/);
    const rr = await validateFormData(rule('$$.v = 2'), rows(1, 2, 3));
    expect(rr.errors.map((e) => e.path)).toEqual(['/rows/0/v', '/rows/2/v']);
  });

  it('still stops on a spent budget', async () => {
    const budget = new Budget({ allocation: 50 });
    await expect(
      validateFormData(rule('$count([1..30]) > 0'), rows(1, 2, 3, 4, 5, 6, 7), { budget }),
    ).rejects.toBeInstanceOf(ExpressionError);
  });
});
