import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { loadVisibleSubmission } from '../support/access';
import { loadPinnedForm } from './pinned-form';
import { submissionTables } from './submission-tables';

/** One submission's tables (indicators, funds) as a workbook; 404 to anyone who may not see it. */
export async function exportSubmissionTables(deps: Deps, input: { actor: Actor; id: string }) {
  const sub = await loadVisibleSubmission(deps, input.actor, input.id);
  const form = await loadPinnedForm(deps, sub);
  const sheets = submissionTables(form.schema, sub.data);
  const bytes = await deps.workbooks.write(
    sheets.length
      ? sheets
      : [{ name: '说明', columns: [{ header: '说明', type: 'text' }], rows: [['该填报没有表格']] }],
  );
  return { filename: `${sub.title}.xlsx`, bytes };
}
