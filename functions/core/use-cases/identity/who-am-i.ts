import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { withStandIns } from '../review/delegations';

/** The signed-in user with the unit's name and kind, and whom the caller stands in for today (delegation). */
export async function whoAmI(deps: Deps, input: { actor: Actor }) {
  const { actor } = input;
  const [unit, withDelegations] = await Promise.all([deps.org.getUnit(actor.unitId), withStandIns(deps, actor)]);
  return {
    id: actor.id,
    username: actor.username,
    name: actor.name,
    unitId: actor.unitId,
    unitName: unit?.name ?? actor.unitId,
    unitKind: unit?.kind ?? null,
    roles: actor.roles,
    standsInFor: (withDelegations.standsInFor ?? []).map((p) => ({ id: p.id, name: p.name })),
  };
}
