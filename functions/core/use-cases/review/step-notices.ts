import { getPointer } from '../../../../forms/lib/form-logic';
import { coded, ValidationError } from '../../errors';
import type { Actor, FormVersion, Submission } from '../../model';
import type { Deps, SubmissionChange } from '../../ports';
import { activeUsersByUnit, notificationsForUnit } from '../notifications/notify-units';

/**
 * The unit a submission is about, for forms that name it by 单位代码 (`subjectCodePath`, e.g. the checked unit of
 * a 监督检查, 第三十二条): it receives the chain's `subjectUnit` steps and decides the managing 业务股室.
 * Evaluations carry theirs from the assignment (第二十六条) and keep it.
 */
export async function resolveSubjectUnit(
  deps: Deps,
  form: FormVersion,
  sub: Submission,
): Promise<{ subjectUnitId?: string }> {
  if (sub.subjectUnitId || !form.subjectCodePath) return {};
  const code = getPointer(sub.data, form.subjectCodePath);
  const unit = (await deps.org.listUnits()).find((u) => u.code === code && u.kind === 'department' && !u.disabled);
  if (!unit) {
    throw coded(
      new ValidationError('单位代码不存在', [{ path: form.subjectCodePath, message: '没有这个单位代码的预算单位' }]),
      'SUBJECT_UNIT_UNKNOWN',
    );
  }
  return { subjectUnitId: unit.id };
}

/**
 * Every unit a notify (抄送 / 反馈) step reached gets a notification in the center, fanned out to its users, after
 * the change is committed: results of 财政评价 reach 预算股, 国库股, the 业务股室 and the unit (第二十六条), a
 * 监督检查 its unit, 预算股 and the 业务股室 (第三十二条). A failed delivery is logged; the decision stands.
 */
export async function deliverStepNotices(deps: Deps, change: SubmissionChange, actor: Actor, at: string) {
  if (change.notifyTasks.length === 0) return;
  try {
    const users = await activeUsersByUnit(deps);
    const sub = change.submission;
    const items = change.notifyTasks.flatMap((t) =>
      notificationsForUnit(deps, users.get(t.assigneeUnitId) ?? [], {
        unitId: t.assigneeUnitId,
        type: 'review_notice',
        title: `${t.stepName}：${sub.title}`.slice(0, 200),
        message: `「${sub.title}」已送达本单位（${t.stepName}）。`,
        at,
        link: `/review/${sub.id}`,
        fromUserId: actor.id,
      }),
    );
    if (items.length) await deps.notifications.deliver(items);
  } catch (err) {
    deps.logger.warn('step notices not delivered', { submissionId: change.submission.id, error: String(err) });
  }
}
