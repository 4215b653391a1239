import type { NotificationType } from '../../campaign-model';
import { ConflictError, coded, ForbiddenError, ValidationError } from '../../errors';
import type { Actor, HistoryEvent, PaymentHold, Submission } from '../../model';
import type { Deps } from '../../ports';
import { countChange } from '../dashboard/status-counts';
import { activeUsersByUnit, notificationsForUnit } from '../notifications/notify-units';
import { loadPinnedForm } from '../submissions/pinned-form';
import { loadVisibleSubmission, requireRole } from '../support/access';

/**
 * The bureau's actions on 绩效运行监控 (规程第七、二十一、二十三、二十六条): a 纠偏通知 back to the unit on its
 * monitoring report, and the 国库股 payment hold on a project target. Each is one history event on the
 * submission (optimistic lock) and a notification to the unit's users.
 */

/** Units that may set or lift a payment hold when the organisation settings name none: 国库股, 绩效评价服务股. */
export const DEFAULT_PAYMENT_HOLD_UNITS = ['gkg', 'jxpj'];
/** Units besides the managing 业务股室 that may send a 纠偏通知: 绩效评价服务股 (第二十三条 通报). */
export const DEFAULT_CORRECTION_UNITS = ['jxpj'];

async function familyOf(deps: Deps, sub: Submission): Promise<string | undefined> {
  return (await loadPinnedForm(deps, sub)).family;
}

function requireText(value: string, path: string, what: string): string {
  const text = value.trim();
  if (!text) throw new ValidationError(`请填写${what}`, [{ path, message: `请填写${what}` }]);
  return text;
}

/** Writes one event on the submission (and the changed record), then tells the unit's users. */
async function record(
  deps: Deps,
  actor: Actor,
  before: Submission,
  after: Partial<Submission>,
  event: Pick<HistoryEvent, 'type' | 'comment' | 'fields'>,
  note: { type: NotificationType; title: string; message: string },
): Promise<{ submission: Submission; event: HistoryEvent }> {
  const now = deps.clock.now();
  const submission: Submission = {
    ...before,
    ...after,
    version: before.version + 1,
    historyCount: before.historyCount + 1,
    updatedAt: now,
  };
  const full: HistoryEvent = {
    ...event,
    seq: submission.historyCount,
    at: now,
    actor: { id: actor.id, name: actor.name, unitId: actor.unitId },
    formVersion: before.formVersion,
    status: before.status,
  };
  await deps.submissions.commit({
    submission,
    expectedVersion: before.version,
    events: [full],
    openTasks: [],
    closeTasks: [],
    notifyTasks: [],
    grants: [],
    counts: countChange(before, submission),
  });
  const users = await activeUsersByUnit(deps);
  await deps.notifications.deliver(
    notificationsForUnit(deps, users.get(before.unitId) ?? [], {
      unitId: before.unitId,
      ...note,
      at: now,
      link: `/submissions/${encodeURIComponent(before.id)}`,
      fromUserId: actor.id,
    }),
  );
  return { submission, event: full };
}

/**
 * 纠偏通知 (第二十一、二十三条): the managing 业务股室 or 绩效评价服务股 tells the unit what to correct on a
 * submitted monitoring report.
 */
export async function sendCorrectionNotice(
  deps: Deps,
  input: { actor: Actor; id: string; message: string; dueDate?: string },
) {
  const { actor } = input;
  requireRole(actor, 'reviewer');
  const sub = await loadVisibleSubmission(deps, actor, input.id);
  if ((await familyOf(deps, sub)) !== 'monitoring') {
    throw coded(
      new ValidationError('纠偏通知只能针对绩效运行监控表', [{ path: '/id', message: '该填报不是绩效运行监控表' }]),
      'NOT_MONITORING',
    );
  }
  const settings = await deps.org.getSettings();
  const allowed = [sub.managingUnitId, ...(settings.correctionNoticeUnits ?? DEFAULT_CORRECTION_UNITS)];
  if (!allowed.includes(actor.unitId)) {
    throw new ForbiddenError('只有归口业务股室或绩效评价服务股可以发出纠偏通知');
  }
  if (!sub.everSubmitted || sub.status === 'draft') throw new ConflictError('监控表尚未报送，不能发出纠偏通知');
  const message = requireText(input.message, '/message', '纠偏要求');
  return record(
    deps,
    actor,
    sub,
    {},
    {
      type: 'correction_notice',
      comment: message,
      ...(input.dueDate ? { fields: { dueDate: input.dueDate } } : {}),
    },
    {
      type: 'correction_notice',
      title: `纠偏通知：${sub.title}`,
      message: input.dueDate ? `${message}（请于${input.dueDate}前完成纠偏并反馈）` : message,
    },
  );
}

/**
 * 国库股 payment hold (第七条、第二十六条) on an approved project target: set with a reason (暂缓或停止拨付),
 * lifted with a reason; both kept in the history, the current state on the target for every screen.
 */
export async function setPaymentHold(
  deps: Deps,
  input: { actor: Actor; id: string; active: boolean; reason: string; basisSubmissionId?: string },
) {
  const { actor } = input;
  requireRole(actor, 'reviewer');
  const settings = await deps.org.getSettings();
  if (!(settings.paymentHoldUnits ?? DEFAULT_PAYMENT_HOLD_UNITS).includes(actor.unitId)) {
    throw new ForbiddenError('只有国库股或绩效评价服务股可以设置或解除暂停拨付');
  }
  const sub = await loadVisibleSubmission(deps, actor, input.id);
  if ((await familyOf(deps, sub)) !== 'target') {
    throw coded(
      new ValidationError('暂停拨付只能设置在绩效目标上', [{ path: '/id', message: '该填报不是绩效目标申报表' }]),
      'NOT_TARGET',
    );
  }
  if (sub.status !== 'approved') {
    throw coded(
      new ValidationError('绩效目标尚未批复，不涉及拨付', [{ path: '/id', message: '只能对已批复的绩效目标暂停拨付' }]),
      'TARGET_NOT_APPROVED',
    );
  }
  if (Boolean(sub.paymentHold?.active) === input.active) {
    throw coded(
      new ConflictError(input.active ? '该项目已暂停拨付' : '该项目未暂停拨付'),
      input.active ? 'PAYMENT_HOLD_ACTIVE' : 'PAYMENT_HOLD_NOT_ACTIVE',
    );
  }
  const reason = requireText(input.reason, '/reason', input.active ? '暂停拨付的原因' : '解除暂停拨付的原因');
  if (input.basisSubmissionId) await loadVisibleSubmission(deps, actor, input.basisSubmissionId);
  const hold: PaymentHold = {
    active: input.active,
    reason,
    at: deps.clock.now(),
    by: { id: actor.id, name: actor.name, unitId: actor.unitId },
    ...(input.basisSubmissionId ? { basisSubmissionId: input.basisSubmissionId } : {}),
  };
  return record(
    deps,
    actor,
    sub,
    { paymentHold: hold },
    {
      type: input.active ? 'payment_hold_set' : 'payment_hold_cleared',
      comment: reason,
      ...(input.basisSubmissionId ? { fields: { basisSubmissionId: input.basisSubmissionId } } : {}),
    },
    {
      type: 'payment_hold',
      title: `${input.active ? '暂停拨付' : '恢复拨付'}：${sub.title}`,
      message: reason,
    },
  );
}
