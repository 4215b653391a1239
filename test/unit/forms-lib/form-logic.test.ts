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
        logic: { computed: [{ path: '/x', expr: '( $f := function($v){ 1 + $f($v) }; $f(1) )' }] },
      },
      {},
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].path).toBe('/x');
    expect(r.errors[0].message).toMatch(/^计算失败：表达式嵌套过深/);
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

  it('does not create empty parent objects for an empty computed value', async () => {
    const r = await validateFormData(
      {
        schema: { type: 'object' },
        logic: {
          computed: [
            { path: '/a/b/c', expr: 'missing.value' },
            { path: '/rows/*/extra/note', expr: 'nothing' },
          ],
        },
      },
      { rows: [{ x: 1 }] },
    );
    expect(r.errors).toEqual([]);
    expect(r.data).toEqual({ rows: [{ x: 1 }] });
    expect(r.computed).toHaveProperty('/a/b/c', undefined);
  });

  it('still deletes a stale value when an existing computed field becomes empty', async () => {
    const r = await validateFormData(
      { schema: { type: 'object' }, logic: { computed: [{ path: '/a/b', expr: 'missing' }] } },
      { a: { b: 1, keep: true } },
    );
    expect(r.data).toEqual({ a: { keep: true } });
  });

  it('refuses data that is not an object', async () => {
    expect((await validateFormData(form, [1, 2])).errors).toEqual([{ path: '', message: '表单数据应为对象' }]);
  });
});

describe('validateFormData: rules with * paths', () => {
  const rowSchema = { type: 'object' };
  const rowRules = (rules: FormLogic['rules']): { schema: object; logic: FormLogic } => ({
    schema: rowSchema,
    logic: { rules, settings: { minNote: 2 } },
  });
  const table = () => ({
    cap: 10,
    indicators: [
      { name: 'a', weight: 10, score: 10 },
      { name: 'b', weight: 10, score: 12 },
      { name: 'c', weight: 5, score: 4, deviationAnalysis: '原因' },
      { name: 'd', weight: 5, score: 6 },
    ],
  });

  it('evaluates the rule once per element and reports each failing element at its concrete pointer', async () => {
    const r = await validateFormData(
      rowRules([
        {
          id: 'CAP',
          path: '/indicators/*/score',
          expr: 'score <= weight',
          message: '得分不得超过分值',
          level: 'error',
        },
      ]),
      table(),
    );
    expect(r.errors).toEqual([
      { path: '/indicators/1/score', message: '得分不得超过分值' },
      { path: '/indicators/3/score', message: '得分不得超过分值' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('reports nothing when every row passes, and nothing for a missing or empty array', async () => {
    const rules: FormLogic['rules'] = [
      { id: 'CAP', path: '/indicators/*/score', expr: 'score <= weight', message: '得分不得超过分值' },
    ];
    const passing = {
      indicators: [
        { weight: 10, score: 10 },
        { weight: 5, score: 0 },
      ],
    };
    expect((await validateFormData(rowRules(rules), passing)).errors).toEqual([]);
    expect((await validateFormData(rowRules(rules), { indicators: [] })).errors).toEqual([]);
    expect((await validateFormData(rowRules(rules), {})).errors).toEqual([]);
    expect((await validateFormData(rowRules(rules), { indicators: 'not an array' })).errors).toEqual([]);
  });

  it('binds $root, $index, $indexes and $settings for each element', async () => {
    const r = await validateFormData(
      rowRules([
        {
          id: 'ROOT',
          path: '/indicators/*/weight',
          expr: 'weight <= $root.cap and $index < 3 and $indexes[0] = $index',
          message: '超出上限或行号过大',
        },
        {
          id: 'DEVIATION',
          path: '/indicators/*/deviationAnalysis',
          expr: 'score < weight ? ($exists(deviationAnalysis) and $length(deviationAnalysis) >= $settings.minNote) : true',
          message: '须填写偏差原因分析',
        },
      ]),
      {
        cap: 8,
        indicators: [
          { weight: 8, score: 7, deviationAnalysis: '原因说明' },
          { weight: 9, score: 9 },
          { weight: 5, score: 4, deviationAnalysis: '短' },
          { weight: 1, score: 1 },
        ],
      },
    );
    expect(r.errors).toEqual([
      { path: '/indicators/1/weight', message: '超出上限或行号过大' },
      { path: '/indicators/3/weight', message: '超出上限或行号过大' },
      { path: '/indicators/2/deviationAnalysis', message: '须填写偏差原因分析' },
    ]);
  });

  it('compares a row with its siblings through $root (unique names)', async () => {
    const data = table();
    data.indicators[3].name = 'b';
    const r = await validateFormData(
      rowRules([
        {
          id: 'UNIQUE',
          path: '/indicators/*/name',
          expr: '($row := $; $count($root.indicators[name = $row.name]) <= 1)',
          message: '名称不能重复',
        },
      ]),
      data,
    );
    expect(r.errors.map((e) => e.path)).toEqual(['/indicators/1/name', '/indicators/3/name']);
  });

  it('expands nested wildcards with the innermost element as input and all indexes bound', async () => {
    const data = {
      groups: [
        { limit: 5, rows: [{ v: 1 }, { v: 9 }] },
        { limit: 10, rows: [{ v: 10 }, { v: 11 }, { v: 3 }] },
        { limit: 1 },
      ],
    };
    const r = await validateFormData(
      rowRules([
        {
          id: 'NESTED',
          path: '/groups/*/rows/*/v',
          expr: 'v <= $lookup($root.groups[$indexes[0]], "limit")',
          message: '超过本组上限',
        },
        {
          id: 'WHERE',
          path: '/groups/*/rows/*',
          expr: '$not($indexes[0] = 1 and $index = 2)',
          message: '定位',
          level: 'warning',
        },
      ]),
      data,
    );
    expect(r.errors).toEqual([
      { path: '/groups/0/rows/1/v', message: '超过本组上限' },
      { path: '/groups/1/rows/1/v', message: '超过本组上限' },
    ]);
    expect(r.warnings).toEqual([{ path: '/groups/1/rows/2', message: '定位' }]);
  });

  it('reports a row whose expression fails at that row, and an invalid wildcard path at the path', async () => {
    const r = await validateFormData(
      rowRules([
        { id: 'CMP', path: '/indicators/*/score', expr: 'score > 1', message: '得分过低' },
        { id: 'BAD', path: '/__proto__/*/x', expr: 'true', message: '不应出现' },
      ]),
      { indicators: [{ score: 2 }, { score: 'x' }] },
    );
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0].path).toBe('/indicators/1/score');
    expect(r.errors[0].message).toMatch(/^规则 CMP 无法计算：/);
    expect(r.errors[1].path).toBe('/__proto__/*/x');
    expect(r.errors[1].message).toMatch(/^规则 BAD 的路径无效：/);
  });

  it('keeps a rule without * evaluated once over the whole data, even when its path names a row', async () => {
    const r = await validateFormData(
      rowRules([
        {
          id: 'TABLE',
          path: '/indicators',
          expr: '$sum(indicators.weight) = 100',
          message: '分值合计应为100',
        },
        { id: 'FIXED', path: '/indicators/0/score', expr: '$count(indicators) = 4', message: '不应出现' },
      ]),
      table(),
    );
    expect(r.errors).toEqual([{ path: '/indicators', message: '分值合计应为100' }]);
  });

  it('sees computed values written per row before the rules run', async () => {
    const r = await validateFormData(
      {
        schema: rowSchema,
        logic: {
          computed: [{ path: '/rows/*/total', expr: 'a + b' }],
          rules: [{ id: 'T', path: '/rows/*/total', expr: 'total <= 10', message: '合计超过10' }],
        },
      },
      {
        rows: [
          { a: 1, b: 2 },
          { a: 6, b: 7 },
        ],
      },
    );
    expect(r.errors).toEqual([{ path: '/rows/1/total', message: '合计超过10' }]);
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

  it('does not create parents when writing undefined', () => {
    const o: Record<string, unknown> = { a: [{ b: 1 }], s: 'text' };
    setPointer(o, '/x/y/z', undefined);
    setPointer(o, '/a/3/q', undefined);
    setPointer(o, '/a/0/c/d', undefined);
    setPointer(o, '/s/t', undefined);
    expect(o).toEqual({ a: [{ b: 1 }], s: 'text' });
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
