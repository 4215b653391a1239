import type { Campaign } from '../../campaign-model';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { editActor, loadForEdit } from './update-campaign';

/**
 * Close a campaign: the board freezes (later status changes of its submissions no longer move it),
 * no new submission may answer it, and the daily sweep stops reminding.
 */
export async function closeCampaign(
  deps: Deps,
  input: { actor: Actor; id: string; version?: number; reason?: string },
): Promise<Campaign> {
  const before = await loadForEdit(deps, input.actor, input.id, input.version);
  const now = deps.clock.now();
  const next: Campaign = { ...before, status: 'closed', closedAt: now, updatedAt: now, version: before.version + 1 };
  await deps.campaigns.update(next, {
    seq: next.version,
    at: now,
    type: 'closed',
    actor: editActor(input.actor),
    ...(input.reason ? { changes: { reason: { from: null, to: input.reason } } } : {}),
  });
  return next;
}
