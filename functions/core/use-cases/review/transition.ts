import { ValidationError } from '../../errors';
import type { Actor, HistoryEvent, HistoryType, Submission, Task } from '../../model';
import type { Deps, FormulaBudget, IdempotencyRequest, SubmissionChange, TaskClose } from '../../ports';
import type { Transition } from '../../workflow/engine';
import type { Assignee, Chain, DecisionSummary, EngineContext, Step } from '../../workflow/types';

/** Resolves the managing 业务股室: fund-type routing of 第九条 first (R-R1), then the unit's 归口 mapping. */
export async function resolveManagingUnit(deps: Deps, sub: Submission): Promise<string | undefined> {
  const data = sub.data as Record<string, Record<string, unknown> | unknown>;
  const basic = (data.basicInfo ?? {}) as Record<string, unknown>;
  const fundType = (data.fundType ?? basic.fundType) as string | undefined;
  const settings = await deps.org.getSettings();
  const routed = fundType ? settings.fundTypeRouting[fundType] : undefined;
  if (routed) return routed;
  const unit = await deps.org.getUnit(subjectUnitOf(sub));
  return unit?.managedBy;
}

/** The unit a submission is about: the evaluated or checked unit, else the submitter. */
export function subjectUnitOf(sub: Submission): string {
  return sub.subjectUnitId ?? sub.unitId;
}

/**
 * Builds the engine context for one transition. Step conditions (`when`, JSONata) are evaluated here,
 * before the pure engine runs, over { data, computed, decisions } including the pending decision,
 * all on the request's formula budget.
 */
export async function buildEngineContext(
  deps: Deps,
  sub: Submission,
  chain: Chain,
  now: string,
  pending?: { stepId: string; summary: DecisionSummary },
  budget: FormulaBudget = deps.expressions.budget(),
): Promise<EngineContext> {
  // Admin-added calendar years (R-C7) are loaded (cached) before any deadline is computed.
  await deps.calendar.refresh?.();
  const decisions = { ...sub.workflow.decisions, ...(pending ? { [pending.stepId]: pending.summary } : {}) };
  // Routing conditions see the subject unit's kind and 乡镇 attribute (第十条: township steps are chain data).
  const subject = chain.steps.some((s) => s.when?.includes('unit.'))
    ? await deps.org.getUnit(subjectUnitOf(sub))
    : null;
  const unit = { kind: subject?.kind ?? null, township: subject?.township === true };
  const input = { data: sub.data, computed: sub.computed, decisions, unit };
  const active = new Map<string, boolean>();
  for (const step of chain.steps) {
    if (!step.when) {
      active.set(step.id, true);
      continue;
    }
    try {
      const value = await deps.expressions.evaluate(step.when, input, undefined, budget);
      active.set(step.id, value === true);
    } catch (err) {
      throw new ValidationError(`审核链步骤「${step.name}」的条件无法计算：${(err as Error).message}`, [], {
        cause: err,
      });
    }
  }
  const resolve = (a: Assignee): string[] => {
    if (a.type === 'unit') return [a.unitId];
    if (a.type === 'submitterUnit') return [sub.unitId];
    if (a.type === 'subjectUnit') return [subjectUnitOf(sub)];
    return sub.managingUnitId ? [sub.managingUnitId] : [];
  };
  return {
    now,
    resolveAssignee: resolve,
    isActive: (step: Step) => active.get(step.id) ?? true,
    dueAt: (step: Step) => (step.dueInWorkingDays ? deps.calendar.dueAt(now, step.dueInWorkingDays).dueAt : null),
  };
}

const DECISION_TYPES: Record<string, HistoryType> = { approve: 'approved', return: 'returned', reject: 'rejected' };

export interface TransitionInput {
  before: Submission;
  chain: Chain;
  transition: Transition;
  actor: Actor;
  now: string;
  comment?: string;
  /** What the decision implies (step `outcome`), recorded on its history event and the submission. */
  outcome?: { stepId: string; value: unknown };
  /** Flags raised at submission (R-C1 late …). */
  flags?: { id: string; message: string }[];
  /** A deputy acting under delegation: recorded on the actor's events as "on behalf of". */
  onBehalfOf?: { id: string; name: string };
}

/**
 * Turns the engine's result into one atomic change: the new submission (version + 1), the history
 * events, tasks opened/closed, notify tasks and visibility grants.
 */
export function changeFromTransition(input: TransitionInput): { submission: Submission; change: SubmissionChange } {
  const { before, chain, transition, actor, now } = input;
  const stepById = new Map(chain.steps.map((s) => [s.id, s]));
  const sub: Submission = {
    ...before,
    workflow: transition.state,
    status: transition.state.status,
    version: before.version + 1,
    updatedAt: now,
  };
  const events: HistoryEvent[] = [];
  const openTasks: Task[] = [];
  const closeTasks: TaskClose[] = [];
  const notifyTasks: Task[] = [];
  const grants = new Set<string>();
  const who = { id: actor.id, name: actor.name, unitId: actor.unitId };
  const behalf = input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {};
  // Tasks closed by this transition were opened before it: their identity comes from the previous state.
  const assignedAt = (unitId: string) =>
    before.workflow.assignments.find((a) => a.unitId === unitId)?.assignedAt ?? now;
  const round = transition.state.round;
  const push = (e: Omit<HistoryEvent, 'seq' | 'at' | 'formVersion' | 'status'>) =>
    events.push({
      ...e,
      seq: before.historyCount + events.length + 1,
      at: now,
      formVersion: sub.formVersion,
      status: sub.status,
    });
  const taskOf = (step: Step, unitId: string, dueAt: string | null, kind: Task['kind']): Task => ({
    submissionId: sub.id,
    formId: sub.formId,
    title: sub.title,
    round,
    stepId: step.id,
    stepName: step.name,
    kind,
    assigneeUnitId: unitId,
    submitterUnitId: sub.unitId,
    assignedAt: now,
    dueAt,
    status: kind === 'notify' ? 'done' : 'open',
    ...(kind === 'notify' ? { closedAt: now, outcome: 'notified' } : {}),
  });

  for (const e of transition.events) {
    switch (e.type) {
      case 'submitted':
        sub.everSubmitted = true;
        sub.submittedAt = now;
        sub.flags = input.flags ?? [];
        sub.outcomes = {};
        push({
          type: 'submitted',
          actor: who,
          comment: input.comment,
          dataSnapshot: sub.data,
          ...(input.flags?.length ? { flags: input.flags } : {}),
        });
        if (sub.managingUnitId) grants.add(sub.managingUnitId);
        break;
      case 'withdrawn':
        for (const unitId of e.cancelledUnitIds) {
          const step = chain.steps[before.workflow.stepIndex ?? 0];
          closeTasks.push({
            round: before.workflow.round,
            stepId: step.id,
            unitId,
            assignedAt: assignedAt(unitId),
            status: 'cancelled',
            closedAt: now,
          });
        }
        push({ type: 'withdrawn', actor: who, comment: input.comment });
        break;
      case 'decided': {
        const step = stepById.get(e.stepId) as Step;
        closeTasks.push({
          round,
          stepId: e.stepId,
          unitId: e.unitId,
          assignedAt: assignedAt(e.unitId),
          status: 'done',
          outcome: e.action,
          actorId: actor.id,
          closedAt: now,
        });
        push({
          type: DECISION_TYPES[e.action],
          stepId: e.stepId,
          stepName: step.name,
          actor: who,
          ...behalf,
          comment: e.comment,
          ...(e.score !== undefined ? { score: e.score } : {}),
          ...(e.fields ? { fields: e.fields } : {}),
          ...(input.outcome?.stepId === e.stepId && input.outcome.value !== undefined
            ? { outcome: input.outcome.value }
            : {}),
        });
        if (input.outcome?.stepId === e.stepId && input.outcome.value !== undefined) {
          sub.outcomes = { ...(sub.outcomes ?? {}), [e.stepId]: input.outcome.value };
        }
        break;
      }
      case 'stepClosed':
      case 'assignmentsCancelled':
        for (const unitId of e.type === 'stepClosed' ? e.cancelledUnitIds : e.unitIds) {
          closeTasks.push({
            round,
            stepId: e.stepId,
            unitId,
            assignedAt: assignedAt(unitId),
            status: 'cancelled',
            closedAt: now,
          });
        }
        break;
      case 'stepOpened':
      case 'assignmentsOpened': {
        const step = stepById.get(e.stepId) as Step;
        for (const a of e.assignments) {
          openTasks.push(taskOf(step, a.unitId, a.dueAt, 'review'));
          grants.add(a.unitId);
        }
        break;
      }
      case 'notified': {
        const step = stepById.get(e.stepId) as Step;
        for (const unitId of e.unitIds) {
          notifyTasks.push(taskOf(step, unitId, null, 'notify'));
          grants.add(unitId);
        }
        push({ type: 'notified', stepId: e.stepId, stepName: step.name, actor: who, unitIds: e.unitIds });
        break;
      }
      case 'completed':
        push({
          type: 'completed',
          actor: who,
          comment: e.status === 'approved' ? '审核链办结：已通过' : '审核链办结：不予通过',
        });
        break;
      case 'transferred':
      case 'signerAdded': {
        const step = stepById.get(e.stepId) as Step;
        const transferred = e.type === 'transferred';
        const from = transferred ? e.fromUnitId : e.byUnitId;
        const to = transferred ? e.toUnitId : e.unitId;
        // The actor's task closes (its unit's part is handed on or paused); an 'after' signer waits without a task.
        if (transferred || e.position === 'before') {
          closeTasks.push({
            round,
            stepId: e.stepId,
            unitId: from,
            assignedAt: assignedAt(from),
            status: 'done',
            outcome: transferred ? 'transferred' : 'addSigner',
            actorId: actor.id,
            closedAt: now,
          });
          openTasks.push(taskOf(step, to, e.dueAt, 'review'));
        }
        grants.add(to);
        push({
          type: e.type,
          stepId: e.stepId,
          stepName: step.name,
          actor: who,
          ...behalf,
          comment: e.comment,
          ...(transferred ? { toUnitId: to } : { addedUnitId: to, position: e.position }),
        });
        break;
      }
      case 'stepSkipped':
      case 'returned':
        break;
    }
  }
  // History events carry the status after the whole transition.
  for (const ev of events) ev.status = sub.status;
  const newGrants = [...grants].filter((u) => !before.viewerUnitIds.includes(u) && u !== sub.unitId);
  sub.viewerUnitIds = [...before.viewerUnitIds, ...newGrants];
  sub.historyCount = before.historyCount + events.length;
  return {
    submission: sub,
    change: {
      submission: sub,
      expectedVersion: before.version,
      events,
      openTasks,
      closeTasks,
      notifyTasks,
      grants: newGrants,
    },
  };
}

/** Renders the idempotency record that is written in the same transaction as the change. */
export function idempotencyRecord(actor: Actor, idem: IdempotencyRequest | undefined, result: unknown) {
  if (!idem) return undefined;
  return {
    userId: actor.id,
    key: idem.key,
    requestHash: idem.requestHash,
    statusCode: idem.statusCode,
    body: idem.present(result),
  };
}
