import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFormData } from '../../../forms/lib/form-logic';
import type { FormLogic } from '../../../functions/core/model';

/** 执行率 on each fund row of the self-evaluations, not only on the total (audit finding). */
const read = (form: string, file: string) => JSON.parse(readFileSync(`forms/${form}/${file}`, 'utf8'));
const form = (id: string) => ({ schema: read(id, 'schema.json'), logic: read(id, 'logic.json') as FormLogic });

describe('execution rate on each fund row', () => {
  it('project self-evaluation: 当年财政拨款 97.51, 上年结转 100, 其他资金 88.40, total 96.91', async () => {
    const data = read('project-self-eval', 'examples/valid-rural-road-maintenance.json').data;
    for (const row of ['currentAppropriation', 'carryOver', 'other']) delete data.funds[row].executionRate;
    const r = await validateFormData(form('project-self-eval'), data);
    expect(r.errors).toEqual([]);
    expect(r.computed['/funds/currentAppropriation/executionRate']).toBe(97.51);
    expect(r.computed['/funds/carryOver/executionRate']).toBe(100);
    expect(r.computed['/funds/other/executionRate']).toBe(88.4);
    expect(r.computed['/funds/total/executionRate']).toBe(96.91);
  });

  it('leaves the rate empty on a row with no 全年预算数, and refuses a typed rate that disagrees', async () => {
    const data = read('project-self-eval', 'examples/valid-rural-road-maintenance.json').data;
    data.funds.other = { initialBudget: '0.00', fullYearBudget: '0.00', executed: '0.00' };
    const r = await validateFormData(form('project-self-eval'), data);
    expect(r.computed['/funds/other/executionRate']).toBeUndefined();
    const wrong = read('project-self-eval', 'examples/valid-rural-road-maintenance.json').data;
    wrong.funds.carryOver.executionRate = 90;
    const checked = await validateFormData(form('project-self-eval'), wrong, { checkComputed: true });
    expect(checked.errors.map((e: { path: string }) => e.path)).toContain('/funds/carryOver/executionRate');
  });

  it('department self-evaluation: every row by income and by expense', async () => {
    const logic = read('dept-self-eval', 'logic.json') as FormLogic;
    const paths = (logic.computed ?? []).map((c) => c.path);
    expect(paths).toContain('/funds/byIncome/generalBudget/executionRate');
    expect(paths.filter((p) => /^\/funds\/by(Income|Expense)\/[^/]+\/executionRate$/.test(p)).length).toBeGreaterThan(
      3,
    );
    const data = read('dept-self-eval', 'examples/valid-transport-bureau.json').data;
    const r = await validateFormData(form('dept-self-eval'), data, { checkComputed: true });
    expect(r.errors).toEqual([]);
  });
});
