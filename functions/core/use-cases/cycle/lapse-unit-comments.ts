import type { Actor, Task } from '../../model';
import type { Deps } from '../../ports';
import { decide, openAssignments } from '../../workflow/engine';
import { mailNewTasks } from '../notifications/mail-tasks';
import { deliverStepNotices } from '../review/step-notices';
import { buildEngineContext, changeFromTransition } from '../review/transition';
import { loadChain } from '../submissions/submit-submission';

/**
 * Steps whose lapse counts as an answer (R-E8): the evaluated unit's 交换意见 that is not given within its
 * working days is taken as 无异议, so the evaluation is never stuck on a silent unit.
 */
const LAPSE_AS_ANSWER: Record<string, { fields: Record<string, unknown>; comment: string }> = {
  unitComments: { fields: { opinion: 'accept' }, comment: '逾期未反馈，视为无异议' },
};

export function lapsesOnDeadline(task: Task): boolean {
  return task.stepId in LAPSE_AS_ANSWER;
}

/**
 * Records the system's decision on an overdue step that lapses into an answer and moves the chain on.
 * Returns false when the task is stale (the step was answered, withdrawn or reopened in another round).
 * Idempotent: the decision closes the task, so a repeated sweep never finds it again; a racing answer by the
 * unit wins through the version condition of the commit.
 */
export async function lapseOverdueStep(deps: Deps, task: Task, now: string): Promise<boolean> {
  const lapse = LAPSE_AS_ANSWER[task.stepId];
  const before = await deps.submissions.get(task.submissionId);
  if (!lapse || !before || before.workflow.round !== task.round) return false;
  const chain = await loadChain(deps, before);
  const open = openAssignments(chain, before.workflow).some(
    ({ step, assignment }) =>
      step.id === task.stepId && assignment.unitId === task.assigneeUnitId && assignment.state === 'open',
  );
  if (!open) return false;
  const system: Actor = { id: 'system', username: 'system', name: '系统', unitId: task.assigneeUnitId, roles: [] };
  const ctx = await buildEngineContext(deps, before, chain, now, {
    stepId: task.stepId,
    summary: { action: 'approve', fields: lapse.fields, unitId: task.assigneeUnitId },
  });
  const transition = decide(
    chain,
    before.workflow,
    {
      stepId: task.stepId,
      action: 'approve',
      comment: lapse.comment,
      fields: lapse.fields,
      actorId: system.id,
      actorUnitId: task.assigneeUnitId,
    },
    ctx,
  );
  const { change } = changeFromTransition({ before, chain, transition, actor: system, now });
  await deps.submissions.commit(change);
  await deliverStepNotices(deps, change, system, now);
  await mailNewTasks(deps, change.openTasks);
  return true;
}
