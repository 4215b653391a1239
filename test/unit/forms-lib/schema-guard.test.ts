import { describe, expect, it } from 'vitest';
import { checkUntrustedSchema } from '../../../forms/lib/server/schema-guard';

const normal = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: '项目支出绩效目标申报表',
  description: '依据《预算绩效管理内部工作规程》第十五条填报',
  type: 'object',
  required: ['projectName'],
  definitions: {
    money: { type: 'string', format: 'money' },
    row: {
      type: 'object',
      properties: { name: { type: 'string', pattern: '^[^<>]{2,50}$' }, amount: { $ref: '#/definitions/money' } },
    },
  },
  properties: {
    projectName: { type: 'string', minLength: 2, maxLength: 100, title: '项目名称' },
    contactPhone: { type: 'string', pattern: '^[0-9-]{7,20}$' },
    preparedAt: { type: 'string', format: 'date' },
    rows: { type: 'array', maxItems: 200, items: { $ref: '#/definitions/row' } },
    fundType: { enum: ['general', 'govFund'] },
    enum: { type: 'string', title: '名为 enum 的字段' },
  },
};

function deep(levels: number): Record<string, unknown> {
  let s: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < levels; i++) s = { type: 'object', properties: { a: s } };
  return s;
}

describe('untrusted schema guard', () => {
  it('accepts a normal form schema', () => {
    expect(checkUntrustedSchema(normal)).toEqual([]);
  });

  it('refuses a catastrophic regex with its location', () => {
    const errors = checkUntrustedSchema({ type: 'object', properties: { a: { type: 'string', pattern: '(a+)+$' } } });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('/properties/a/pattern');
    expect(errors[0].message).toMatch(/灾难性回溯/);
  });

  it('refuses a catastrophic patternProperties key and an overlong pattern', () => {
    const errors = checkUntrustedSchema({
      type: 'object',
      patternProperties: { '^(x+x+)+y$': { type: 'string' } },
      properties: { b: { type: 'string', pattern: 'a'.repeat(201) } },
    });
    expect(errors.map((e) => e.path)).toEqual(['/patternProperties/^(x+x+)+y$', '/properties/b/pattern']);
    expect(errors[1].message).toMatch(/过长/);
  });

  it('checks patterns even inside a property named like a data keyword', () => {
    const errors = checkUntrustedSchema({
      type: 'object',
      properties: { default: { type: 'string', pattern: '(a+)+$' } },
    });
    expect(errors.map((e) => e.path)).toEqual(['/properties/default/pattern']);
  });

  it('refuses a remote $ref and a remote $id', () => {
    expect(checkUntrustedSchema({ $ref: 'https://evil.example/schema.json' })[0].message).toMatch(
      /只允许本文档内的引用/,
    );
    expect(checkUntrustedSchema({ $id: 'https://evil.example/s', type: 'object' })[0].message).toMatch(
      /远程或绝对地址/,
    );
  });

  it('refuses recursive and dangling $ref', () => {
    const recursive = {
      type: 'object',
      definitions: { node: { type: 'object', properties: { child: { $ref: '#/definitions/node' } } } },
      properties: { root: { $ref: '#/definitions/node' } },
    };
    expect(checkUntrustedSchema(recursive).some((e) => e.message.includes('递归'))).toBe(true);
    const mutual = {
      definitions: {
        a: { properties: { b: { $ref: '#/definitions/b' } } },
        b: { properties: { a: { $ref: '#/definitions/a' } } },
      },
      $ref: '#/definitions/a',
    };
    expect(checkUntrustedSchema(mutual).some((e) => e.message.includes('递归'))).toBe(true);
    expect(checkUntrustedSchema({ properties: { x: { $ref: '#' } } }).some((e) => e.message.includes('递归'))).toBe(
      true,
    );
    expect(checkUntrustedSchema({ properties: { x: { $ref: '#/definitions/missing' } } })[0].message).toMatch(/不存在/);
  });

  it('refuses $data', () => {
    const errors = checkUntrustedSchema({
      type: 'object',
      properties: { a: { type: 'number', maximum: { $data: '1/b' } } },
    });
    expect(errors.some((e) => e.path === '/properties/a/maximum/$data' && e.message.includes('$data'))).toBe(true);
  });

  it('refuses a schema nested 40 levels deep without overflowing', () => {
    const errors = checkUntrustedSchema(deep(40));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/嵌套过深/);
    expect(checkUntrustedSchema(deep(5000))[0].message).toMatch(/嵌套过深/);
  });

  it('refuses a huge enum and an oversized schema', () => {
    const bigEnum = { enum: Array.from({ length: 501 }, (_, i) => `v${i}`) };
    expect(checkUntrustedSchema(bigEnum)[0]).toEqual({ path: '/enum', message: '枚举值过多（501 项，上限 500）' });
    const huge = { type: 'object', description: '说明'.repeat(100_000) };
    expect(checkUntrustedSchema(huge)[0].message).toMatch(/表单结构过大/);
  });

  it('refuses an unknown format', () => {
    expect(checkUntrustedSchema({ type: 'string', format: 'credit-card' })).toEqual([
      { path: '/format', message: '未知的格式（format）：“credit-card”' },
    ]);
  });

  it('refuses HTML in titles and descriptions', () => {
    const errors = checkUntrustedSchema({
      type: 'object',
      title: '<script>alert(1)</script>表单',
      properties: { a: { type: 'string', description: '<img src=x onerror=alert(1)>' } },
    });
    expect(errors.map((e) => e.path)).toEqual(['/title', '/properties/a/description']);
    expect(errors[0].message).toMatch(/不允许包含 HTML/);
  });

  it('refuses prototype keys and unknown keywords, in Chinese', () => {
    expect(
      checkUntrustedSchema(JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}'))[0].message,
    ).toMatch(/__proto__/);
    const errors = checkUntrustedSchema({ type: 'string', 'ui:widget': 'textarea' });
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^表单结构无法编译：不支持的关键字“ui:widget”/);
  });

  it('refuses a value that is not a schema object', () => {
    expect(checkUntrustedSchema('x')).toEqual([{ path: '', message: '表单结构（JSON Schema）应为对象' }]);
    expect(checkUntrustedSchema([])).toHaveLength(1);
  });
});
