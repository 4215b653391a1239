import { ForbiddenError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { withdraw } from '../../workflow/engine';
import { attachTracking } from '../dashboard/tracking';
import { changeFromTransition, idempotencyRecord } from '../review/transition';
import { isSubmitterSide, loadVisibleSubmission } from '../support/access';
import { loadChain, type SubmissionResult } from './submit-submission';

/**
 * Withdraw: the submitting unit takes the submission back until the first reviewer acts (409 after).
 * The check runs on the loaded record and the write carries its version, so a racing decision wins or loses whole.
 */
export async function withdrawSubmission(
  deps: Deps,
  input: { actor: Actor; id: string; comment?: string; idem?: IdempotencyRequest },
): Promise<SubmissionResult> {
  const { actor } = input;
  const before = await loadVisibleSubmission(deps, actor, input.id);
  if (!isSubmitterSide(actor, before)) throw new ForbiddenError('只有填报单位可以撤回');
  const chain = await loadChain(deps, before);
  const transition = withdraw(before.workflow);
  const now = deps.clock.now();
  const { submission, change } = changeFromTransition({
    before,
    chain,
    transition,
    actor,
    now,
    comment: input.comment,
  });
  const result: SubmissionResult = { submission, chain };
  change.idempotency = idempotencyRecord(actor, input.idem, result);
  await attachTracking(deps, before, change, { chain });
  await deps.submissions.commit(change);
  return result;
}
