import { describe, expect, it } from 'vitest';
import { getPointer, PointerError, setPointer, validateFormData } from '../../../forms/lib/form-logic';
import type { FormLogic } from '../../../functions/core/model';

const schema = {
  type: 'object',
  required: ['fiscalYear', 'funding'],
  properties: {
    fiscalYear: { type: 'integer' },
    funding: {
      type: 'object',
      properties: {
        annual: {
          type: 'object',
          properties: {
            total: { type: 'string', format: 'money' },
            fiscal: { type: 'string', format: 'money' },
            other: { type: 'string', format: 'money' },
          },
        },
        midTerm: { type: 'object', properties: { total: { type: 'string', format: 'money' } } },
      },
    },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          operator: { enum: ['gte', 'lte', 'qual'] },
          targetValue: { type: 'number' },
          actualValue: { type: 'number' },
          weight: { type: 'number' },
          score: { type: 'number' },
          overshoot: { type: 'boolean' },
        },
      },
    },
    totalScore: { type: 'number' },
    selfGrade: { enum: ['excellent', 'good', 'fair', 'poor'] },
  },
};

const logic: FormLogic = {
  computed: [
    { path: '/funding/annual/total', expr: '$sumMoney([funding.annual.fiscal, funding.annual.other])' },
    { path: '/indicators/*/score', expr: "operator = 'qual' ? score : $rowScore($)" },
    { path: '/indicators/*/overshoot', expr: '$overshoot($)' },
    { path: '/totalScore', expr: '$round2($sum(indicators.score))' },
    { path: '/selfGrade', expr: '$grade(totalScore)' },
  ],
  rules: [
    {
      id: 'R-B3',
      path: '/funding/annual/total',
      expr: '$not($exists(funding.midTerm.total)) ? undefined : $number(funding.annual.total) <= $number(funding.midTerm.total)',
      message: '年度资金总额不得超过中期资金总额',
      level: 'error',
    },
    {
      id: 'W-1',
      path: '/totalScore',
      expr: 'totalScore >= $settings.warnBelow',
      message: '总分偏低，请核对',
      level: 'warning',
    },
  ],
  settings: { warnBelow: 60 },
};

const form = { schema, logic };

function data(overrides: Record<string, unknown> = {}) {
  return {
    fiscalYear: 2025,
    funding: { annual: { fiscal: '1180.00', other: '100.00' }, midTerm: { total: '3840.00' } },
    indicators: [
      { operator: 'gte', targetValue: 6, actualValue: 5, weight: 10 },
      { operator: 'lte', targetValue: 0.6, actualValue: 0.62, weight: 10 },
      { operator: 'qual', weight: 10, score: 9 },
    ],
    ...overrides,
  };
}

describe('validateFormData', () => {
  it('writes computed values in order, per array element, and reports them by pointer', async () => {
    const input = data();
    const r = await validateFormData(form, input);
    expect(r.errors).toEqual([]);
    expect(r.data.funding).toMatchObject({ annual: { total: '1280.00' } });
    expect((r.data.indicators as { score: number }[]).map((x) => x.score)).toEqual([8.33, 9.68, 9]);
    expect(r.computed).toMatchObject({
      '/funding/annual/total': '1280.00',
      '/indicators/0/score': 8.33,
      '/indicators/1/score': 9.68,
      '/indicators/2/score': 9,
      '/indicators/0/overshoot': false,
      '/totalScore': 27.01,
      '/selfGrade': 'poor',
    });
    expect(input).not.toHaveProperty('totalScore');
  });

  it('creates missing intermediate objects for a computed path', async () => {
    const r = await validateFormData(
      { schema: { type: 'object' }, logic: { computed: [{ path: '/a/b/c', expr: '1 + 1' }] } },
      {},
    );
    expect(r.data).toEqual({ a: { b: { c: 2 } } });
  });

  it('detects a client value that disagrees with the recomputed one, comparing money by value and numbers at 2 decimals', async () => {
    const agreeing = data({
      totalScore: 27.010000001,
      funding: { annual: { fiscal: '1180.00', other: '100.00', total: '1280' } },
    });
    expect((await validateFormData(form, agreeing, { checkComputed: true })).errors).toEqual([]);

    const wrong = data({
      totalScore: 30,
      funding: { annual: { fiscal: '1180.00', other: '100.00', total: '1300.00' } },
    });
    const r = await validateFormData(form, wrong, { checkComputed: true });
    expect(r.errors).toEqual([
      { path: '/funding/annual/total', message: '计算值不一致：提交的值为 1300.00，重新计算应为 1280.00' },
      { path: '/totalScore', message: '计算值不一致：提交的值为 30，重新计算应为 27.01' },
    ]);
    expect(r.data.totalScore).toBe(27.01);
  });

  it('does not compare computed values unless asked', async () => {
    expect((await validateFormData(form, data({ totalScore: 30 }))).errors).toEqual([]);
  });

  it('reports rule errors and warnings at their paths', async () => {
    const r = await validateFormData(
      form,
      data({ funding: { annual: { fiscal: '5000.00', other: '0.00' }, midTerm: { total: '3840.00' } } }),
    );
    expect(r.errors).toEqual([{ path: '/funding/annual/total', message: '年度资金总额不得超过中期资金总额' }]);
    expect(r.warnings).toEqual([{ path: '/totalScore', message: '总分偏低，请核对' }]);
  });

  it('treats an undefined rule result as not applicable', async () => {
    const r = await validateFormData(form, data({ funding: { annual: { fiscal: '5000.00', other: '0.00' } } }));
    expect(r.errors).toEqual([]);
  });

  it('validates the computed data against the schema', async () => {
    const r = await validateFormData(
      form,
      data({ fiscalYear: '2025', funding: { annual: { fiscal: '1.234', other: '0' } } }),
    );
    expect(r.errors.map((e) => e.path)).toEqual(['/fiscalYear', '/funding/annual/fiscal']);
  });

  it('reports a failing computed expression on its path instead of throwing', async () => {
    const r = await validateFormData(
      {
        schema: { type: 'object' },
        logic: { computed: [{ path: '/x', expr: '( $f := function($v){ $f($v) }; $f(1) )' }] },
      },
      {},
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].path).toBe('/x');
    expect(r.errors[0].message).toMatch(/^计算失败：表达式(计算超时|嵌套过深)/);
  });

  it('refuses __proto__ and constructor keys in the data and in computed paths', async () => {
    const polluted = JSON.parse('{"fiscalYear":2025,"funding":{"__proto__":{"polluted":true}},"constructor":{"x":1}}');
    const r = await validateFormData(form, polluted);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { path: '/funding/__proto__', message: '不允许的属性名“__proto__”' },
        { path: '/constructor', message: '不允许的属性名“constructor”' },
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const bad = await validateFormData(
      { schema: { type: 'object' }, logic: { computed: [{ path: '/__proto__/polluted', expr: 'true' }] } },
      {},
    );
    expect(bad.errors[0].message).toMatch(/计算字段路径无效/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses data that is not an object', async () => {
    expect((await validateFormData(form, [1, 2])).errors).toEqual([{ path: '', message: '表单数据应为对象' }]);
  });
});

describe('JSON Pointer helpers', () => {
  it('reads and writes nested values, escaping ~ and /', () => {
    const o: Record<string, unknown> = { a: [{ 'b/c': 1, 'd~e': 2 }] };
    expect(getPointer(o, '/a/0/b~1c')).toBe(1);
    expect(getPointer(o, '/a/0/d~0e')).toBe(2);
    expect(getPointer(o, '')).toBe(o);
    expect(getPointer(o, '/a/5/x')).toBeUndefined();
    setPointer(o, '/a/0/new/deep', 3);
    expect(getPointer(o, '/a/0/new/deep')).toBe(3);
    setPointer(o, '/a/-', 'end');
    expect((o.a as unknown[])[1]).toBe('end');
    setPointer(o, '/a/0/new/deep', undefined);
    expect(getPointer(o, '/a/0/new')).toEqual({});
  });

  it('refuses prototype segments', () => {
    const o: Record<string, unknown> = {};
    for (const p of ['/__proto__/x', '/a/constructor/prototype', '/prototype']) {
      expect(() => setPointer(o, p, 1)).toThrow(PointerError);
      expect(() => getPointer(o, p)).toThrow(PointerError);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('does not read inherited properties', () => {
    expect(getPointer({}, '/toString')).toBeUndefined();
  });
});
