import { readFileSync } from 'node:fs';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetIndicatorLibrary } from '../../web/src/form/indicator-picker';
import type { IndicatorRow } from '../../web/src/form/indicator-table';
import { TableHarness } from './indicator-harness';
import { renderWithAntd } from './render';

/** Issue "A clerk's day" item 5: the 指标库 in the 三级指标 cell while filling. */
const library = JSON.parse(readFileSync('forms/indicators/library.json', 'utf8')).indicators as {
  id: string;
  name: string;
  level1: string;
  level2: string;
  unit: string;
  operator: string;
}[];
const byName = (name: string) => library.find((i) => i.name === name) as (typeof library)[number];

let requests: string[] = [];
beforeEach(() => {
  requests = [];
  resetIndicatorLibrary();
  // The page's GET /api/indicators, answered with the seeded library (the API itself is tested in test/api).
  vi.stubGlobal('fetch', async (url: string) => {
    requests.push(url);
    return new Response(JSON.stringify({ items: library, cursor: null }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup(initial: IndicatorRow[]) {
  const onRows = vi.fn();
  renderWithAntd(<TableHarness initial={initial} onRows={onRows} />);
  const last = () => onRows.mock.calls[onRows.mock.calls.length - 1][0] as IndicatorRow[];
  return { onRows, last };
}

async function openPicker(row: number) {
  fireEvent.click(screen.getByLabelText(`第${row}行 从指标库选择`));
  const dialog = await screen.findByRole('dialog');
  await waitFor(() => expect(within(dialog).queryAllByRole('button', { name: /^选用 / }).length).toBeGreaterThan(0));
  return dialog;
}

const offered = (dialog: HTMLElement) =>
  within(dialog)
    .queryAllByRole('button', { name: /^选用 / })
    .map((b) => (b.getAttribute('aria-label') ?? '').replace(/^选用 /, ''));

describe('指标库 picker in the 三级指标 cell', () => {
  it("starts from the row's 一级/二级指标 and searches by name", async () => {
    setup([{ indicatorId: 'R1', level1: 'output', level2: 'quality' }]);
    const dialog = await openPicker(1);
    const quality = library.filter((i) => i.level1 === 'output' && i.level2 === 'quality').map((i) => i.name);
    expect(quality.length).toBeGreaterThan(1);
    expect(offered(dialog).sort()).toEqual(quality.sort());
    expect(requests).toEqual(['/api/indicators']);
    fireEvent.change(within(dialog).getByLabelText('按名称搜索指标'), { target: { value: '隐患' } });
    await waitFor(() => expect(offered(dialog)).toEqual(['隐患路段处置率']));
    fireEvent.change(within(dialog).getByLabelText('按名称搜索指标'), { target: { value: '满意度' } });
    await waitFor(() => expect(offered(dialog)).toEqual([]));
    expect(within(dialog).getByText('指标库中没有符合条件的指标，可直接在表格中填写')).toBeTruthy();
  });

  it('searches the whole library from a row without levels', async () => {
    setup([{ indicatorId: 'R1' }]);
    const dialog = await openPicker(1);
    fireEvent.change(within(dialog).getByLabelText('按名称搜索指标'), { target: { value: '满意度' } });
    await waitFor(() =>
      expect(offered(dialog).sort()).toEqual(
        library
          .filter((i) => i.name.includes('满意度'))
          .map((i) => i.name)
          .sort(),
      ),
    );
  });

  it('filters by 一级 then 二级指标', async () => {
    setup([{ indicatorId: 'R1' }]);
    const dialog = await openPicker(1);
    expect(offered(dialog).length).toBe(library.length);
    const pick = async (label: string, title: string) => {
      const input = within(dialog).getByLabelText(label);
      act(() => {
        fireEvent.mouseDown(input);
      });
      const optionOf = () => {
        const listId = input.getAttribute('aria-controls') ?? '';
        const popup = document.getElementById(listId)?.closest('.ant-select-dropdown');
        return [...(popup?.querySelectorAll('.ant-select-item-option') ?? [])].find(
          (o) => o.getAttribute('title') === title,
        );
      };
      await waitFor(() => expect(optionOf()).toBeTruthy());
      act(() => {
        fireEvent.click(optionOf() as Element);
      });
    };
    await pick('一级指标筛选', '效益指标');
    await waitFor(() =>
      expect(offered(dialog).sort()).toEqual(
        library
          .filter((i) => i.level1 === 'benefit')
          .map((i) => i.name)
          .sort(),
      ),
    );
    await pick('二级指标筛选', '社会效益指标');
    await waitFor(() =>
      expect(offered(dialog).sort()).toEqual(
        library
          .filter((i) => i.level1 === 'benefit' && i.level2 === 'social')
          .map((i) => i.name)
          .sort(),
      ),
    );
  });

  it('fills name, 计量单位 and 计算符号 (and the levels) of the row, keeping what else was typed', async () => {
    const { last } = setup([{ indicatorId: 'R1', level1: 'output', level2: 'quantity', targetValue: 1850 }]);
    const dialog = await openPicker(1);
    const ind = byName('农村公路日常养护里程');
    fireEvent.click(within(dialog).getByRole('button', { name: `选用 ${ind.name}` }));
    expect(last()[0]).toEqual({
      indicatorId: 'R1',
      level1: ind.level1,
      level2: ind.level2,
      name: ind.name,
      operator: ind.operator,
      unit: ind.unit,
      targetValue: 1850,
    });
    await waitFor(() => expect((screen.getByLabelText('第1行 三级指标') as HTMLInputElement).value).toBe(ind.name));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('picks a 定性 indicator without a unit, and free text stays possible after a pick', async () => {
    const ind = byName('群众出行安全便捷程度');
    expect(ind.operator).toBe('qual');
    const { last } = setup([{ indicatorId: 'R1', level1: ind.level1, level2: ind.level2, unit: '%', targetValue: 90 }]);
    const dialog = await openPicker(1);
    fireEvent.click(within(dialog).getByRole('button', { name: `选用 ${ind.name}` }));
    expect(last()[0]).toEqual({
      indicatorId: 'R1',
      level1: ind.level1,
      level2: ind.level2,
      name: ind.name,
      operator: 'qual',
    });

    const input = screen.getByLabelText('第1行 三级指标') as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe(ind.name));
    fireEvent.change(input, { target: { value: '群众对公路出行条件的满意度（自拟）' } });
    fireEvent.blur(input);
    expect(last()[0].name).toBe('群众对公路出行条件的满意度（自拟）');
  });
});
