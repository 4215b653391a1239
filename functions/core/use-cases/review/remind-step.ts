import { ConflictError, coded, ForbiddenError, RateLimitedError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { openAssignments } from '../../workflow/engine';
import { activeUsersByUnit, notificationsForUnit } from '../notifications/notify-units';
import { loadChain } from '../submissions/submit-submission';
import { loadVisibleSubmission } from '../support/access';
import { canIssue } from '../support/campaign-rules';

const HOUR_MS = 3600_000;

export interface StepReminderResult {
  stepId: string;
  unitIds: string[];
  remindedAt: string;
}

/**
 * 催办: the submitting unit, or the sections that run the bureau's 填报任务 (绩效评价服务股, 预算股, admins), remind
 * the units holding the open step, through the notification center. At most once an hour per step and round
 * (the guard item and the notifications are one transaction): else 429 with Retry-After. A unit that cannot
 * see the submission gets 404; one that sees it but is neither gets 403.
 */
export async function remindStep(
  deps: Deps,
  input: { actor: Actor; id: string; message?: string },
): Promise<StepReminderResult> {
  const { actor } = input;
  const sub = await loadVisibleSubmission(deps, actor, input.id);
  const unit = await deps.org.getUnit(actor.unitId);
  if (actor.unitId !== sub.unitId && !canIssue(actor, unit)) {
    throw coded(new ForbiddenError('只有填报单位或绩效评价服务股可以催办'), 'REMIND_NOT_ALLOWED');
  }
  const chain = await loadChain(deps, sub);
  const open = openAssignments(chain, sub.workflow);
  if (open.length === 0)
    throw coded(new ConflictError('该填报当前没有待办理的审核步骤，无需催办'), 'NOTHING_TO_REMIND');
  const step = open[0].step;
  const unitIds = open.map((o) => o.assignment.unitId);
  const now = deps.clock.now();
  const users = await activeUsersByUnit(deps);
  const message = input.message?.trim() || `「${sub.title}」在「${step.name}」环节等待您办理，请尽快处理。`;
  const notes = unitIds.flatMap((unitId) =>
    notificationsForUnit(deps, users.get(unitId) ?? [], {
      unitId,
      type: 'submission_reminder',
      title: `催办：${sub.title}`,
      message,
      at: now,
      link: `/review/${sub.id}`,
      fromUserId: actor.id,
    }),
  );
  const hourAgo = new Date(Date.parse(now) - HOUR_MS).toISOString();
  const r = await deps.verbs.remindStep(
    { submissionId: sub.id, round: sub.workflow.round, stepId: step.id },
    now,
    hourAgo,
    notes,
  );
  if (!r.ok) {
    const wait = Math.max(1, Math.ceil((Date.parse(r.lastAt) + HOUR_MS - Date.parse(now)) / 1000));
    throw coded(
      new RateLimitedError(`该环节一小时内已催办过，请约 ${Math.ceil(wait / 60)} 分钟后再试`, wait),
      'REMINDER_TOO_SOON',
    );
  }
  return { stepId: step.id, unitIds, remindedAt: now };
}
