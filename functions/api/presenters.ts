import { lockedPatterns } from '../../forms/lib/linked-source';
import type { Actor, FormVersion, HistoryEvent, PaymentHold, Submission, Task } from '../core/model';
import type { ListedSubmission } from '../core/use-cases/submissions/list-submissions';
import type { SubmissionResult } from '../core/use-cases/submissions/submit-submission';
import { capabilities, decidableAs, decidableSteps } from '../core/use-cases/support/access';
import { openAssignments } from '../core/workflow/engine';
import type { Chain } from '../core/workflow/types';

/** Response shapes of the API (docs/api.md), built in one place (no response literals repeated in handlers). */

export function openSteps(sub: Submission, chain: Chain) {
  return openAssignments(chain, sub.workflow).map(({ step, assignment }) => ({
    stepId: step.id,
    name: step.name,
    assigneeUnitId: assignment.unitId,
    assignedAt: assignment.assignedAt,
    dueAt: assignment.dueAt,
  }));
}

/** The person a deputy decides this step for, when the actor may decide it only under delegation. */
function onBehalf(actor: Actor, s: Submission, chain: Chain, stepId: string) {
  const d = decidableAs(actor, s, chain).find((x) => x.step.id === stepId);
  return d?.onBehalfOf ? { onBehalfOf: d.onBehalfOf } : undefined;
}

export function presentSubmission(result: SubmissionResult, actor: Actor) {
  const { submission: s, chain } = result;
  return {
    ...presentCreated(s),
    openSteps: openSteps(s, chain),
    submittedAt: s.submittedAt ?? null,
    managingUnitId: s.managingUnitId ?? null,
    permissions: capabilities(actor, s),
    decidable: decidableSteps(actor, s, chain).map((step) => ({
      stepId: step.id,
      name: step.name,
      actions: step.actions,
      ...(step.score ? { score: step.score } : {}),
      ...(step.decisionSchema ? { decisionSchema: step.decisionSchema } : {}),
      ...(step.transferTo ? { transferTo: step.transferTo } : {}),
      ...(onBehalf(actor, s, chain, step.id) ?? {}),
    })),
    chain: {
      id: chain.id,
      version: chain.version,
      title: chain.title,
      steps: chain.steps.map((st) => ({
        id: st.id,
        name: st.name,
        basis: st.basis,
        kind: st.kind ?? 'review',
        description: st.description ?? '',
        ...(st.dueInWorkingDays ? { dueInWorkingDays: st.dueInWorkingDays } : {}),
      })),
    },
    workflow: { round: s.workflow.round, stepIndex: s.workflow.stepIndex, trail: s.workflow.trail },
    outcomes: s.outcomes ?? {},
    flags: s.flags ?? [],
  };
}

/** The fields every submission view shares (a draft right after creation has just these). */
export function presentCreated(s: Submission) {
  return {
    id: s.id,
    formId: s.formId,
    formVersion: s.formVersion,
    chainId: s.chainId,
    chainVersion: s.chainVersion,
    title: s.title,
    unitId: s.unitId,
    createdBy: s.createdBy,
    status: s.status,
    version: s.version,
    data: s.data,
    computed: s.computed,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(s.campaignId ? { campaignId: s.campaignId } : {}),
    ...presentLink(s),
  };
}

/** Linked forms and the 国库股 payment hold, as every submission view shows them. */
function presentLink(s: Pick<Submission, 'source' | 'paymentHold'>) {
  return {
    source: s.source
      ? {
          submissionId: s.source.submissionId,
          formId: s.source.formId,
          title: s.source.title,
          lockedPaths: lockedPatterns(s.source.locks),
        }
      : null,
    paymentHold: presentHold(s.paymentHold),
  };
}

export function presentHold(h: PaymentHold | undefined) {
  return h
    ? { active: h.active, reason: h.reason, at: h.at, by: h.by, basisSubmissionId: h.basisSubmissionId ?? null }
    : null;
}

export function presentSummary(s: ListedSubmission, unitNames: Map<string, string>) {
  return {
    id: s.id,
    formId: s.formId,
    formVersion: s.formVersion,
    title: s.title,
    status: s.status,
    unitId: s.unitId,
    unitName: unitNames.get(s.unitId) ?? s.unitId,
    // 当前环节: the open step's name, with the unit it waits on and its deadline.
    openSteps: s.openSteps.map((o) => ({
      stepId: o.stepId,
      name: o.name,
      assigneeUnitId: o.assigneeUnitId,
      assigneeUnitName: unitNames.get(o.assigneeUnitId) ?? o.assigneeUnitId,
      dueAt: o.dueAt,
    })),
    overdue: s.overdue,
    currentStepId: s.workflow.stepIndex,
    fiscalYear: typeof s.data?.fiscalYear === 'number' ? s.data.fiscalYear : null,
    everSubmitted: s.everSubmitted,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    submittedAt: s.submittedAt ?? null,
    ...(s.campaignId ? { campaignId: s.campaignId } : {}),
    sourceSubmissionId: s.source?.submissionId ?? null,
    paymentHold: presentHold(s.paymentHold),
  };
}

export function presentTask(t: Task & { overdue: boolean }, unitNames: Map<string, string>) {
  return {
    submissionId: t.submissionId,
    formId: t.formId,
    title: t.title,
    stepId: t.stepId,
    stepName: t.stepName,
    kind: t.kind,
    round: t.round,
    status: t.status,
    outcome: t.outcome ?? null,
    assigneeUnitId: t.assigneeUnitId,
    submitterUnitId: t.submitterUnitId,
    submitterUnitName: unitNames.get(t.submitterUnitId) ?? t.submitterUnitId,
    assignedAt: t.assignedAt,
    dueAt: t.dueAt,
    closedAt: t.closedAt ?? null,
    overdue: t.overdue,
  };
}

export function presentHistory(e: HistoryEvent) {
  return {
    seq: e.seq,
    at: e.at,
    type: e.type,
    stepId: e.stepId ?? null,
    stepName: e.stepName ?? null,
    actor: e.actor,
    comment: e.comment ?? null,
    score: e.score ?? null,
    fields: e.fields ?? null,
    unitIds: e.unitIds ?? null,
    outcome: e.outcome ?? null,
    flags: e.flags ?? null,
    fieldComments: e.fieldComments ?? null,
    formVersion: e.formVersion,
    status: e.status,
    attachmentsAdded: e.attachmentsAdded ?? null,
    ...(e.toUnitId ? { toUnitId: e.toUnitId } : {}),
    ...(e.addedUnitId ? { addedUnitId: e.addedUnitId, position: e.position } : {}),
    ...(e.onBehalfOf ? { onBehalfOf: e.onBehalfOf } : {}),
  };
}

export function presentFormSummary(f: FormVersion) {
  return {
    id: f.id,
    version: f.version,
    title: f.title,
    family: f.family ?? null,
    status: f.status,
    chainId: f.chainId,
    chainVersion: f.chainVersion,
    sourceForms: f.source?.forms ?? [],
    creators: f.creators ?? null,
  };
}

export function presentForm(f: FormVersion) {
  return {
    ...presentFormSummary(f),
    schema: f.schema,
    uiSchema: f.uiSchema,
    logic: f.logic ?? {},
    examples: f.examples.map((e) => ({ title: e.title, data: e.data })),
    prefill: f.prefill ?? {},
    source: f.source ?? null,
    subjectCodePath: f.subjectCodePath ?? null,
    createdAt: f.createdAt,
    publishedAt: f.publishedAt ?? null,
  };
}
