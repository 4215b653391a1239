import type { Actor, Page, Submission } from '../model';
import type { Deps, PageRequest } from '../ports';
import { seesAll } from './access';

/**
 * What the caller may see: global units and admins page through every submitted form (plus their own
 * unit's drafts); everyone else through the unit's visibility grants (own unit, managed, assigned).
 */
export async function listSubmissions(
  deps: Deps,
  input: { actor: Actor; page: PageRequest; formId?: string; status?: string },
): Promise<Page<Submission>> {
  const { actor } = input;
  const unit = await deps.org.getUnit(actor.unitId);
  const filter = { formId: input.formId, status: input.status };
  if (seesAll(actor, unit)) {
    return deps.submissions.listAll(input.page, { ...filter, submittedOrUnit: actor.unitId });
  }
  const page = await deps.submissions.listForUnit(actor.unitId, input.page, filter);
  // Grants are written at submit, but keep drafts of other units out even if a grant exists.
  return { ...page, items: page.items.filter((s) => s.unitId === actor.unitId || s.everSubmitted) };
}
