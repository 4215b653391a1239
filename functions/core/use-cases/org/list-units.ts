import type { Actor, Unit } from '../../model';
import type { Deps } from '../../ports';
import { listableUnits } from '../support/access';

/** The units the caller may pick in filters and forms (a third-party agency only its own unit). */
export async function listUnitsFor(deps: Deps, input: { actor: Actor }): Promise<Unit[]> {
  const [all, own] = await Promise.all([deps.org.listUnits(), deps.org.getUnit(input.actor.unitId)]);
  return listableUnits(own, all);
}
