/**
 * forms/lib/schema-errors.ts: the words a user reads for each way data can break a form's schema, the same from the
 * server's ajv and from the browser's checker, and never a type name, a pattern or a format name in English.
 */
import { describe, expect, it } from 'vitest';
import { fieldErrors, messageOf } from '../../../forms/lib/schema-errors';
import { hasFormat } from '../../../forms/lib/schema-formats';
import { compileFormSchema, SIZE_KEYWORDS, validateAgainstSchema } from '../../../forms/lib/server/ajv';
import { checkSchema } from '../../../web/src/form/schema-check';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'year'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 5 },
    empty: { type: 'string', minLength: 1 },
    year: { type: 'integer', minimum: 2000, maximum: 2100 },
    share: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    phone: { type: 'string', pattern: '^[0-9-]{7,20}$' },
    day: { type: 'string', format: 'date' },
    amount: { type: 'string', format: 'money' },
    kind: { type: 'string', enum: ['A', 'B'] },
    fixed: { const: 'yes' },
    rows: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
    few: { type: 'array', maxItems: 1 },
    choice: { oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] },
    either: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
    never: { not: { type: 'string' } },
  },
} as const;

/** Each case breaks one field one way; the words the user must read there. */
const CASES: Array<[string, Record<string, unknown>, string, string]> = [
  ['required', {}, '/name', '必填'],
  ['minLength', { name: 'x' }, '/name', '不应少于 2 个字符'],
  ['minLength of 1', { empty: '' }, '/empty', '不能为空'],
  ['maxLength', { name: '一二三四五六' }, '/name', '不应多于 5 个字符'],
  ['type integer', { year: '2025' }, '/year', '应当是整数'],
  ['type number', { share: 'half' }, '/share', '应当是数字'],
  ['minimum', { year: 1999 }, '/year', '应当大于或等于 2000'],
  ['maximum', { year: 2101 }, '/year', '应当小于或等于 2100'],
  ['exclusiveMinimum', { share: 0 }, '/share', '应当大于 0'],
  ['exclusiveMaximum', { share: 1 }, '/share', '应当小于 1'],
  ['pattern', { phone: 'abc' }, '/phone', '格式不正确'],
  ['format date', { day: '2025-02-30' }, '/day', '日期格式不正确，应为 年-月-日，例如 2026-03-01'],
  ['format money', { amount: '12.345' }, '/amount', '应为金额（万元），非负数，最多两位小数，例如 1280.00'],
  ['enum', { kind: 'C' }, '/kind', '应当是预设选项之一'],
  ['const', { fixed: 'no' }, '/fixed', '应当等于规定的值'],
  ['minItems', { rows: [] }, '/rows', '不应少于 1 项'],
  ['maxItems', { rows: ['a', 'b', 'c'] }, '/rows', '不应多于 2 项'],
  ['type string in a list', { rows: [1] }, '/rows/0', '应当是文字'],
  ['oneOf', { choice: 'both' }, '/choice', '应当符合且仅符合其中一种情形'],
  ['anyOf', { either: 'x' }, '/either', '应当符合其中一种情形'],
  ['not', { never: 's' }, '/never', '不应符合此情形'],
  ['additionalProperties', { extra: 1 }, '/extra', '不允许的属性'],
];

const base = { name: '张三', year: 2025 };

describe('the words of schema errors (server ajv and browser checker alike)', () => {
  for (const [name, patch, path, words] of CASES) {
    it(`${name}: ${path} reads “${words}” on both sides`, () => {
      const data = name === 'required' ? patch : { ...base, ...patch };
      const server = validateAgainstSchema(compileFormSchema(schema), data).filter((e) => e.path === path);
      const browser = checkSchema(schema, data).filter((e) => e.path === path);
      expect(server.map((e) => e.message)).toContain(words);
      expect(browser.map((e) => e.message)).toContain(words);
      for (const e of [...server, ...browser]) expect(e.message).not.toMatch(/[A-Za-z]/);
    });
  }

  it('a value of the wrong kind is told only that, not also that it is not one of the options', () => {
    const errors = validateAgainstSchema(compileFormSchema(schema), { ...base, kind: 7 });
    expect(errors.filter((e) => e.path === '/kind')).toEqual([{ path: '/kind', message: '应当是文字' }]);
  });

  it('keeps only the keywords asked for, and each message once per field', () => {
    const validate = compileFormSchema(schema);
    const data = { ...base, name: '一二三四五六', few: [1, 2], kind: 'C' };
    expect(validateAgainstSchema(validate, data, SIZE_KEYWORDS)).toEqual([
      { path: '/name', message: '不应多于 5 个字符' },
      { path: '/few', message: '不应多于 1 项' },
    ]);
    const twice = { keyword: 'required', instancePath: '', schemaPath: '#', params: { missingProperty: 'a' } };
    expect(fieldErrors([twice, twice])).toEqual([{ path: '/a', message: '必填' }]);
  });

  it('puts a missing or extra property on the field itself, escaped as a JSON Pointer', () => {
    const missing = { keyword: 'required', instancePath: '/x', schemaPath: '#', params: { missingProperty: 'a/b~c' } };
    const extra = {
      keyword: 'additionalProperties',
      instancePath: '',
      schemaPath: '#',
      params: { additionalProperty: 'q' },
    };
    expect(fieldErrors([missing, extra])).toEqual([
      { path: '/x/a~1b~0c', message: '必填' },
      { path: '/q', message: '不允许的属性' },
    ]);
  });

  it('sums up an option of anyOf/oneOf/not by its keyword, but a property named so is an ordinary field', () => {
    const validate = compileFormSchema({
      type: 'object',
      properties: {
        not: { type: 'string' },
        anyOf: { type: 'integer' },
        either: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
      },
    });
    expect(validateAgainstSchema(validate, { not: 1, anyOf: 'x', either: 'x' })).toEqual([
      { path: '/not', message: '应当是文字' },
      { path: '/anyOf', message: '应当是整数' },
      { path: '/either', message: '应当符合其中一种情形' },
    ]);
  });

  it('reads 取值无效 for a keyword it has no words for, and drops the `if` of a failed condition', () => {
    expect(messageOf('someNewKeyword', {})).toBe('取值无效');
    expect(
      fieldErrors([{ keyword: 'if', instancePath: '/a', schemaPath: '#', params: { failingKeyword: 'then' } }]),
    ).toEqual([]);
  });
});

describe('the house formats (forms/lib/schema-formats.ts)', () => {
  it('checks `date` exactly as ajv-formats does, leap years and month lengths included', async () => {
    const { fullFormats } = (await import('ajv-formats/dist/formats.js')) as unknown as {
      fullFormats: { date: { validate: (s: string) => boolean } };
    };
    const samples = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2025-04-31', '2025-12-31', '2025-13-01'];
    samples.push('2025-00-10', '2025-01-00', '2025-1-01', '20250101', '2025-01-01T00:00:00Z', '', '２０２５-01-01');
    for (let m = 1; m <= 12; m++)
      for (const d of [28, 29, 30, 31, 32])
        samples.push(`2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    for (const s of samples) expect(hasFormat('date', s), s).toBe(fullFormats.date.validate(s));
  });

  it('leaves to the server the formats it does not check in the browser', () => {
    expect(hasFormat('email', 'not an address')).toBeUndefined();
    expect(hasFormat('money', '12.345')).toBe(false);
    expect(hasFormat('money', '1280.00')).toBe(true);
  });
});
