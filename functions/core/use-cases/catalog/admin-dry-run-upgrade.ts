import { NotFoundError } from '../../errors';
import type { Actor, Submission } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';

/** Bounded work per request: at most this many submissions are read (pages of 100). */
const MAX_PAGES = 20;

export interface DryRunItem {
  submissionId: string;
  title: string;
  unitId: string;
  status: Submission['status'];
  formVersion: number;
  version: number;
  updatedAt: string;
  /** True when the data validates under the target version as it is. */
  ok: boolean;
  errors: { path: string; message: string }[];
}

/**
 * What publishing version `version` would mean for the drafts under way (admin): every draft or
 * returned submission of the form on an older version, checked against the target version's schema,
 * computed fields and rules. Nothing is changed; upgrading is a separate, explicit step per submission.
 * 1. admin only  2. load the target version  3. page through the submissions of the form (bounded)
 * 4. check each candidate's data with the target version
 */
export async function dryRunUpgrade(
  deps: Deps,
  input: { actor: Actor; formId: string; version: number },
): Promise<{ formId: string; version: number; items: DryRunItem[]; checked: number; truncated: boolean }> {
  requireRole(input.actor, 'admin');
  const form = await deps.forms.getVersion(input.formId, input.version);
  if (!form) throw new NotFoundError('表单版本不存在');
  const items: DryRunItem[] = [];
  let cursor: string | undefined;
  let truncated = false;
  let checked = 0;
  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES) {
      truncated = true;
      break;
    }
    const r = await deps.submissions.listAll({ cursor, limit: 100 }, { formId: input.formId });
    for (const sub of r.items) {
      if (sub.status !== 'draft' && sub.status !== 'returned') continue;
      if (sub.formVersion >= input.version) continue;
      checked += 1;
      const result = await deps.validator.check(form, sub.data, { checkComputed: false });
      items.push({
        submissionId: sub.id,
        title: sub.title,
        unitId: sub.unitId,
        status: sub.status,
        formVersion: sub.formVersion,
        version: sub.version,
        updatedAt: sub.updatedAt,
        ok: result.errors.length === 0,
        errors: result.errors,
      });
    }
    if (!r.cursor) break;
    cursor = r.cursor;
  }
  return { formId: input.formId, version: input.version, items, checked, truncated };
}
