import { fireEvent, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { type BoardRow, countRows } from '../../web/src/campaigns/campaign-api';
import { CampaignBoard, filterRows, rowLink } from '../../web/src/campaigns/campaign-board';
import { renderWithAntd } from './render';

function row(unitId: string, unitName: string, status: BoardRow['status'], extra: Partial<BoardRow> = {}): BoardRow {
  return {
    unitId,
    unitName,
    status,
    submissionId: status === 'not_started' ? null : `sub-${unitId}`,
    submittedAt: ['in_review', 'returned', 'approved', 'rejected'].includes(status) ? '2026-03-20T02:00:00.000Z' : null,
    overdue: false,
    remindedAt: null,
    canOpen: status !== 'not_started' && status !== 'draft',
    ...extra,
  };
}

const ROWS: BoardRow[] = [
  row('jtj', '信丰县交通运输局', 'in_review', { submittedAt: '2026-03-28T02:00:00.000Z' }),
  row('jyj', '信丰县教育体育局', 'not_started', { overdue: true, remindedAt: '2026-04-01T01:00:00.000Z' }),
  row('zjj', '信丰县住房和城乡建设局', 'draft', { overdue: true }),
  row('wjw', '信丰县卫生健康委员会', 'approved', { submittedAt: '2026-03-10T02:00:00.000Z' }),
  row('nyj', '信丰县农业农村局', 'returned'),
  row('gaj', '信丰县公安局', 'not_started', { overdue: true }),
];

function renderBoard(props: Partial<Parameters<typeof CampaignBoard>[0]> = {}) {
  return renderWithAntd(
    <MemoryRouter>
      <CampaignBoard rows={ROWS} viewerUnitId="jxpj" {...props} />
    </MemoryRouter>,
  );
}

/** The unit names in the table body, in display order. */
function shownUnits(): string[] {
  return [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')].map(
    (tr) => (tr.querySelector('td:not(.ant-table-selection-column)') as HTMLElement).textContent ?? '',
  );
}

function header(title: string): HTMLElement {
  return [...document.querySelectorAll('th')].find((th) => th.textContent === title) as HTMLElement;
}

function countButton(status: string): HTMLElement {
  return document.querySelector(`.board-count[data-status="${status}"]`) as HTMLElement;
}

describe('campaign board', () => {
  it('counts every status and the overdue units at the top', () => {
    renderBoard();
    const value = (s: string) => within(countButton(s)).getByText(/^\d+$/).textContent;
    expect(value('not_started')).toBe('2');
    expect(value('draft')).toBe('1');
    expect(value('in_review')).toBe('1');
    expect(value('returned')).toBe('1');
    expect(value('approved')).toBe('1');
    expect(value('rejected')).toBe('0');
    expect(value('overdue')).toBe('3');
    expect(countRows(ROWS)).toEqual({
      notStarted: 2,
      draft: 1,
      inReview: 1,
      returned: 1,
      approved: 1,
      rejected: 0,
      overdue: 3,
    });
  });

  it('filters by a click on a status count, and a second click clears it', () => {
    renderBoard();
    expect(shownUnits()).toHaveLength(6);
    fireEvent.click(countButton('not_started'));
    expect(shownUnits().sort()).toEqual(['信丰县公安局', '信丰县教育体育局']);
    expect(countButton('not_started').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('board-shown').textContent).toContain('2 / 6');
    fireEvent.click(countButton('not_started'));
    expect(shownUnits()).toHaveLength(6);
  });

  it('filters to overdue units and by unit name together', () => {
    renderBoard();
    fireEvent.click(screen.getByText('只看逾期'));
    expect(shownUnits().sort()).toEqual(['信丰县住房和城乡建设局', '信丰县公安局', '信丰县教育体育局']);
    fireEvent.change(screen.getByPlaceholderText('单位名称'), { target: { value: '教育' } });
    expect(shownUnits()).toEqual(['信丰县教育体育局']);
    fireEvent.change(screen.getByPlaceholderText('单位名称'), { target: { value: '财政' } });
    expect(shownUnits()).toEqual([]);
    expect(screen.getByText('没有符合条件的单位')).toBeTruthy();
  });

  it('sorts by submitted time when the column header is clicked', () => {
    renderBoard();
    fireEvent.click(header('提交时间'));
    const order = shownUnits();
    // Ascending: units without a submission first, then the earliest submission.
    expect(order.slice(-3)).toEqual(['信丰县卫生健康委员会', '信丰县农业农村局', '信丰县交通运输局']);
    fireEvent.click(header('提交时间'));
    expect(shownUnits()[0]).toBe('信丰县交通运输局');
  });

  it('links to what the viewer may open: the review page once submitted, never a foreign draft', () => {
    renderBoard();
    const link = (name: string) => screen.getByText(name).closest('a')?.getAttribute('href') ?? null;
    expect(link('信丰县交通运输局')).toBe('/review/sub-jtj');
    expect(link('信丰县住房和城乡建设局')).toBeNull();
    expect(link('信丰县公安局')).toBeNull();
    expect(rowLink({ ...ROWS[2], canOpen: true }, 'zjj')).toBe('/submissions/sub-zjj');
  });

  it('lets the bureau choose rows for a reminder', () => {
    const onSelect = vi.fn();
    renderBoard({ selectable: true, selected: [], onSelect });
    const jyj = screen.getByText('信丰县教育体育局').closest('tr') as HTMLElement;
    fireEvent.click(within(jyj).getByRole('checkbox'));
    expect(onSelect).toHaveBeenCalledWith(['jyj']);
  });

  it('keeps filters pure: status, overdue and name combine', () => {
    expect(filterRows(ROWS, { status: 'not_started', overdueOnly: true, search: '公安' }).map((r) => r.unitId)).toEqual(
      ['gaj'],
    );
    expect(filterRows(ROWS, { overdueOnly: false, search: '  ' })).toHaveLength(6);
  });
});
