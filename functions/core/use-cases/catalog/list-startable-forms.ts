import type { Actor, FormVersion } from '../../model';
import type { Deps } from '../../ports';
import { listableForms } from '../support/access';
import { listPublishedForms } from './forms-catalog';

/** The published forms the caller's unit may list (a third-party agency starts nothing, so it lists none). */
export async function listFormsFor(deps: Deps, input: { actor: Actor }): Promise<FormVersion[]> {
  const [forms, unit] = await Promise.all([listPublishedForms(deps), deps.org.getUnit(input.actor.unitId)]);
  return listableForms(unit, forms);
}
