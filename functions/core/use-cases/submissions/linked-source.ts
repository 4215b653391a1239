import { linkFromSource, lockViolations } from '../../../../forms/lib/linked-source';
import { coded, NotFoundError, ValidationError } from '../../errors';
import type { Actor, FormVersion, Submission, SubmissionSource } from '../../model';
import type { Deps } from '../../ports';
import { canView } from '../support/access';

/**
 * Linked forms: a self-evaluation or a monitoring report started from the approved target it reports on.
 * The source must be visible to the caller (else 404), of a form the new one may start from and approved
 * (else 422). Returns the copied data (on top of what was sent) and the locks kept on the new submission.
 */
export async function linkToSource(
  deps: Deps,
  actor: Actor,
  form: FormVersion,
  sourceSubmissionId: string,
  data: Record<string, unknown>,
): Promise<{ data: Record<string, unknown>; source: SubmissionSource }> {
  const spec = form.source;
  if (!spec) {
    throw coded(
      new ValidationError('该表单不能从已批准的绩效目标开始', [
        { path: '/sourceSubmissionId', message: '该表单没有可关联的绩效目标' },
      ]),
      'SOURCE_NOT_SUPPORTED',
    );
  }
  const [src, unit] = await Promise.all([deps.submissions.get(sourceSubmissionId), deps.org.getUnit(actor.unitId)]);
  if (!src || !canView(actor, unit, src)) {
    throw coded(new NotFoundError('关联的绩效目标不存在'), 'SOURCE_NOT_FOUND');
  }
  if (!spec.forms.includes(src.formId)) {
    throw coded(
      new ValidationError('所选填报不是本表可关联的绩效目标', [
        { path: '/sourceSubmissionId', message: '请选择与本表对应的已批准绩效目标' },
      ]),
      'SOURCE_FORM_MISMATCH',
    );
  }
  if (src.status !== 'approved') {
    throw coded(
      new ValidationError('所选绩效目标尚未批准', [
        { path: '/sourceSubmissionId', message: '只能从已批准的绩效目标开始' },
      ]),
      'SOURCE_NOT_APPROVED',
    );
  }
  const linked = linkFromSource(spec, src.id, src.data, data);
  return {
    data: linked.data,
    source: { submissionId: src.id, formId: src.formId, title: src.title, locks: linked.locks },
  };
}

/** A save or submit of a linked submission that changed what came from its source: 422 at each field. */
export function assertLocksKept(sub: Submission, data: unknown): void {
  if (!sub.source?.locks.length) return;
  const problems = lockViolations(sub.source.locks, data);
  if (problems.length) {
    throw coded(new ValidationError('取自已批准绩效目标的内容不能修改', problems), 'LOCKED_FIELD_CHANGED');
  }
}
