import type { Actor, Submission } from '../../model';
import type { Deps, SheetData } from '../../ports';
import { STATUS_LABELS } from '../campaigns/export-campaign-board';
import { listSubmissions, type SubmissionQuery } from './list-submissions';

/** At most this many rows per export (20 pages of 100): a county's yearly volume fits. */
const MAX_PAGES = 20;

/** The submission list the caller may see (same filters and visibility as GET /api/submissions) as a workbook. */
export async function exportSubmissions(deps: Deps, input: { actor: Actor } & SubmissionQuery) {
  const items: Submission[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await listSubmissions(deps, { ...input, page: { cursor, limit: 100 }, summaryOnly: true });
    items.push(...page.items);
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  const [units, heads] = await Promise.all([deps.org.listUnits(), deps.forms.listHeads()]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const formTitle = new Map(heads.map((f) => [f.id, f.title]));
  const sheet: SheetData = {
    name: '填报列表',
    columns: [
      { header: '标题', type: 'text', width: 40 },
      { header: '表单', type: 'text', width: 24 },
      { header: '填报单位', type: 'text', width: 24 },
      { header: '状态', type: 'text', width: 12 },
      { header: '创建时间', type: 'datetime', width: 18 },
      { header: '提交时间', type: 'datetime', width: 18 },
      { header: '更新时间', type: 'datetime', width: 18 },
      { header: '填报编号', type: 'text', width: 38 },
    ],
    rows: items.map((s) => [
      s.title,
      formTitle.get(s.formId) ?? s.formId,
      unitName.get(s.unitId) ?? s.unitId,
      STATUS_LABELS[s.status],
      s.createdAt,
      s.submittedAt ?? null,
      s.updatedAt,
      s.id,
    ]),
  };
  return { filename: '填报列表.xlsx', bytes: await deps.workbooks.write([sheet]) };
}
