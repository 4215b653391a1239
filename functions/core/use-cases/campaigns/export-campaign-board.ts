import type { BoardStatus } from '../../campaign-model';
import type { Actor } from '../../model';
import type { Deps, SheetData } from '../../ports';
import { getCampaignBoard } from './get-campaign';

export const STATUS_LABELS: Record<BoardStatus, string> = {
  not_started: '未开始',
  draft: '草稿',
  in_review: '审核中',
  returned: '退回待修改',
  approved: '已通过',
  rejected: '不予通过',
};

/** The board as a workbook, one row per unit — exactly the rows the caller sees on the board. */
export async function exportCampaignBoard(deps: Deps, input: { actor: Actor; id: string }) {
  const board = await getCampaignBoard(deps, input);
  const c = board.campaign;
  const sheet: SheetData = {
    name: c.title,
    columns: [
      { header: '单位', type: 'text', width: 30 },
      { header: '状态', type: 'text', width: 14 },
      { header: '提交时间', type: 'datetime', width: 18 },
      { header: '是否逾期', type: 'text', width: 10 },
      { header: '最近催报', type: 'datetime', width: 18 },
      { header: '截止日期', type: 'date', width: 12 },
      { header: '填报编号', type: 'text', width: 38 },
    ],
    rows: board.units.map((u) => [
      u.unitName,
      STATUS_LABELS[u.status],
      u.submittedAt,
      u.overdue ? '是' : '否',
      u.remindedAt,
      c.dueDate,
      u.submissionId,
    ]),
  };
  return { filename: `${c.title}-完成情况.xlsx`, bytes: await deps.workbooks.write([sheet]) };
}
