import { getPointer } from '../../../../forms/lib/form-logic';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, FormVersion, Submission } from '../../model';
import type { Deps, FormulaBudget, IdempotencyRequest } from '../../ports';
import { submit } from '../../workflow/engine';
import type { Chain } from '../../workflow/types';
import { checkAttachments, pinAttachments } from '../attachments/pin-attachments';
import { assertNotBlockedByResults } from '../cycle/result-binding';
import { attachTracking } from '../dashboard/tracking';
import { mailNewTasks } from '../notifications/mail-tasks';
import { deliverStepNotices, resolveSubjectUnit } from '../review/step-notices';
import { buildEngineContext, changeFromTransition, idempotencyRecord, resolveManagingUnit } from '../review/transition';
import { assertCanEdit, canView, loadVisibleSubmission, withDataEditor } from '../support/access';
import { allInOrder } from '../support/all-in-order';
import { assertLocksKept } from './linked-source';
import { loadPinnedForm } from './pinned-form';

export interface SubmissionResult {
  submission: Submission;
  chain: Chain;
}

export async function loadChain(deps: Deps, sub: Submission): Promise<Chain> {
  const chain = await deps.chains.getVersion(sub.chainId, sub.chainVersion);
  if (!chain) throw new NotFoundError('审核链版本不存在');
  return chain;
}

/** Cross-record preconditions of the form (e.g. R-A1: a passed 事前评估 for a new major project). */
async function checkGates(
  deps: Deps,
  actor: Actor,
  form: FormVersion,
  data: Record<string, unknown>,
  budget: FormulaBudget,
) {
  const unit = await deps.org.getUnit(actor.unitId);
  for (const gate of form.logic?.gates ?? []) {
    const applies = await deps.expressions.evaluate(gate.when, data, { settings: form.logic?.settings ?? {} }, budget);
    if (applies !== true) continue;
    let ref: unknown;
    try {
      ref = getPointer(data, gate.refPath);
    } catch {
      ref = undefined; // a malformed path in an admin definition: the gate simply is not met
    }
    const target = typeof ref === 'string' && ref ? await deps.submissions.get(ref) : null;
    const ok = target && target.formId === gate.formId && target.status === gate.status && canView(actor, unit, target);
    if (!ok) throw new ValidationError(gate.message, [{ path: gate.refPath, message: gate.message }]);
  }
}

/** Flags judged on the server's clock at submission (R-C1 late: 3月底 unless an upper-level notice says otherwise). */
async function raiseFlags(
  deps: Deps,
  form: FormVersion,
  data: Record<string, unknown>,
  submittedAt: string,
  budget: FormulaBudget,
) {
  const raised: { id: string; message: string }[] = [];
  for (const flag of form.logic?.flags ?? []) {
    const value = await deps.expressions.evaluate(
      flag.expr,
      { data, submittedAt },
      { settings: form.logic?.settings ?? {} },
      budget,
    );
    if (value === true) raised.push({ id: flag.id, message: flag.message });
  }
  return raised;
}

/**
 * Submit (or resubmit after a return).
 * 1. load, authorize (the submitting unit)  2. full check on the pinned form version: schema, rules,
 * computed values recomputed (422 on any disagreement)  3. gates  4. routing (第九条)  5. engine  6. save
 */
export async function submitSubmission(
  deps: Deps,
  input: { actor: Actor; id: string; version?: number; comment?: string; idem?: IdempotencyRequest },
): Promise<SubmissionResult> {
  const { actor } = input;
  const before = await loadVisibleSubmission(deps, actor, input.id);
  assertCanEdit(actor, before);
  if (input.version !== undefined && input.version !== before.version) {
    throw new ConflictError('该填报已在其他地方被修改，请载入最新版本');
  }
  const form = await loadPinnedForm(deps, before);
  // One formula budget for the whole request: validation, gates, chain conditions and flags.
  assertLocksKept(before, before.data);
  const budget = deps.expressions.budget();
  const checked = await deps.validator.check(form, before.data, { checkComputed: true, budget });
  if (checked.errors.length > 0) throw new ValidationError('填报内容未通过校验，请修改后再提交', checked.errors);
  await checkGates(deps, actor, form, checked.data, budget);
  // Independent reads, together; a refusal is still the first one in this order.
  const checkedSub = { ...before, data: checked.data };
  const [, attachmentPlan, chain, subject, campaign] = await allInOrder([
    assertNotBlockedByResults(deps, before, checked.data),
    checkAttachments(deps, form, checkedSub),
    loadChain(deps, before),
    resolveSubjectUnit(deps, form, checkedSub),
    before.campaignId ? deps.campaigns.get(before.campaignId) : Promise.resolve(null),
  ] as const);
  const now = deps.clock.now();
  const ready: Submission = {
    ...withDataEditor(before, actor),
    data: checked.data,
    computed: checked.computed,
    ...subject,
    managingUnitId: await resolveManagingUnit(deps, { ...before, ...subject, data: checked.data }),
  };
  const ctx = await buildEngineContext(deps, ready, chain, now, undefined, budget);
  const transition = submit(chain, ready.workflow, ctx);
  const flags = await raiseFlags(deps, form, checked.data, now, budget);
  // A campaign's deadline is judged on the server clock, never on a date the unit typed.
  if (campaign && now > campaign.dueAt) {
    flags.push({ id: 'campaign-late', message: `逾期提交：填报任务「${campaign.title}」截止于 ${campaign.dueDate}` });
  }
  const { submission, change } = changeFromTransition({
    before: ready,
    chain,
    transition,
    actor,
    now,
    comment: input.comment,
    flags,
  });
  const result: SubmissionResult = { submission, chain };
  const added = await pinAttachments(deps, submission, attachmentPlan, submission.workflow.round, now);
  const submitted = change.events.find((e) => e.type === 'submitted');
  if (submitted && added.length) submitted.attachmentsAdded = added;
  change.idempotency = idempotencyRecord(actor, input.idem, result);
  await attachTracking(deps, ready, change, { chain, campaign });
  await deps.submissions.commit(change);
  await deliverStepNotices(deps, change, actor, now);
  await mailNewTasks(deps, change.openTasks);
  return result;
}
