import { diffJsonWithMeta, type JsonDiffEntry } from '../../../../forms/lib/json-diff';
import { NotFoundError } from '../../errors';
import type { Actor, FormVersion } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';

/** What a diff compares: the definition that changes how a form is filled and reviewed. */
function comparable(f: FormVersion) {
  return {
    title: f.title,
    schema: f.schema,
    uiSchema: f.uiSchema,
    logic: f.logic ?? {},
    chain: { id: f.chainId, version: f.chainVersion },
  };
}

/**
 * Structural diff between two versions of a form (admin): schema, uiSchema, logic, title and the
 * chain pin, as [{ path, kind, before, after }] with paths like /schema/properties/x/title.
 * 1. admin only  2. load both versions (404 if either is missing)  3. forms/lib json-diff
 */
export async function diffFormVersions(
  deps: Deps,
  input: { actor: Actor; formId: string; from: number; to: number },
): Promise<{ formId: string; from: number; to: number; changes: JsonDiffEntry[]; truncated: boolean }> {
  requireRole(input.actor, 'admin');
  const [a, b] = await Promise.all([
    deps.forms.getVersion(input.formId, input.from),
    deps.forms.getVersion(input.formId, input.to),
  ]);
  if (!a || !b) throw new NotFoundError('表单版本不存在');
  const { entries, truncated } = diffJsonWithMeta(comparable(a), comparable(b), { maxEntries: 2000 });
  return { formId: input.formId, from: input.from, to: input.to, changes: entries, truncated };
}
