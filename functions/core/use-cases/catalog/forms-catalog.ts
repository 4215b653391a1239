import { NotFoundError } from '../../errors';
import type { Actor, FormVersion } from '../../model';
import type { Deps } from '../../ports';

/** Published forms, latest published version of each. */
export async function listPublishedForms(deps: Deps): Promise<FormVersion[]> {
  const heads = await deps.forms.listHeads();
  const versions = await Promise.all(
    heads
      .filter((h) => h.publishedVersion !== null)
      .map((h) => deps.forms.getVersion(h.id, h.publishedVersion as number)),
  );
  return versions.filter((v): v is FormVersion => v !== null);
}

/** The published version (or a given one). Drafts are visible to admins only. */
export async function getFormVersion(deps: Deps, actor: Actor, formId: string, version?: number): Promise<FormVersion> {
  const head = await deps.forms.getHead(formId);
  if (!head) throw new NotFoundError('表单不存在');
  const wanted = version ?? head.publishedVersion;
  if (!wanted) throw new NotFoundError('表单尚未发布');
  const form = await deps.forms.getVersion(formId, wanted);
  if (!form) throw new NotFoundError('表单版本不存在');
  if (form.status !== 'published' && !actor.roles.includes('admin')) {
    // A version that was published once stays readable; an unpublished draft is admin-only.
    if (!form.publishedAt) throw new NotFoundError('表单版本不存在');
  }
  return form;
}
