import { NotFoundError } from '../../errors';
import type { Deps } from '../../ports';
import type { Chain } from '../../workflow/types';

/** One version of a review chain (any signed-in user: the timeline and the decision panel show its steps). */
export async function getChainVersion(deps: Deps, input: { chainId: string; version: number }): Promise<Chain> {
  const chain = await deps.chains.getVersion(input.chainId, input.version);
  if (!chain) throw new NotFoundError('审核链不存在');
  return chain;
}
