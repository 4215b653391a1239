import type { Deps } from '../../ports';
import { mailNotes } from '../notifications/mail';
import { activeUsersByUnit, notificationsForUnit } from '../notifications/notify-units';
import { todayInShanghai } from '../support/campaign-rules';

/** Campaigns whose deadline is this many working days away (or nearer) get daily reminders. */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * The daily campaign part of the deadline sweep: every open campaign due within 3 working days, or
 * already overdue, reminds each unit that has not submitted, once per unit per day (the row's
 * `sweptOn` day is the guard, written in the same transaction as the notifications).
 */
export async function sweepCampaigns(deps: Deps, now: string): Promise<number> {
  await deps.calendar.refresh?.();
  const soon = todayInShanghai(deps.calendar.dueAt(now, DUE_SOON_WORKING_DAYS).dueAt);
  const today = todayInShanghai(now);
  const due = (await deps.campaigns.listOpen()).filter((c) => c.dueDate <= soon);
  if (due.length === 0) return 0;
  const users = await activeUsersByUnit(deps);
  let reminded = 0;
  for (const campaign of due) {
    const board = await deps.campaigns.board(campaign.id);
    const submitted = new Set((board?.rows ?? []).filter((r) => r.submittedAt).map((r) => r.unitId));
    const overdue = now > campaign.dueAt;
    for (const unitId of campaign.unitIds.filter((u) => !submitted.has(u))) {
      const notes = notificationsForUnit(deps, users.get(unitId) ?? [], {
        unitId,
        type: 'campaign_deadline',
        title: overdue ? `已逾期：${campaign.title}` : `即将截止：${campaign.title}`,
        message: overdue
          ? `「${campaign.title}」已于 ${campaign.dueDate} 截止，本单位尚未提交，请尽快填报。`
          : `「${campaign.title}」将于 ${campaign.dueDate} 截止，本单位尚未提交。`,
        at: now,
        link: `/campaigns/${campaign.id}`,
        fromUserId: null,
      });
      if (await deps.campaigns.remind(campaign.id, unitId, now, { sweptNotOn: today }, notes)) {
        reminded += 1;
        await mailNotes(deps, users.get(unitId) ?? [], notes);
      }
    }
  }
  return reminded;
}
