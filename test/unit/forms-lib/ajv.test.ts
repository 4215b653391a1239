import { describe, expect, it } from 'vitest';
import { compileFormSchema, createAjv, validateAgainstSchema } from '../../../forms/lib/server/ajv';

const schema = {
  type: 'object',
  required: ['projectName', 'funding'],
  additionalProperties: false,
  properties: {
    projectName: { type: 'string', minLength: 2, maxLength: 100 },
    fiscalYear: { type: 'integer', minimum: 2000, maximum: 2100 },
    preparedAt: { type: 'string', format: 'date' },
    funding: {
      type: 'object',
      required: ['total'],
      properties: { total: { type: 'string', format: 'money' }, 'a/b': { type: 'string' } },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['operator'],
        properties: {
          operator: { enum: ['gte', 'qual'] },
          targetValue: { type: 'number' },
          targetText: { type: 'string' },
        },
        if: { properties: { operator: { const: 'qual' } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema if/then/else keyword
        then: { required: ['targetText'] },
        else: { required: ['targetValue'] },
      },
    },
  },
};

describe('ajv setup', () => {
  it('compiles a form schema once per schema object', () => {
    const s = structuredClone(schema);
    expect(compileFormSchema(s)).toBe(compileFormSchema(s));
    expect(compileFormSchema(structuredClone(schema))).not.toBe(compileFormSchema(s));
  });

  it('keeps a compiled validator with local $ref working', () => {
    const s = {
      $id: 'urn:jixiao:test-form',
      type: 'object',
      definitions: { money: { type: 'string', format: 'money' } },
      properties: { a: { $ref: '#/definitions/money' }, b: { type: 'array', items: { $ref: '#/definitions/money' } } },
    };
    const v1 = compileFormSchema(s);
    const v2 = compileFormSchema(structuredClone(s)); // a second version with the same $id
    for (const v of [v1, v2]) {
      expect(validateAgainstSchema(v, { a: '1.00', b: ['2.00'] })).toEqual([]);
      expect(validateAgainstSchema(v, { a: '1.001', b: ['x'] }).map((e) => e.path)).toEqual(['/a', '/b/0']);
    }
  });

  it('accepts valid data', () => {
    const v = compileFormSchema(schema);
    expect(
      validateAgainstSchema(v, {
        projectName: '农村公路养护',
        funding: { total: '1280.00' },
        rows: [{ operator: 'qual', targetText: '明显改善' }],
      }),
    ).toEqual([]);
  });

  it('puts a missing required property on its own pointer, with a Chinese message', () => {
    const errors = validateAgainstSchema(compileFormSchema(schema), { funding: {}, rows: [{ operator: 'gte' }] });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/projectName', message: '必填' },
        { path: '/funding/total', message: '必填' },
        { path: '/rows/0/targetValue', message: '必填' },
      ]),
    );
    expect(errors.some((e) => e.message.includes('"then"') || e.message.includes('"else"'))).toBe(false);
  });

  it('translates type, range, length and format errors into Chinese on the field pointer', () => {
    const errors = validateAgainstSchema(compileFormSchema(schema), {
      projectName: 'x',
      fiscalYear: '2025',
      preparedAt: '2025-13-01',
      funding: { total: '12.345' },
      extra: 1,
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['/projectName']).toMatch(/不应少于 2 个字符/);
    expect(byPath['/fiscalYear']).toBe('应当是整数');
    expect(byPath['/preparedAt']).toBe('日期格式不正确，应为 年-月-日，例如 2026-03-01');
    expect(byPath['/funding/total']).toBe('应为金额（万元），非负数，最多两位小数，例如 1280.00');
    expect(byPath['/extra']).toBe('不允许的属性');
    for (const e of errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    // Written for the user: no type name, pattern or format name in English.
    for (const e of errors) expect(e.message).not.toMatch(/[A-Za-z]/);
  });

  it('does not coerce types or fill defaults', () => {
    const v = createAjv().compile({ type: 'object', properties: { n: { type: 'number', default: 5 } } });
    const data: Record<string, unknown> = { n: '5' };
    expect(v(data)).toBe(false);
    const empty: Record<string, unknown> = {};
    expect(v(empty)).toBe(true);
    expect(empty).toEqual({});
  });

  it('refuses unknown keywords such as rjsf ui hints in strict mode', () => {
    expect(() => createAjv().compile({ type: 'string', 'ui:widget': 'textarea' })).toThrow(/unknown keyword/);
  });

  it('escapes / and ~ in pointers of missing properties', () => {
    const v = createAjv().compile({ type: 'object', required: ['a/b', 'c~d'], properties: { 'a/b': {}, 'c~d': {} } });
    expect(validateAgainstSchema(v, {}).map((e) => e.path)).toEqual(['/a~1b', '/c~0d']);
  });
});
