import type { BoardRow } from '../../../../forms/lib/campaign-contract';
import type { Campaign, CampaignEdit, CampaignUnit } from '../../campaign-model';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { canIssue, isOverdue, loadCampaignFor, presentCounts } from '../support/campaign-rules';

export type { BoardRow };

export interface CampaignBoard {
  campaign: Campaign;
  counts: ReturnType<typeof presentCounts>;
  units: BoardRow[];
  edits: CampaignEdit[];
  permissions: { canEdit: boolean; canRemind: boolean; canClose: boolean; canExport: boolean };
}

/** Rows for every addressed unit: a unit that has not started has no stored row yet. */
export function boardRows(
  campaign: Campaign,
  rows: CampaignUnit[],
  names: Map<string, string>,
  actor: Actor,
  now: string,
  only?: string,
): BoardRow[] {
  const byUnit = new Map(rows.map((r) => [r.unitId, r]));
  return campaign.unitIds
    .filter((u) => !only || u === only)
    .map((unitId) => {
      const r = byUnit.get(unitId) ?? { campaignId: campaign.id, unitId, status: 'not_started' as const };
      return {
        unitId,
        unitName: names.get(unitId) ?? unitId,
        status: r.submissionId ? r.status : 'not_started',
        submissionId: r.submissionId ?? null,
        canOpen: Boolean(r.submissionId) && (Boolean(r.submittedAt) || actor.unitId === unitId),
        submittedAt: r.submittedAt ?? null,
        overdue: isOverdue(campaign, r, now),
        remindedAt: r.remindedAt ?? null,
      };
    });
}

/**
 * The board. Issuers and units that see every form get every row from one Query of the campaign's
 * partition; a unit it is addressed to gets its own row (one GetItem) and counts of that row only.
 */
export async function getCampaignBoard(deps: Deps, input: { actor: Actor; id: string }): Promise<CampaignBoard> {
  const { actor } = input;
  const { campaign, unit, whole } = await loadCampaignFor(deps, actor, input.id);
  const now = deps.clock.now();
  const names = new Map((await deps.org.listUnits()).map((u) => [u.id, u.name]));
  const issuer = canIssue(actor, unit);
  const open = campaign.status === 'open';
  const permissions = { canEdit: issuer && open, canRemind: issuer && open, canClose: issuer && open, canExport: true };
  if (whole) {
    const board = await deps.campaigns.board(campaign.id);
    const current = board?.campaign ?? campaign;
    return {
      campaign: current,
      counts: presentCounts(current, now),
      units: boardRows(current, board?.rows ?? [], names, actor, now),
      edits: board?.edits ?? [],
      permissions,
    };
  }
  const row = await deps.campaigns.row(campaign.id, actor.unitId);
  const units = boardRows(campaign, row ? [row] : [], names, actor, now, actor.unitId);
  return { campaign, counts: ownCounts(units[0]), units, edits: [], permissions };
}

/** A department's counts: its own row only (other units' progress is not its business). */
export function ownCounts(row: BoardRow | undefined) {
  const counts = { notStarted: 0, draft: 0, inReview: 0, returned: 0, approved: 0, rejected: 0, overdue: 0 };
  if (!row) return counts;
  const key = { not_started: 'notStarted', in_review: 'inReview' }[row.status as string] ?? row.status;
  counts[key as keyof typeof counts] = 1;
  counts.overdue = row.overdue ? 1 : 0;
  return counts;
}
