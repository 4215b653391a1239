import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { commitPendingEdits, hasPendingEdits } from '../../web/src/form/buffered-edit';
import type { IndicatorRow, RowErrors } from '../../web/src/form/indicator-table';
import { TARGET_FIELDS, TableHarness } from './indicator-harness';
import { renderWithAntd } from './render';

function setup(initial: IndicatorRow[], extra: { errors?: RowErrors; fields?: Set<string> } = {}) {
  const onRows = vi.fn();
  renderWithAntd(<TableHarness initial={initial} onRows={onRows} {...extra} />);
  const last = () => onRows.mock.calls[onRows.mock.calls.length - 1][0] as IndicatorRow[];
  return { onRows, last };
}

let openLabel = '';

/** The dropdown that belongs to the Select with this aria-label (found through aria-controls). */
function dropdownOf(label: string): Element | null {
  const input = screen.getByLabelText(label);
  const listId = input.getAttribute('aria-controls') ?? input.getAttribute('aria-owns');
  const list = listId ? document.getElementById(listId) : null;
  return list?.closest('.ant-select-dropdown') ?? null;
}

/**
 * Opens an antd Select by its aria-label and returns the titles of the options shown; with `expected`, waits until
 * they are those (a list opened before a pick changed them can still be on screen for a moment on a loaded machine).
 */
async function openSelect(label: string, expected?: string[]): Promise<string[]> {
  const input = screen.getByLabelText(label);
  act(() => {
    fireEvent.mouseDown(input);
  });
  openLabel = label;
  // The list as shown once it is open: not the same popup still closing from an earlier pick (on a loaded machine
  // that one can be found first and removed a moment later).
  return waitFor(() => {
    const dropdown = dropdownOf(label);
    expect(dropdown).toBeTruthy();
    expect(dropdown?.className).not.toMatch(/ant-select-dropdown-hidden|-leave/);
    const titles = [...(dropdown as Element).querySelectorAll('.ant-select-item-option')].map(
      (o) => o.getAttribute('title') ?? o.textContent ?? '',
    );
    expect(titles.length).toBeGreaterThan(0);
    if (expected) expect(titles).toEqual(expected);
    return titles;
  });
}

function pickOption(title: string) {
  const dropdown = dropdownOf(openLabel) as Element;
  const option = [...dropdown.querySelectorAll('.ant-select-item-option')].find(
    (o) => o.getAttribute('title') === title,
  );
  if (!option) throw new Error(`option ${title} not found`);
  act(() => {
    fireEvent.click(option);
  });
}

const rowA: IndicatorRow = {
  indicatorId: 'T1',
  level1: 'output',
  level2: 'quantity',
  name: '养护里程',
  operator: 'gte',
  targetValue: 1850,
  unit: '公里',
};
const rowB: IndicatorRow = {
  indicatorId: 'T2',
  level1: 'benefit',
  level2: 'social',
  name: '群众出行条件',
  operator: 'qual',
  targetText: '明显改善',
};

describe('IndicatorTable', () => {
  it('adds a row with a fresh indicator id and the previous row’s levels', () => {
    const { last } = setup([rowA]);
    fireEvent.click(screen.getByText('添加指标'));
    const rows = last();
    expect(rows).toHaveLength(2);
    expect(rows[1].indicatorId).toMatch(/^I/);
    expect(rows[1]).toMatchObject({ level1: 'output', level2: 'quantity' });
    expect(screen.getByLabelText('第2行 三级指标')).toBeTruthy();
  });

  it('removes a row after confirmation and moves rows up and down', async () => {
    const { last } = setup([rowA, rowB, { ...rowA, indicatorId: 'T3', name: '第三行' }]);
    fireEvent.click(screen.getByLabelText('第1行 下移'));
    expect(last().map((r) => r.indicatorId)).toEqual(['T2', 'T1', 'T3']);
    fireEvent.click(screen.getByLabelText('第3行 上移'));
    expect(last().map((r) => r.indicatorId)).toEqual(['T2', 'T3', 'T1']);
    fireEvent.click(screen.getByLabelText('第1行 删除'));
    // Nothing is removed until the confirmation is accepted.
    expect(last().map((r) => r.indicatorId)).toEqual(['T2', 'T3', 'T1']);
    await waitFor(() => expect(screen.getByText('删除第1行指标？')).toBeTruthy());
    const confirm = screen.getByText('删除第1行指标？').closest('.ant-popover') as HTMLElement;
    fireEvent.click(within(confirm).getByRole('button', { name: '删除' }));
    expect(last().map((r) => r.indicatorId)).toEqual(['T3', 'T1']);
    expect((screen.getByLabelText('第1行 上移') as HTMLButtonElement).disabled).toBe(true);
  });

  it('edits the 三级指标 name as typed: shown at once, handed on after a short pause', async () => {
    const { onRows, last } = setup([rowA]);
    const input = screen.getByLabelText('第1行 三级指标') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '日常养护里程' } });
    expect(input.value).toBe('日常养护里程');
    expect(onRows).not.toHaveBeenCalled();
    await waitFor(() => expect(last()[0].name).toBe('日常养护里程'), { timeout: 1000 });
    expect(onRows).toHaveBeenCalledTimes(1);
  });

  it('hands typed text on at once on blur', () => {
    const { last } = setup([rowA]);
    const input = screen.getByLabelText('第1行 三级指标');
    fireEvent.change(input, { target: { value: '日常养护' } });
    fireEvent.blur(input);
    expect(last()[0].name).toBe('日常养护');
  });

  it('hands every pending edit on with commitPendingEdits (before save or submit)', () => {
    const { last } = setup([rowA, rowB]);
    fireEvent.change(screen.getByLabelText('第1行 三级指标'), { target: { value: '里程A' } });
    fireEvent.change(screen.getByLabelText('第2行 定性指标值'), { target: { value: '显著改善' } });
    expect(hasPendingEdits()).toBe(true);
    act(() => commitPendingEdits());
    expect(hasPendingEdits()).toBe(false);
    expect(last()[0].name).toBe('里程A');
    expect(last()[1].targetText).toBe('显著改善');
  });

  it('keeps handing on while typing goes on (at most every few hundred ms)', async () => {
    vi.useFakeTimers();
    try {
      const { onRows, last } = setup([rowA]);
      const input = screen.getByLabelText('第1行 三级指标');
      for (let i = 1; i <= 10; i++) {
        fireEvent.change(input, { target: { value: `养护${i}` } });
        act(() => {
          vi.advanceTimersByTime(50);
        });
      }
      // 500 ms of typing every 50 ms: the debounce alone would wait for a pause; the max wait does not.
      expect(onRows).toHaveBeenCalled();
      act(() => {
        vi.advanceTimersByTime(300);
      });
      expect(last()[0].name).toBe('养护10');
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers level-2 indicators that belong to the chosen level-1 and clears a mismatch', async () => {
    const { last } = setup([rowA]);
    await openSelect('第1行 二级指标', ['数量指标', '质量指标', '时效指标', '成本指标']);

    await openSelect('第1行 一级指标', ['产出指标', '效益指标', '满意度指标']);
    pickOption('效益指标');
    expect(last()[0]).toMatchObject({ level1: 'benefit' });
    expect(last()[0].level2).toBeUndefined();

    await openSelect('第1行 二级指标', ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']);
    pickOption('社会效益指标');
    expect(last()[0]).toMatchObject({ level1: 'benefit', level2: 'social' });
  });

  it('picks the only level-2 of 满意度指标 by itself', async () => {
    const { last } = setup([rowA]);
    await openSelect('第1行 一级指标');
    pickOption('满意度指标');
    expect(last()[0]).toMatchObject({ level1: 'satisfaction', level2: 'serviceRecipient' });
  });

  it('switches between 指标值 and 定性指标值 with the operator', async () => {
    const { last } = setup([rowA]);
    expect(screen.getByLabelText('第1行 指标值')).toBeTruthy();
    expect(screen.queryByLabelText('第1行 定性指标值')).toBeNull();

    await openSelect('第1行 计算符号');
    pickOption('定性');
    expect(last()[0]).toMatchObject({ operator: 'qual' });
    expect(last()[0].targetValue).toBeUndefined();
    expect(last()[0].unit).toBeUndefined();
    expect(screen.getByLabelText('第1行 定性指标值')).toBeTruthy();
    expect(screen.queryByLabelText('第1行 指标值')).toBeNull();

    const qual = screen.getByLabelText('第1行 定性指标值');
    fireEvent.change(qual, { target: { value: '明显改善' } });
    fireEvent.blur(qual);
    expect(last()[0].targetText).toBe('明显改善');
  });

  it('shows errors under their cells', () => {
    setup([rowA], { errors: { 0: { name: ['不应少于 2 个字符'] } } });
    expect(screen.getByText('不应少于 2 个字符')).toBeTruthy();
  });

  it('shows self-evaluation columns and treats the score of quantitative rows as computed', () => {
    const fields = new Set([
      ...TARGET_FIELDS,
      'actualValue',
      'qualitativeAchievement',
      'weight',
      'score',
      'deviationAnalysis',
    ]);
    setup(
      [
        { ...rowA, actualValue: 1800, weight: 20, score: 19.46 },
        { ...rowB, weight: 10 },
      ],
      { fields },
    );
    expect(screen.getByLabelText('第1行 实际完成值')).toBeTruthy();
    expect(screen.getByLabelText('第2行 完成情况')).toBeTruthy();
    expect(screen.getByTitle('自动计算').textContent).toBe('19.46');
    expect((screen.getByLabelText('第2行 得分') as HTMLInputElement).tagName).toBe('INPUT');
  });

  it('renders 200 rows without rendering 200 rows of inputs', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ ...rowA, indicatorId: `R${i}`, name: `指标${i}` }));
    setup(rows);
    expect(screen.getByText('共 200 行')).toBeTruthy();
    // The virtual table loads on first use: wait for its first row before counting.
    await screen.findByLabelText('第1行 三级指标', undefined, { timeout: 10_000 });
    expect(document.querySelectorAll('input[aria-label$="三级指标"]').length).toBeLessThan(200);
  });

  it('an ordinary table is a plain <table> with a column header per field and one row per indicator', () => {
    setup([rowA, rowB]);
    const table = screen.getByRole('table');
    expect(table.classList.contains('indicator-grid')).toBe(true);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toContain('三级指标');
    expect(table.querySelectorAll('tbody tr.indicator-row').length).toBe(2);
    expect(document.querySelector('.ant-table')).toBeNull();
  });
});
