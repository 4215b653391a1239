import { ConflictError, coded, ForbiddenError } from '../../errors';
import type { Actor, HistoryEvent } from '../../model';
import type { Deps } from '../../ports';
import { countChange } from '../dashboard/status-counts';
import { loadVisibleSubmission } from '../support/access';

/**
 * Delete a draft that was never submitted.
 * 1. load (another unit's draft is invisible: 404)
 * 2. only a filler of the creating unit; only a draft never submitted (409 otherwise: a submitted form
 *    is part of the review record and is withdrawn, not deleted); never a campaign's draft (409: it holds
 *    the unit's row on the board)
 * 3. remove the submission and its grant, and record a `deleted` event with the data as it was, atomically
 */
export async function deleteDraft(deps: Deps, input: { actor: Actor; id: string; version?: number }): Promise<void> {
  const { actor } = input;
  const sub = await loadVisibleSubmission(deps, actor, input.id);
  if (sub.unitId !== actor.unitId || !actor.roles.includes('filler'))
    throw new ForbiddenError('只有填报单位的填报人可以删除草稿');
  if (sub.everSubmitted || sub.status !== 'draft')
    throw new ConflictError('已提交过的填报不能删除，可在审核人办理前撤回', [
      { path: 'status', message: '只有从未提交的草稿可以删除' },
    ]);
  // A campaign's draft holds the unit's row on the board: deleting it would leave the row pointing nowhere.
  if (sub.campaignId)
    throw coded(
      new ConflictError('这份草稿属于填报任务，不能删除，请继续填写后提交', [
        { path: 'campaignId', message: '填报任务的草稿不能删除' },
      ]),
      'CAMPAIGN_DRAFT_KEPT',
    );
  if (input.version !== undefined && input.version !== sub.version)
    throw new ConflictError('草稿已被修改，请刷新后再删除', [{ path: 'version', message: '版本已变化' }]);
  const event: HistoryEvent = {
    seq: sub.historyCount + 1,
    at: deps.clock.now(),
    type: 'deleted',
    actor: { id: actor.id, name: actor.name, unitId: actor.unitId },
    formVersion: sub.formVersion,
    status: sub.status,
    dataSnapshot: sub.data,
  };
  await deps.submissions.deleteDraft(sub, event, countChange(sub, null));
}
