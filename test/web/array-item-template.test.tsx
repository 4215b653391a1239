/**
 * The row template of tables drawn by rjsf's array field (web/src/form/array-item-template.tsx): a keystroke in one
 * row draws that row again, not every row; the row buttons still act on the table as it is now (no handler of an
 * older table is kept); and the comparison it rests on.
 */
import type { RJSFSchema } from '@rjsf/utils';
import { act, fireEvent } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import { createElement, type ReactNode, useContext, useMemo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { sameValue } from '../../web/src/form/array-item-template';
import { useFormContext } from '../../web/src/form/form-context';
import { SchemaForm } from '../../web/src/form/schema-form';
import { CountingConfig, renderWithAntd } from './render';

const counted = { btn: 0 };

const schema = {
  type: 'object',
  properties: {
    title: { type: 'string', title: '标题' },
    rows: {
      type: 'array',
      title: '监控对象',
      items: {
        type: 'object',
        properties: { name: { type: 'string', title: '名称' }, amount: { type: 'string', title: '金额' } },
      },
    },
  },
} as RJSFSchema;
const ROWS = 20;
const initial = {
  title: '报告',
  rows: Array.from({ length: ROWS }, (_, i) => ({ name: `对象${i}`, amount: String(i) })),
};

let latest: Record<string, unknown> = {};
function Harness({ start = initial }: { start?: Record<string, unknown> }) {
  const [data, setData] = useState<Record<string, unknown>>(start);
  latest = data;
  return (
    <CountingConfig counts={counted}>
      <SchemaForm schema={schema} uiSchema={{}} formData={data} onChange={setData} formContext={useFormContext(data)} />
    </CountingConfig>
  );
}

/** The row of the table that holds row `i`'s 名称: the smallest element around it with the row's 删除 button. */
function rowOf(container: HTMLElement, i: number): HTMLElement {
  let el = container.querySelector(`#root_rows_${i}_name`) as HTMLElement | null;
  while (el && !el.querySelector('button[title="删除"]')) el = el.parentElement;
  if (!el) throw new Error(`row ${i} not found`);
  return el;
}

const type = (container: HTMLElement, selector: string, text: string) => {
  const input = container.querySelector(selector) as HTMLInputElement;
  act(() => {
    fireEvent.change(input, { target: { value: `${input.value}${text}` } });
  });
};

describe('the row template of array tables', () => {
  it(`a keystroke in one of ${ROWS} rows draws the buttons of a few rows, not of every row`, () => {
    const { container } = renderWithAntd(<Harness />);
    const perRow = rowOf(container, 1).querySelectorAll('button').length;
    expect(perRow).toBeGreaterThan(0);
    counted.btn = 0;
    type(container, '#root_rows_10_name', '甲');
    expect((latest.rows as { name: string }[])[10].name).toBe('对象10甲');
    // With rjsf's own template every row drew its buttons again (each of them asks at least once).
    expect(counted.btn).toBeGreaterThan(0);
    expect(counted.btn).toBeLessThan(3 * perRow * 2);
  });

  it('after typing in one row, the buttons of other rows act on the table as it is now', () => {
    const start = { title: '报告', rows: initial.rows.slice(0, 3) };
    const { container } = renderWithAntd(<Harness start={start} />);
    type(container, '#root_rows_2_name', '乙');
    const buttons = (row: number, title: string) =>
      rowOf(container, row).querySelector(`button[title="${title}"]`) as HTMLElement;
    // 删除 on the first row after the third was typed in: the typed text stays.
    act(() => {
      fireEvent.click(buttons(0, '删除'));
    });
    expect(latest.rows).toEqual([
      { name: '对象1', amount: '1' },
      { name: '对象2乙', amount: '2' },
    ]);
    // Typing in the (new) first row, then 上移 on the last: both edits are kept, in the new order.
    type(container, '#root_rows_0_amount', '0');
    act(() => {
      fireEvent.click(buttons(1, '上移'));
    });
    expect(latest.rows).toEqual([
      { name: '对象2乙', amount: '2' },
      { name: '对象1', amount: '10' },
    ]);
    expect((container.querySelector('#root_rows_0_name') as HTMLInputElement).value).toBe('对象2乙');
  });
});

describe('sameValue', () => {
  const f = () => 1;
  it('compares data by value and functions by identity', () => {
    expect(sameValue({ a: [1, { b: '甲' }], c: null }, { a: [1, { b: '甲' }], c: null })).toBe(true);
    expect(sameValue({ a: [1, { b: '甲' }] }, { a: [1, { b: '乙' }] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue({ on: f }, { on: f })).toBe(true);
    expect(sameValue({ on: f }, { on: () => 1 })).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
  });

  it('compares React elements by type, key and props; new instances of classes count as changed', () => {
    const el = (name: string, key?: string) => createElement('input', { key, value: name, onChange: f });
    expect(sameValue(el('甲'), el('甲'))).toBe(true);
    expect(sameValue(el('甲'), el('乙'))).toBe(false);
    expect(sameValue(el('甲', 'a'), el('甲', 'b'))).toBe(false);
    expect(sameValue(createElement('input'), createElement('textarea'))).toBe(false);
    expect(sameValue(new Date(0), new Date(0))).toBe(false);
    expect(sameValue(new Map(), new Map())).toBe(false);
  });

  it('gives up past its depth: a deeper value counts as changed', () => {
    const deep = (n: number): unknown => (n === 0 ? '底' : { next: deep(n - 1) });
    expect(sameValue(deep(5), deep(5))).toBe(true);
    expect(sameValue(deep(20), deep(20))).toBe(false);
  });
});
