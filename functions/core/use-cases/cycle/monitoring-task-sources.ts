import { coded, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { listSubmissions } from '../submissions/list-submissions';
import { publishedForm } from '../support/published-form';
import { needsMonitoringTask, openTasksOfUnit, taskCovers } from './monitoring-task-gate';

export interface MonitoringSourceItem {
  id: string;
  title: string;
  fiscalYear: number | null;
  /** The open 监控任务 covering this target (R-M1), or null: the report cannot be started yet. */
  task: { id: string; title: string; dueDate: string } | null;
}

/**
 * 「从已批准的绩效目标开始」 of a monitoring report: the unit's approved targets of the form's source forms, each
 * with the open 监控任务 that covers it (R-M1, 第二十条). `taskRequired` false (the bureau's setting) lets every
 * target start. 404 for an unknown form; 422 SOURCE_NOT_SUPPORTED for a form that starts from no target.
 */
export async function monitoringTaskSources(deps: Deps, input: { actor: Actor; formId: string }) {
  const { actor } = input;
  const form = await publishedForm(deps, input.formId);
  if (!form.source)
    throw coded(
      new ValidationError('该表单不能从已批准的绩效目标开始', [
        { path: '/formId', message: '该表单没有可关联的绩效目标' },
      ]),
      'SOURCE_NOT_SUPPORTED',
    );
  const taskRequired = needsMonitoringTask(form);
  const tasks = taskRequired ? await openTasksOfUnit(deps, actor, form.id) : [];
  const items: MonitoringSourceItem[] = [];
  for (const formId of form.source.forms) {
    const page = await listSubmissions(deps, { actor, page: { limit: 100 }, formId, status: 'approved' });
    for (const sub of page.items) {
      if (sub.unitId !== actor.unitId) continue;
      const task = tasks.find((c) => taskCovers(c, form.id, sub.data));
      const year = sub.data.fiscalYear;
      items.push({
        id: sub.id,
        title: sub.title,
        fiscalYear: typeof year === 'number' ? year : null,
        task: task ? { id: task.id, title: task.title, dueDate: task.dueDate } : null,
      });
    }
  }
  return { taskRequired, items };
}
