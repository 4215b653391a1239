import type { Campaign } from '../../campaign-model';
import { coded, ValidationError } from '../../errors';
import type { Actor, FormVersion } from '../../model';
import type { Deps } from '../../ports';

/**
 * R-M1 (规程第二十条): a unit reports 绩效运行监控 on the tasks the 省财政厅 and 市财政局 issue in the
 * 预算管理一体化系统 (imported here as 填报任务 by 绩效评价服务股). A unit therefore starts a monitoring report
 * only for an object that has an open monitoring task of the form: the project of the approved target (its
 * 项目代码) for that year, or the department itself. The form's setting `taskRequired: false` lets units
 * start freely (e.g. a county that issues no tasks of its own).
 */

/** How many covering tasks a new report may be matched against (their board rows are read together). */
const ANSWER_CANDIDATES = 20;

const TASK_REQUIRED_MESSAGE =
  '绩效运行监控须按省、市下达的监控任务填报（规程第二十条）：本单位该对象本年度没有未截止的监控任务，请待绩效评价服务股导入监控任务后再填报';

/** Whether the form is a unit's monitoring report that needs a task (the bureau's setting may free it). */
export function needsMonitoringTask(form: Pick<FormVersion, 'family' | 'source' | 'logic'>): boolean {
  return form.family === 'monitoring' && !!form.source && form.logic?.settings?.taskRequired !== false;
}

/** Does an open task of the form cover this object (the target's project and year, or the department)? */
export function taskCovers(
  campaign: Campaign,
  formId: string,
  object: { fiscalYear?: unknown; projectCode?: unknown },
) {
  if (campaign.status !== 'open' || campaign.formId !== formId) return false;
  if (typeof object.fiscalYear === 'number' && campaign.year !== object.fiscalYear) return false;
  const code = campaign.monitoringTask?.projectCode;
  return !code || typeof object.projectCode !== 'string' || code === object.projectCode;
}

/** The open campaigns of the form addressed to the actor's unit (a few bounded pages, newest first). */
export async function openTasksOfUnit(deps: Deps, actor: Actor, formId: string): Promise<Campaign[]> {
  const out: Campaign[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 5; pages++) {
    const page = await deps.campaigns.list({ limit: 100, ...(cursor ? { cursor } : {}) }, { unitId: actor.unitId });
    out.push(...page.items.filter((c) => c.status === 'open' && c.formId === formId));
    cursor = page.cursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}

/**
 * The 填报任务 a new monitoring report answers, refusing (422 MONITORING_TASK_REQUIRED) one started with no task
 * covering it. A report that names its task (campaignId, checked by the caller) answers that one. Otherwise an open
 * task of the unit must cover the approved target it starts from (or, blank, any open task of the form), and the
 * report answers the first covering task (of the first 20) the unit has not answered yet, so it counts on that task's
 * board; when the unit has answered them all, it answers none (null), as a report of a form that needs no task.
 */
export async function assertMonitoringTask(
  deps: Deps,
  actor: Actor,
  form: FormVersion,
  input: { campaign: Campaign | null; sourceData: Record<string, unknown> | null },
): Promise<Campaign | null> {
  if (!needsMonitoringTask(form) || input.campaign) return input.campaign;
  const tasks = (await openTasksOfUnit(deps, actor, form.id)).filter((c) =>
    taskCovers(c, form.id, input.sourceData ?? {}),
  );
  if (tasks.length === 0)
    throw coded(
      new ValidationError(TASK_REQUIRED_MESSAGE, [
        { path: input.sourceData ? '/sourceSubmissionId' : '/campaignId', message: TASK_REQUIRED_MESSAGE },
      ]),
      'MONITORING_TASK_REQUIRED',
    );
  // The unit's rows of the first covering tasks, read together (a unit has one or a few per object).
  const candidates = tasks.slice(0, ANSWER_CANDIDATES);
  const rows = await Promise.all(candidates.map((task) => deps.campaigns.row(task.id, actor.unitId)));
  return candidates.find((_, i) => !rows[i]?.submissionId) ?? null;
}
