import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { hasPendingEdits } from '../../web/src/form/buffered-edit';
import type { IndicatorRow } from '../../web/src/form/indicator-table';
import { TableHarness } from './indicator-harness';
import { renderWithAntd } from './render';

/**
 * 「添加指标」 pressed while a cell still holds typed text: the press keeps the focus in the cell (its blur
 * would hand the text on and drop the cell's error line under the pointer, so the release misses the
 * button), and the click hands the text on and then adds exactly one row after it.
 */
describe('添加指标 while a cell is being typed into', () => {
  it('keeps the focus on press, then hands the text on and adds one row', () => {
    const onRows = vi.fn();
    const first: IndicatorRow = { indicatorId: 'T1', level1: 'output', level2: 'quantity', operator: 'gte' };
    renderWithAntd(<TableHarness initial={[first]} onRows={onRows} errors={{ 0: { name: ['必填'] } }} />);
    const name = screen.getByLabelText('第1行 三级指标') as HTMLInputElement;
    act(() => {
      name.focus();
      fireEvent.change(name, { target: { value: '养护里程' } });
    });
    expect(hasPendingEdits()).toBe(true);
    const button = screen.getByRole('button', { name: /添加指标/ });
    // The press is not allowed to move the focus (fireEvent returns false when the default is prevented).
    let pressed = true;
    act(() => {
      pressed = fireEvent.mouseDown(button);
    });
    expect(pressed).toBe(false);
    expect(onRows).not.toHaveBeenCalled();
    act(() => {
      fireEvent.click(button);
    });
    expect(hasPendingEdits()).toBe(false);
    const rows = onRows.mock.calls[onRows.mock.calls.length - 1][0] as IndicatorRow[];
    expect(rows).toHaveLength(2);
    expect(rows[0].name).toBe('养护里程');
    expect(rows[1]).toMatchObject({ level1: 'output', level2: 'quantity' });
    expect(screen.getAllByLabelText(/^第\d+行 三级指标$/)).toHaveLength(2);
  });
});
