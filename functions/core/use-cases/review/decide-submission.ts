import { ConflictError, ForbiddenError, RuleViolationError, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { decide, openAssignments } from '../../workflow/engine';
import type { Action, Step } from '../../workflow/types';
import { decisionSettings } from '../cycle/result-binding';
import { attachTracking } from '../dashboard/tracking';
import { mailNewTasks } from '../notifications/mail-tasks';
import { loadPinnedForm } from '../submissions/pinned-form';
import { loadChain, type SubmissionResult } from '../submissions/submit-submission';
import { assertNotDataEditor, decidableAs, loadVisibleSubmission } from '../support/access';
import { withStandIns } from './delegations';
import { checkFieldComments, type FieldCommentInput, pinFieldComments } from './field-comments';
import { deliverStepNotices } from './step-notices';
import { buildEngineContext, changeFromTransition, idempotencyRecord } from './transition';

export interface DecisionInput {
  actor: Actor;
  id: string;
  stepId: string;
  action: Action;
  comment?: string;
  score?: number;
  fields?: Record<string, unknown>;
  version?: number;
  fieldComments?: FieldCommentInput[];
  idem?: IdempotencyRequest;
  /** Runs once the step is known and allowed, before anything is checked or written (batch approval's filter). */
  beforeDecide?: (step: Step, addedSigner: boolean) => void;
}

/**
 * The shared gates of every action on an open step (decide, 转交, 加签).
 * 1. load what the actor may see (else 404)  2. separation of duties: never on data one created, changed or
 *    submitted (403 SEPARATION_OF_DUTIES)  3. the step must be the open one (409) and assigned to the actor's
 *    unit, decidable by the actor's roles or by someone the actor stands in for (403)
 */
export async function prepareStepAction(
  deps: Deps,
  input: { actor: Actor; id: string; stepId: string; version?: number },
) {
  const before = await loadVisibleSubmission(deps, input.actor, input.id);
  assertNotDataEditor(input.actor, before);
  if (input.version !== undefined && input.version !== before.version) {
    throw new ConflictError('该填报已被他人办理或修改，请刷新后重试');
  }
  const [chain, form] = await Promise.all([loadChain(deps, before), loadPinnedForm(deps, before)]);
  const open = openAssignments(chain, before.workflow);
  if (!open.some(({ step }) => step.id === input.stepId)) throw new ConflictError('该审核步骤当前不在办理中');
  const allowedFor = (a: Actor) => decidableAs(a, before, chain).find((d) => d.step.id === input.stepId);
  // Whom the actor stands in for is looked up only when their own roles do not decide the step (a stand-in is the
  // exception): most decisions need no delegation read at all.
  let actor = input.actor;
  let allowed = allowedFor(actor);
  if (!allowed && open.some(({ step, assignment }) => step.id === input.stepId && assignment.unitId === actor.unitId)) {
    actor = await withStandIns(deps, input.actor);
    allowed = allowedFor(actor);
  }
  if (!allowed) {
    const assignedHere = open.some(
      ({ step: s, assignment }) => s.id === input.stepId && assignment.unitId === actor.unitId,
    );
    throw assignedHere
      ? new ForbiddenError('您没有办理该步骤的权限')
      : new ForbiddenError('您所在单位不是该步骤的办理单位');
  }
  return { before, chain, form, step: allowed.step, onBehalfOf: allowed.onBehalfOf };
}

/**
 * Decide on the open step.
 * 1. load what the actor may see (else 404)  2. separation of duties: never on data one created, changed or
 *    submitted (403 SEPARATION_OF_DUTIES)
 * 3. the step must be the open one (409) and assigned to the actor's unit (403)
 * 4. decision fields against the step's schema  5. engine  6. one transaction, conditioned on the version
 */
export async function decideSubmission(deps: Deps, input: DecisionInput): Promise<SubmissionResult> {
  const { actor } = input;
  const { before, chain, form, step, onBehalfOf } = await prepareStepAction(deps, input);
  // 加签: an added signer gives an opinion only; the step's checks and outcome belong to its own assignees.
  const addedSigner = Boolean(before.workflow.assignments.find((a) => a.unitId === actor.unitId)?.addedBy);
  input.beforeDecide?.(step, addedSigner);
  if (input.fields !== undefined) {
    if (!step.decisionSchema)
      throw new ValidationError('此步骤没有附加审核字段', [{ path: '/fields', message: '此步骤没有附加审核字段' }]);
    const errors = await deps.validator.checkDecisionFields(step.decisionSchema, input.fields);
    if (errors.length)
      throw new ValidationError(
        '审核字段不正确',
        errors.map((e) => ({ ...e, path: `/fields${e.path}` })),
      );
  }
  const fieldComments = checkFieldComments(input.action, input.fieldComments, form.schema, before.data);
  const formSettings = form.logic?.settings ?? {};
  // The organisation's result-application ratios only matter to steps with checks or an outcome.
  const settings = {
    settings: step.checks?.length || step.outcome ? await decisionSettings(deps, formSettings) : formSettings,
  };
  const decisionInput = {
    action: input.action,
    score: input.score,
    fields: input.fields ?? {},
    comment: input.comment ?? '',
    data: before.data,
    computed: before.computed,
    decisions: before.workflow.decisions,
    outcomes: before.outcomes ?? {},
  };
  // One formula budget for the whole request: decision checks, chain conditions and the outcome.
  const budget = deps.expressions.budget();
  const failed: { path: string; message: string }[] = [];
  let code: string | undefined;
  for (const check of addedSigner ? [] : (step.checks ?? [])) {
    const value = await deps.expressions.evaluate(check.expr, decisionInput, settings, budget);
    // A check fails on false, or answers a list of { path, message } problems (e.g. the 事前 score sheet).
    const problems =
      value === false
        ? [{ path: check.path ?? '/fields', message: check.message }]
        : Array.isArray(value)
          ? value.filter(isProblem)
          : [];
    if (problems.length) code ??= check.code;
    failed.push(...problems);
  }
  if (failed.length) {
    throw code
      ? new RuleViolationError(code, failed[0].message, failed)
      : new ValidationError(failed[0].message, failed);
  }
  const now = deps.clock.now();
  const ctx = await buildEngineContext(
    deps,
    before,
    chain,
    now,
    {
      stepId: step.id,
      summary: { action: input.action, score: input.score, fields: input.fields, unitId: actor.unitId },
    },
    budget,
  );
  const transition = decide(
    chain,
    before.workflow,
    {
      stepId: input.stepId,
      action: input.action,
      comment: input.comment,
      score: input.score,
      fields: input.fields,
      actorId: actor.id,
      actorUnitId: actor.unitId,
    },
    ctx,
  );
  const outcome =
    step.outcome && input.action === 'approve' && !addedSigner
      ? { stepId: step.id, value: await deps.expressions.evaluate(step.outcome, decisionInput, settings, budget) }
      : undefined;
  const { submission, change } = changeFromTransition({ before, chain, transition, actor, now, outcome, onBehalfOf });
  const result: SubmissionResult = { submission, chain };
  pinFieldComments(change.events, fieldComments);
  change.idempotency = idempotencyRecord(actor, input.idem, result);
  await attachTracking(deps, before, change, { chain });
  await deps.submissions.commit(change);
  await deliverStepNotices(deps, change, actor, now);
  await mailNewTasks(deps, change.openTasks);
  return result;
}

function isProblem(x: unknown): x is { path: string; message: string } {
  const o = x as { path?: unknown; message?: unknown } | null;
  return typeof o === 'object' && o !== null && typeof o.path === 'string' && typeof o.message === 'string';
}
