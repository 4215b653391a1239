import { ConflictError, coded, RateLimitedError, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { mailNotes } from '../notifications/mail';
import { activeUsersByUnit, notificationsForUnit } from '../notifications/notify-units';
import { assertCanIssue, loadCampaignFor } from '../support/campaign-rules';

const HOUR_MS = 3600_000;

export interface ReminderResult {
  reminded: number;
  unitIds: string[];
  /** Units left out, each with why (a unit reminded within the hour is skipped, never reminded twice). */
  skipped: { unitId: string; reason: 'recently_reminded'; message: string }[];
}

/**
 * 催报: remind the units that have not submitted (or the chosen ones) with a message, delivered to the
 * notification center of every user of each unit. At most one reminder per unit and campaign per hour:
 * such units are skipped with a reason; when every target was skipped the answer is 429.
 */
export async function remindCampaign(
  deps: Deps,
  input: { actor: Actor; id: string; unitIds?: string[]; message?: string },
): Promise<ReminderResult> {
  const { actor } = input;
  const { campaign, unit } = await loadCampaignFor(deps, actor, input.id);
  assertCanIssue(actor, unit, '催报');
  if (campaign.status !== 'open') throw coded(new ConflictError('该填报任务已关闭，不能催报'), 'CAMPAIGN_CLOSED');
  let targets: string[];
  if (input.unitIds) {
    const bad = input.unitIds.map((u, i) => ({ u, i })).filter(({ u }) => !campaign.unitIds.includes(u));
    if (bad.length) {
      throw coded(
        new ValidationError(
          '所选单位不在该填报任务中',
          bad.map(({ u, i }) => ({ path: `/unitIds/${i}`, message: `单位“${u}”不在该任务的下达范围内` })),
        ),
        'CAMPAIGN_UNIT_NOT_ADDRESSED',
      );
    }
    targets = [...new Set(input.unitIds)];
  } else {
    const board = await deps.campaigns.board(campaign.id);
    const submitted = new Set((board?.rows ?? []).filter((r) => r.submittedAt).map((r) => r.unitId));
    targets = campaign.unitIds.filter((u) => !submitted.has(u));
  }
  if (targets.length === 0) {
    throw coded(new ConflictError('所有单位均已提交，无需催报'), 'CAMPAIGN_NOTHING_TO_REMIND');
  }
  const now = deps.clock.now();
  const hourAgo = new Date(Date.parse(now) - HOUR_MS).toISOString();
  const users = await activeUsersByUnit(deps);
  const message = input.message?.trim() || `请于 ${campaign.dueDate} 前完成「${campaign.title}」的填报。`;
  const result: ReminderResult = { reminded: 0, unitIds: [], skipped: [] };
  for (const unitId of targets) {
    const notes = notificationsForUnit(deps, users.get(unitId) ?? [], {
      unitId,
      type: 'campaign_reminder',
      title: `催报：${campaign.title}`,
      message,
      at: now,
      link: `/campaigns/${campaign.id}`,
      fromUserId: actor.id,
    });
    if (await deps.campaigns.remind(campaign.id, unitId, now, { remindedBefore: hourAgo }, notes)) {
      await mailNotes(deps, users.get(unitId) ?? [], notes);
      result.reminded += 1;
      result.unitIds.push(unitId);
    } else {
      result.skipped.push({ unitId, reason: 'recently_reminded', message: '该单位一小时内已催报过，本次未重复发送' });
    }
  }
  if (result.reminded === 0) {
    const err = new RateLimitedError('所选单位一小时内均已催报过，请稍后再试', 3600);
    err.details.push(
      ...result.skipped.map((s) => ({ path: `/unitIds/${targets.indexOf(s.unitId)}`, message: s.message })),
    );
    throw coded(err, 'REMINDER_TOO_SOON');
  }
  return result;
}
