import type { Actor, Unit } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';

/** Every unit, disabled ones included (admin), for the organisation page. */
export async function listAllUnits(deps: Deps, input: { actor: Actor }): Promise<Unit[]> {
  requireRole(input.actor, 'admin');
  return deps.org.listUnits();
}
