import { NotFoundError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import type { Chain } from '../../workflow/types';
import { requireRole } from '../support/access';

/** Chains keep few versions; the list is bounded anyway. */
const MAX_VERSIONS = 200;

/**
 * Every version of a review chain, newest first (admin). Each save of the chain designer is a new
 * version; forms pin one, submissions keep the one they started with.
 * 1. admin only  2. the head (404)  3. each version by key (GetItem, in parallel)
 */
export async function listChainVersions(
  deps: Deps,
  input: { actor: Actor; chainId: string },
): Promise<{ id: string; title: string; latestVersion: number; items: Chain[] }> {
  requireRole(input.actor, 'admin');
  const head = await deps.chains.getHead(input.chainId);
  if (!head) throw new NotFoundError('审核链不存在');
  const from = Math.max(1, head.latestVersion - MAX_VERSIONS + 1);
  const numbers = Array.from({ length: head.latestVersion - from + 1 }, (_, i) => head.latestVersion - i);
  const versions = await Promise.all(numbers.map((v) => deps.chains.getVersion(input.chainId, v)));
  return {
    id: head.id,
    title: head.title,
    latestVersion: head.latestVersion,
    items: versions.filter((c): c is Chain => c !== null),
  };
}
