import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { loadVisibleSubmission } from '../support/access';
import { loadPinnedForm } from './pinned-form';

/** Server-side check of data against the submission's pinned form version, without saving. */
export async function checkSubmissionData(deps: Deps, input: { actor: Actor; id: string; data: unknown }) {
  const sub = await loadVisibleSubmission(deps, input.actor, input.id);
  const form = await loadPinnedForm(deps, sub);
  const { errors, warnings, computed } = await deps.validator.check(form, input.data, { checkComputed: true });
  return { errors, warnings, computed };
}
