import type { Actor } from '../../model';
import type { ChainHead, Deps } from '../../ports';
import { requireRole } from '../support/access';

/** Every review chain's head (admin), for the chain designer's list. */
export async function listChainHeads(deps: Deps, input: { actor: Actor }): Promise<ChainHead[]> {
  requireRole(input.actor, 'admin');
  return deps.chains.listHeads();
}
