import type { Campaign } from '../../campaign-model';
import type { Actor, Page } from '../../model';
import type { Deps, PageRequest } from '../../ports';
import { campaignScope, presentCounts } from '../support/campaign-rules';
import { type BoardRow, boardRows, ownCounts } from './get-campaign';

export interface CampaignListItem {
  campaign: Campaign;
  counts: ReturnType<typeof presentCounts>;
  /** For a unit the campaign is addressed to: its own row (the 工作台 shows it with 开始填报). */
  mine: BoardRow | null;
}

/**
 * Campaigns newest first: issuers and units that see every form get all of them; any other unit the
 * campaigns addressed to it, each with its own row and the counts of that row only.
 */
export async function listCampaigns(
  deps: Deps,
  input: { actor: Actor; page: PageRequest; year?: number },
): Promise<Page<CampaignListItem>> {
  const { actor } = input;
  const { whole } = await campaignScope(deps, actor);
  const now = deps.clock.now();
  const page = await deps.campaigns.list(input.page, { year: input.year, ...(whole ? {} : { unitId: actor.unitId }) });
  if (whole) {
    return {
      items: page.items.map((c) => ({ campaign: c, counts: presentCounts(c, now), mine: null })),
      cursor: page.cursor,
    };
  }
  const names = new Map((await deps.org.listUnits()).map((u) => [u.id, u.name]));
  const rows = await Promise.all(page.items.map((c) => deps.campaigns.row(c.id, actor.unitId)));
  const items = page.items.map((c, i) => {
    const mine = boardRows(c, rows[i] ? [rows[i]] : [], names, actor, now, actor.unitId)[0] ?? null;
    return { campaign: c, counts: ownCounts(mine ?? undefined), mine };
  });
  return { items, cursor: page.cursor };
}
