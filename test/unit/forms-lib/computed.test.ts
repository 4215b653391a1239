/**
 * Computed fields run the same code in the browser (computeFields, as the fill page and the designer's
 * preview call it) and on the server (validateFormData): a result that is not data, a bad path or a
 * failing formula behaves the same on both sides.
 */
import { describe, expect, it } from 'vitest';
import { computeFields, mergeComputed } from '../../../forms/lib/computed';
import type { FormLogic } from '../../../forms/lib/definitions';
import { validateFormData } from '../../../forms/lib/form-logic';

const schema = {
  type: 'object',
  properties: {
    a: { type: 'number' },
    total: { type: 'number' },
    rows: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } } } },
  },
};

async function both(logic: FormLogic, data: Record<string, unknown>) {
  const browser = await computeFields(logic, data);
  const server = await validateFormData({ schema, logic }, data);
  return { browser, server };
}

describe('computed fields: one behaviour in the browser and on the server', () => {
  it('a function-valued result is an error on its path and writes nothing, on both sides', async () => {
    const logic = { computed: [{ path: '/total', expr: 'function($v) { $v }' }] };
    const { browser, server } = await both(logic, { a: 1, total: 5 });
    const expected = { path: '/total', message: '计算失败：计算结果不是数据（是函数）' };
    expect(browser.errors).toEqual([expected]);
    expect(server.errors).toEqual([expected]);
    expect(browser.data).toEqual({ a: 1, total: 5 });
    expect(server.data).toEqual({ a: 1, total: 5 });
  });

  it('per-row results and later fields seeing earlier ones agree', async () => {
    const logic = {
      computed: [
        { path: '/rows/*/y', expr: 'x * 2' },
        { path: '/total', expr: '$sum(rows.y) + a' },
      ],
    };
    const { browser, server } = await both(logic, { a: 1, rows: [{ x: 1 }, { x: 2 }] });
    expect(browser.errors).toEqual([]);
    expect(browser.data).toEqual({
      a: 1,
      rows: [
        { x: 1, y: 2 },
        { x: 2, y: 4 },
      ],
      total: 7,
    });
    expect(server.data).toEqual(browser.data);
    expect(server.computed).toEqual(browser.computed);
  });

  it('a path reaching a prototype is refused with the same message on both sides', async () => {
    const logic = { computed: [{ path: '/__proto__/x', expr: '1' }] };
    const { browser, server } = await both(logic, {});
    expect(browser.errors).toHaveLength(1);
    expect(server.errors).toEqual(browser.errors);
    expect(browser.errors[0].message).toMatch(/^计算字段路径无效：/);
  });

  it('hands back the same object when nothing changed, so a caller can tell', async () => {
    const data = { a: 1, total: 1 };
    const { browser } = await both({ computed: [{ path: '/total', expr: 'a' }] }, data);
    expect(browser.data).toBe(data);
  });

  it('mergeComputed writes only values that differ, into a copy', () => {
    const data = { a: 1, total: 1 };
    expect(mergeComputed(data, { '/total': 1 })).toBe(data);
    const merged = mergeComputed(data, { '/total': 3, '/__proto__/x': 1 });
    expect(merged).toEqual({ a: 1, total: 3 });
    expect(data.total).toBe(1);
  });
});

describe('computed fields: results that are not data', () => {
  it.each([
    ['a JSONata lambda', 'function($v) { $v }'],
    ['a built-in function named without a call', '$sum'],
  ])('%s is refused on both sides', async (_what, expr) => {
    const logic = { computed: [{ path: '/total', expr }] };
    const browser = await computeFields(logic, { total: 5 });
    const server = await validateFormData({ schema, logic }, { total: 5 });
    expect(browser.errors.map((e) => e.path)).toEqual(['/total']);
    expect(server.errors).toEqual(browser.errors);
    expect(JSON.stringify(server.data)).toBe('{"total":5}');
  });
});
