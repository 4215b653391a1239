import type { Actor, FormVersion } from '../../model';
import type { Deps, FormHead } from '../../ports';
import { requireRole } from '../support/access';

/**
 * Every form with all its versions (admin), for the form designer's list.
 * 1. admin only  2. the heads (one Query)  3. the versions of each form (one Query per form)
 */
export async function listFormsWithVersions(
  deps: Deps,
  input: { actor: Actor },
): Promise<(FormHead & { versions: FormVersion[] })[]> {
  requireRole(input.actor, 'admin');
  const heads = await deps.forms.listHeads();
  return Promise.all(heads.map(async (h) => ({ ...h, versions: await deps.forms.listVersions(h.id) })));
}
