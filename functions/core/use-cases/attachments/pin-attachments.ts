import { attachmentRefs } from '../../../../forms/lib/attachments';
import type { ErrorDetail } from '../../errors';
import { coded, ValidationError } from '../../errors';
import type { FormVersion, HistoryEvent, Submission } from '../../model';
import type { Deps } from '../../ports';
import { ATTACHMENT_PREFIX, type Attachment } from '../../ports-attachments';
import { attachmentLimits } from './attachments';

export interface AttachmentPlan {
  /** Referenced files not yet pinned: pinned by this submit. */
  toPin: Attachment[];
}

/**
 * On submit: every attachment id in the data must be a completed file of the submitting unit, bound to this
 * submission or to none; files pinned by an earlier round must still be there (no silent removal or
 * replacement: a new round adds files); the total stays within the per-submission limit.
 */
export async function checkAttachments(deps: Deps, form: FormVersion, sub: Submission): Promise<AttachmentPlan> {
  const refs = attachmentRefs(form.schema, sub.data);
  const [found, pinned] = await Promise.all([
    refs.length ? deps.attachments.getMany(refs.map((r) => r.id)) : Promise.resolve([]),
    deps.attachments.listPinned(sub.id),
  ]);
  const byId = new Map(found.map((a) => [a.id, a]));
  const details: ErrorDetail[] = [];
  for (const ref of refs) {
    const att = byId.get(ref.id);
    const ok =
      att &&
      att.status === 'complete' &&
      att.unitId === sub.unitId &&
      (att.submissionId === undefined || att.submissionId === sub.id);
    if (!ok) details.push({ path: ref.path, message: '附件不存在或没有上传完成，请重新上传' });
  }
  const referenced = new Set(refs.map((r) => r.id));
  for (const p of pinned) {
    if (!referenced.has(p.id)) {
      details.push({
        path: refs[0]?.fieldPath ?? '',
        message: `已提交过的附件「${p.name}」不能删除或替换，可以补充新的附件`,
      });
    }
  }
  if (details.length) {
    throw coded(new ValidationError('附件不符合要求，请修改后再提交', details), 'ATTACHMENT_INVALID');
  }
  const unique = [...referenced].map((id) => byId.get(id) as Attachment);
  const total = unique.reduce((sum, a) => sum + a.size, 0);
  const { submissionMaxBytes } = await attachmentLimits(deps);
  if (total > submissionMaxBytes) {
    const message = `一份填报的附件合计不能超过 ${Math.round(submissionMaxBytes / 1024 / 1024)} MB`;
    throw coded(
      new ValidationError(message, [{ path: refs[0]?.fieldPath ?? '', message }]),
      'ATTACHMENT_TOTAL_TOO_LARGE',
    );
  }
  return { toPin: unique.filter((a) => !a.pinnedAt) };
}

/**
 * Pins the new files: copied out of the orphan area (which expires after a day), the record bound to the
 * submission and its round, then the orphan copy removed. Called just before the submit transaction.
 */
export async function pinAttachments(
  deps: Deps,
  sub: Submission,
  plan: AttachmentPlan,
  round: number,
  now: string,
): Promise<NonNullable<HistoryEvent['attachmentsAdded']>> {
  const added: NonNullable<HistoryEvent['attachmentsAdded']> = [];
  for (const att of plan.toPin) {
    const storageKey = `${ATTACHMENT_PREFIX.pinned}${att.unitId}/${att.id}`;
    if (att.storageKey !== storageKey) await deps.files.copy(att.storageKey, storageKey);
    await deps.attachments.pin({ ...att, submissionId: sub.id, pinnedAt: now, pinnedRound: round, storageKey });
    if (att.storageKey !== storageKey) await deps.files.remove(att.storageKey);
    added.push({ id: att.id, name: att.name, sha256: att.sha256 });
  }
  return added;
}
