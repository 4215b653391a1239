import type { Task } from '../../model';
import type { Deps } from '../../ports';
import { sweepCampaigns } from '../campaigns/sweep-campaigns';
import { lapseOverdueStep, lapsesOnDeadline } from '../cycle/lapse-unit-comments';
import { sweepMail } from '../notifications/mail';
import { mailOverdueTasks } from '../notifications/mail-tasks';
import { activeUsersByUnit, notificationsForUnit } from '../notifications/notify-units';

/**
 * Daily deadline sweep (scheduled): every open task past its due date is marked overdue and a 催办
 * reminder is recorded on it once; every open campaign due within 3 working days or overdue reminds
 * its units that have not submitted, once per unit per day. Queries only (each unit's inbox
 * partition, the sparse index of open campaigns, each due campaign's partition); never scans.
 * An overdue 交换意见 (R-E8) is answered 无异议 by the system instead of reminded.
 * Overdue tasks are also emailed; then queued mail is retried and each user's daily digest goes out.
 */
export async function sweepDeadlines(deps: Deps): Promise<{
  reminded: number;
  lapsed: number;
  campaignReminders: number;
  mail: Awaited<ReturnType<typeof sweepMail>>;
}> {
  const now = deps.clock.now();
  let reminded = 0;
  let lapsed = 0;
  let users: Map<string, import('../../model').User[]> | undefined;
  const overdue: Task[] = [];
  for (const unit of await deps.org.listUnits()) {
    for (const task of await deps.tasks.openDueBefore(unit.id, now)) {
      // 交换意见 not given in time (R-E8): the system answers 无异议 and the chain moves on; no 催办.
      if (lapsesOnDeadline(task) && (await lapseOverdueStep(deps, task, now))) {
        lapsed += 1;
        continue;
      }
      await deps.tasks.markReminded(task, now);
      overdue.push(task);
      reminded += 1;
      // 整改 feedback past its 15 working days (第二十九条): the unit hears it in the notification center.
      if (task.stepId === 'unitFeedback') {
        users ??= await activeUsersByUnit(deps);
        await deps.notifications.deliver(
          notificationsForUnit(deps, users.get(task.assigneeUnitId) ?? [], {
            unitId: task.assigneeUnitId,
            type: 'rectification_overdue',
            title: '结果应用反馈已逾期',
            message: `「${task.title}」的结果应用函要求在15个工作日内反馈并报送整改报告，现已逾期，请尽快办理。`,
            at: now,
            link: `/submissions/${encodeURIComponent(task.submissionId)}/letter`,
            fromUserId: null,
          }),
        );
      }
    }
  }
  await mailOverdueTasks(deps, overdue, now);
  const campaignReminders = await sweepCampaigns(deps, now);
  const mail = await sweepMail(deps);
  deps.logger.info('deadline sweep done', { reminded, lapsed, campaignReminders, mail });
  return { reminded, lapsed, campaignReminders, mail };
}
