import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor, Submission } from '../model';
import type { Deps, IdempotencyRequest } from '../ports';
import { initialState } from '../workflow/engine';
import { applyPrefill } from './prefill';
import { deriveTitle } from './title';
import { idempotencyRecord } from './transition';

/**
 * Create a draft.
 * 1. load the published form version (pins form and chain version)
 * 2. authorize: a filler of a department
 * 3. prefill empty fields the form maps to the creator's profile (填报人, 联系电话, 单位), then check the
 *    data (schema errors are allowed in a draft; computed values are filled in)
 * 4. save submission + visibility for the own unit + 'created' event, atomically
 */
export async function createSubmission(
  deps: Deps,
  input: { actor: Actor; formId: string; data?: Record<string, unknown>; idem?: IdempotencyRequest },
): Promise<Submission> {
  const { actor } = input;
  if (!actor.roles.includes('filler')) throw new ForbiddenError('只有填报人可以新建填报');
  const unit = await deps.org.getUnit(actor.unitId);
  if (!unit || unit.kind !== 'department') throw new ForbiddenError('只有预算部门（单位）可以新建填报');
  const head = await deps.forms.getHead(input.formId);
  if (!head?.publishedVersion) throw new NotFoundError('表单不存在或尚未发布');
  const form = await deps.forms.getVersion(input.formId, head.publishedVersion);
  if (!form) throw new NotFoundError('表单不存在或尚未发布');
  const user = form.prefill ? await deps.users.getById(actor.id) : null;
  const data = applyPrefill(input.data ?? {}, form.prefill, { user, unit });
  const checked = await deps.validator.check(form, data, { checkComputed: false });
  const now = deps.clock.now();
  const sub: Submission = {
    id: deps.ids.newId(),
    formId: form.id,
    formVersion: form.version,
    chainId: form.chainId,
    chainVersion: form.chainVersion,
    title: deriveTitle(form.title, checked.data),
    unitId: actor.unitId,
    createdBy: actor.id,
    dataEditorIds: [actor.id],
    status: 'draft',
    data: checked.data,
    computed: checked.computed,
    workflow: initialState(),
    version: 1,
    everSubmitted: false,
    viewerUnitIds: [],
    historyCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.submissions.commit({
    submission: sub,
    expectedVersion: null,
    events: [
      {
        seq: 1,
        at: now,
        type: 'created',
        actor: { id: actor.id, name: actor.name, unitId: actor.unitId },
        formVersion: form.version,
        status: 'draft',
      },
    ],
    openTasks: [],
    closeTasks: [],
    notifyTasks: [],
    grants: [actor.unitId],
    idempotency: idempotencyRecord(actor, input.idem, sub),
  });
  return sub;
}
