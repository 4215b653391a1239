import type { CampaignEditInput } from '../../../../forms/lib/campaign-contract';
import type { Campaign, CampaignEdit } from '../../campaign-model';
import { ConflictError, coded, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { assertCanIssue, dueAtOf, loadCampaignFor } from '../support/campaign-rules';
import { resolveCampaignUnits } from './campaign-units';
import { requireTitle, resolveDueDate } from './create-campaign';

export type { CampaignEditInput };

export const editActor = (actor: Actor) => ({ id: actor.id, name: actor.name, unitId: actor.unitId });

/** Loads an open campaign for its issuers (404 to those who may not see it, 403 to other viewers, 409 when closed). */
export async function loadForEdit(deps: Deps, actor: Actor, id: string, version?: number) {
  const { campaign, unit } = await loadCampaignFor(deps, actor, id);
  assertCanIssue(actor, unit, '修改填报任务');
  if (campaign.status !== 'open') throw coded(new ConflictError('该填报任务已关闭'), 'CAMPAIGN_CLOSED');
  if (version !== undefined && version !== campaign.version) {
    throw coded(new ConflictError('该填报任务已被他人修改，请刷新后重试'), 'CAMPAIGN_VERSION_CONFLICT');
  }
  return campaign;
}

/** Edit a campaign: extend the deadline, add units, change the notice or title. Every edit is recorded. */
export async function updateCampaign(
  deps: Deps,
  input: { actor: Actor; id: string; body: CampaignEditInput },
): Promise<Campaign> {
  const { actor, body } = input;
  const before = await loadForEdit(deps, actor, input.id, body.version);
  const now = deps.clock.now();
  const next: Campaign = { ...before, updatedAt: now, version: before.version + 1 };
  const changes: CampaignEdit['changes'] = {};
  if (body.title !== undefined) next.title = requireTitle(body.title);
  if (body.notice !== undefined) next.notice = body.notice;
  if (body.dueDate !== undefined || body.dueInWorkingDays !== undefined) {
    const due = await resolveDueDate(deps, body, now);
    next.dueDate = due.dueDate;
    next.dueAt = dueAtOf(due.dueDate);
    next.dueInWorkingDays = due.dueInWorkingDays;
  }
  let added: string[] = [];
  if (body.addUnitIds !== undefined || body.addManagedBy !== undefined) {
    const units = await resolveCampaignUnits(
      deps,
      { unitIds: body.addUnitIds, managedBy: body.addManagedBy },
      'addUnitIds',
    );
    added = units.filter((u) => !before.unitIds.includes(u));
    next.unitIds = [...before.unitIds, ...added];
  }
  for (const k of ['title', 'notice', 'dueDate'] as const) {
    if (next[k] !== before[k]) changes[k] = { from: before[k], to: next[k] };
  }
  if (!Object.keys(changes).length && !added.length) {
    throw coded(
      new ValidationError('没有需要保存的修改', [{ path: '/', message: '内容与当前任务相同' }]),
      'CAMPAIGN_NO_CHANGE',
    );
  }
  await deps.campaigns.update(next, {
    seq: next.version,
    at: now,
    type: 'edited',
    actor: editActor(actor),
    ...(Object.keys(changes).length ? { changes } : {}),
    ...(added.length ? { addedUnitIds: added } : {}),
  });
  return { ...next, counters: { ...next.counters, notStarted: next.counters.notStarted + added.length } };
}
