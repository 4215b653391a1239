import { NotFoundError } from '../../errors';
import type { Deps } from '../../ports';

/** The form's published version (the version itself is cached; the head says which one is published); 404 without. */
export async function publishedForm(deps: Deps, formId: string) {
  const head = await deps.forms.getHead(formId);
  const form = head?.publishedVersion ? await deps.forms.getVersion(formId, head.publishedVersion) : null;
  if (!form) throw new NotFoundError('表单不存在或尚未发布');
  return form;
}
