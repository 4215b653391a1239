import type { FormVersionSummary } from '../../../../forms/lib/definitions';
import { NotFoundError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps, FormHead } from '../../ports';
import { requireRole } from '../support/access';

/**
 * Every version of a form, newest first (admin).
 * 1. admin only  2. the head (404 if the form does not exist)  3. the versions (one Query)  4. summaries
 */
export async function listFormVersions(
  deps: Deps,
  input: { actor: Actor; formId: string },
): Promise<{ head: FormHead; items: FormVersionSummary[] }> {
  requireRole(input.actor, 'admin');
  const head = await deps.forms.getHead(input.formId);
  if (!head) throw new NotFoundError('表单不存在');
  const versions = await deps.forms.listVersions(input.formId);
  const items = versions
    .map((f) => ({
      id: f.id,
      version: f.version,
      title: f.title,
      family: f.family ?? null,
      status: f.status,
      current: f.version === head.publishedVersion,
      chainId: f.chainId,
      chainVersion: f.chainVersion,
      fieldCount: Object.keys((f.schema?.properties as Record<string, unknown> | undefined) ?? {}).length,
      createdAt: f.createdAt,
      createdBy: f.createdBy ?? null,
      publishedAt: f.publishedAt ?? null,
    }))
    .sort((a, b) => b.version - a.version);
  return { head, items };
}
