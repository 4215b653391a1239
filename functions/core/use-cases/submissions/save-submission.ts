import { ConflictError } from '../../errors';
import type { Actor, Submission } from '../../model';
import type { Deps } from '../../ports';
import { assertCanEdit, loadVisibleSubmission, withDataEditor } from '../support/access';
import { assertLocksKept } from './linked-source';
import { loadPinnedForm } from './pinned-form';
import { deriveTitle } from './title';

/**
 * Save a draft or a returned submission (autosave).
 * 1. load what the actor may see  2. only the submitting unit's filler, only while draft/returned
 * 3. recompute computed fields on the pinned form version  4. write with the expected version (409 if stale)
 */
export async function saveSubmission(
  deps: Deps,
  input: { actor: Actor; id: string; data: Record<string, unknown>; version: number },
): Promise<Submission> {
  const { actor } = input;
  const before = await loadVisibleSubmission(deps, actor, input.id);
  assertCanEdit(actor, before);
  if (before.version !== input.version) throw new ConflictError('该填报已在其他地方被修改，请载入最新版本');
  assertLocksKept(before, input.data);
  const form = await loadPinnedForm(deps, before);
  const checked = await deps.validator.check(form, input.data, { checkComputed: false });
  const now = deps.clock.now();
  const sub: Submission = {
    ...withDataEditor(before, actor),
    // The client's values are kept as sent; the server's own computation is kept beside them and
    // compared at submit time (a disagreement is refused there with 422).
    data: input.data,
    computed: checked.computed,
    title: deriveTitle(form.title, checked.data),
    version: before.version + 1,
    historyCount: before.historyCount + 1,
    updatedAt: now,
  };
  await deps.submissions.commit({
    submission: sub,
    expectedVersion: before.version,
    events: [
      {
        seq: sub.historyCount,
        at: now,
        type: 'saved',
        actor: { id: actor.id, name: actor.name, unitId: actor.unitId },
        formVersion: sub.formVersion,
        status: sub.status,
      },
    ],
    openTasks: [],
    closeTasks: [],
    notifyTasks: [],
    grants: [],
  });
  return sub;
}
