import { ConflictError, coded, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, Submission } from '../../model';
import type { Deps, IdempotencyRequest, SubmissionChange } from '../../ports';
import { initialState } from '../../workflow/engine';
import { assertMonitoringTask } from '../cycle/monitoring-task-gate';
import { attachTracking } from '../dashboard/tracking';
import { idempotencyRecord } from '../review/transition';
import { canStartForm, isAgency } from '../support/access';
import { allInOrder } from '../support/all-in-order';
import { publishedForm } from '../support/published-form';
import { linkToSource } from './linked-source';
import { applyPrefill } from './prefill';
import { deriveTitle } from './title';

/** A submission answering a 填报任务: addressed to the unit, open, and of the campaign's form. */
async function loadCampaignToAnswer(deps: Deps, actor: Actor, campaignId: string, formId: string) {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign?.unitIds.includes(actor.unitId)) {
    throw coded(new NotFoundError('填报任务不存在或未下达给本单位'), 'CAMPAIGN_NOT_FOUND');
  }
  if (campaign.status !== 'open') throw coded(new ConflictError('该填报任务已关闭，不能再填报'), 'CAMPAIGN_CLOSED');
  if (campaign.formId !== formId) {
    throw coded(
      new ValidationError('表单与填报任务不一致', [
        { path: '/formId', message: `该任务要求填报表单 ${campaign.formId}` },
      ]),
      'CAMPAIGN_FORM_MISMATCH',
    );
  }
  return campaign;
}

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
  input: {
    actor: Actor;
    formId: string;
    data?: Record<string, unknown>;
    campaignId?: string;
    /** Linked forms: start from this approved target (its values copied, the declared ones locked). */
    sourceSubmissionId?: string;
    idem?: IdempotencyRequest;
  },
): Promise<Submission> {
  const { actor } = input;
  if (!actor.roles.includes('filler')) throw new ForbiddenError('只有填报人可以新建填报');
  // Independent reads, together; a refusal is still the first one in this order.
  const [unit, campaign, form] = await allInOrder([
    deps.org.getUnit(actor.unitId).then((unit) => {
      if (!unit || isAgency(unit)) throw new ForbiddenError('只有预算部门（单位）可以新建填报');
      return unit;
    }),
    input.campaignId ? loadCampaignToAnswer(deps, actor, input.campaignId, input.formId) : Promise.resolve(null),
    publishedForm(deps, input.formId),
  ] as const);
  if (!canStartForm(unit, form))
    throw new ForbiddenError(form.creators ? '本单位不能新建此表单' : '只有预算部门（单位）可以新建填报');
  const user = form.prefill ? await deps.users.getById(actor.id) : null;
  const linked = input.sourceSubmissionId
    ? await linkToSource(deps, actor, form, input.sourceSubmissionId, input.data ?? {})
    : null;
  const answered = await assertMonitoringTask(deps, actor, form, { campaign, sourceData: linked?.data ?? null });
  const data = applyPrefill(linked?.data ?? input.data ?? {}, form.prefill, { user, unit });
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
    ...(answered ? { campaignId: answered.id } : {}),
    ...(linked ? { source: linked.source } : {}),
  };
  const change: SubmissionChange = {
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
  };
  // One submission per unit and campaign: the board row is claimed in the same transaction (409 for a second).
  await attachTracking(deps, null, change, { campaign: answered });
  await deps.submissions.commit(change);
  return sub;
}
