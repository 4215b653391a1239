/**
 * The 200-row indicator table stays responsive (performance goal: keystroke ≤ 50 ms): a keystroke renders
 * only the cell typed into, and the change handed on afterwards re-renders only the cells whose
 * value, label or error changed. antd's Input, InputNumber and Select are wrapped to count renders.
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { IndicatorRow } from '../../web/src/form/indicator-table';
import { TARGET_FIELDS, TableHarness } from './indicator-harness';
import { renderWithAntd } from './render';

const counts = vi.hoisted(() => ({ Input: 0, InputNumber: 0, Select: 0 }));

vi.mock('antd', async (importOriginal) => {
  const antd = await importOriginal<typeof import('antd')>();
  const counted = <T extends object>(name: keyof typeof counts, Component: T): T => {
    const Wrapped = (props: object) => {
      counts[name] += 1;
      return createElement(Component as never, props);
    };
    return Object.assign(Wrapped, Component);
  };
  return {
    ...antd,
    Input: counted('Input', antd.Input),
    InputNumber: counted('InputNumber', antd.InputNumber),
    Select: counted('Select', antd.Select),
  };
});

const FIELDS = new Set([...TARGET_FIELDS, 'content']);
const ROWS = 24;

function rows(): IndicatorRow[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    indicatorId: `T${i + 1}`,
    level1: 'output',
    level2: 'quantity',
    name: `养护里程${i + 1}`,
    operator: 'gte',
    targetValue: 100 + i,
    unit: '公里',
    content: '说明',
  }));
}

function reset() {
  counts.Input = 0;
  counts.InputNumber = 0;
  counts.Select = 0;
}

describe('IndicatorTable with many rows', () => {
  it('renders only the typed-into cell per keystroke, and only the changed row’s cells when the change is handed on', () => {
    const onRows = vi.fn();
    renderWithAntd(<TableHarness initial={rows} fields={FIELDS} virtualThreshold={1000} onRows={onRows} />);
    expect(screen.getAllByLabelText(/三级指标$/)).toHaveLength(ROWS);
    expect(counts.Input).toBeGreaterThanOrEqual(ROWS * 2);

    const input = screen.getByLabelText('第3行 三级指标');
    reset();
    fireEvent.change(input, { target: { value: '日常养护里程' } });
    // One cell: its Input (antd may render it twice in a commit; never once per row).
    expect(counts.Input).toBeLessThanOrEqual(2);
    expect(counts.Select).toBe(0);
    expect(counts.InputNumber).toBe(0);
    expect(onRows).not.toHaveBeenCalled();

    reset();
    fireEvent.blur(input);
    expect(onRows).toHaveBeenCalledTimes(1);
    expect(onRows.mock.calls[0][0][2].name).toBe('日常养护里程');
    // The whole table got new rows, yet no other row's cells rendered again (the one Select is the
    // table's own 指标体系 switch above the rows).
    expect(counts.Input).toBeLessThanOrEqual(2);
    expect(counts.Select).toBeLessThanOrEqual(1);
    expect(counts.InputNumber).toBe(0);
  });

  it('a typed number re-renders that cell only', () => {
    const onRows = vi.fn();
    renderWithAntd(<TableHarness initial={rows} fields={FIELDS} virtualThreshold={1000} onRows={onRows} />);
    const number = screen.getByLabelText('第5行 指标值');
    reset();
    fireEvent.change(number, { target: { value: '321' } });
    fireEvent.blur(number);
    expect(onRows.mock.calls.at(-1)?.[0][4].targetValue).toBe(321);
    expect(counts.InputNumber).toBeLessThanOrEqual(4);
    expect(counts.Input).toBe(0);
    expect(counts.Select).toBeLessThanOrEqual(1);
  });

  it('moving a row renumbers the labels of the rows that moved', () => {
    const onRows = vi.fn();
    renderWithAntd(<TableHarness initial={rows} fields={FIELDS} virtualThreshold={1000} onRows={onRows} />);
    act(() => {
      fireEvent.click(screen.getByLabelText('第1行 下移'));
    });
    expect((screen.getByLabelText('第1行 三级指标') as HTMLInputElement).value).toBe('养护里程2');
    expect((screen.getByLabelText('第2行 三级指标') as HTMLInputElement).value).toBe('养护里程1');
    expect((screen.getByLabelText('第3行 三级指标') as HTMLInputElement).value).toBe('养护里程3');
  });
});
