import { ConflictError } from '../../errors';
import type { FormVersion, Submission } from '../../model';
import type { Deps } from '../../ports';

/**
 * The form version a submission is pinned to. Published versions are immutable and never deleted, so a missing
 * one is a broken record: every use case raises this same error for it (409, nothing changed).
 */
export async function loadPinnedForm(
  deps: Deps,
  sub: Pick<Submission, 'formId' | 'formVersion'>,
): Promise<FormVersion> {
  const form = await deps.forms.getVersion(sub.formId, sub.formVersion);
  if (!form) throw new PinnedFormMissingError();
  return form;
}

export class PinnedFormMissingError extends ConflictError {
  constructor() {
    super('该填报所用的表单版本已不存在，请联系系统管理员');
  }
}
