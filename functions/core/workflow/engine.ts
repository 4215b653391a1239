import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import type { Assignee, Assignment, Chain, Decision, EngineContext, EngineEvent, Step, WorkflowState } from './types';

/** The pure review-chain engine: (chain, state, input, context) -> { state, events }. No I/O, no clock. */
export interface Transition {
  state: WorkflowState;
  events: EngineEvent[];
}

const ACTION_LABELS = { approve: '通过', return: '退回', reject: '不予通过' } as const;

/** The state of a new draft. */
export function initialState(): WorkflowState {
  return {
    status: 'draft',
    round: 0,
    stepIndex: null,
    assignments: [],
    trail: [],
    reviewerActed: false,
    decisions: {},
  };
}

export function assigneesOf(step: Step): Assignee[] {
  return Array.isArray(step.assignee) ? step.assignee : [step.assignee];
}

function resolveUnits(step: Step, ctx: EngineContext): string[] {
  const units = assigneesOf(step).flatMap((a) => ctx.resolveAssignee(a));
  const unique = [...new Set(units)];
  if (unique.length === 0)
    throw new ValidationError(`审核链步骤「${step.name}」没有可用的办理单位，请联系管理员检查归口设置`);
  return unique;
}

function openStep(chain: Chain, state: WorkflowState, index: number, ctx: EngineContext, events: EngineEvent[]): void {
  const step = chain.steps[index];
  const dueAt = ctx.dueAt(step);
  const assignments: Assignment[] = resolveUnits(step, ctx).map((unitId) => ({
    unitId,
    state: 'open',
    assignedAt: ctx.now,
    dueAt,
  }));
  state.stepIndex = index;
  state.assignments = assignments;
  events.push({ type: 'stepOpened', stepId: step.id, assignments: assignments.map((a) => ({ ...a })) });
}

/** Walks forward from `from`: skips inactive steps, fires notify steps, opens the next review step or completes. */
function advance(chain: Chain, state: WorkflowState, from: number, ctx: EngineContext, events: EngineEvent[]): void {
  for (let i = from; i < chain.steps.length; i++) {
    const step = chain.steps[i];
    if (!ctx.isActive(step)) {
      state.trail.push({ stepId: step.id, outcome: 'skipped', at: ctx.now });
      events.push({ type: 'stepSkipped', stepId: step.id });
      continue;
    }
    if (step.kind === 'notify') {
      const unitIds = resolveUnits(step, ctx);
      state.trail.push({ stepId: step.id, outcome: 'notified', at: ctx.now });
      events.push({ type: 'notified', stepId: step.id, unitIds });
      continue;
    }
    openStep(chain, state, i, ctx, events);
    return;
  }
  state.stepIndex = null;
  state.assignments = [];
  state.status = 'approved';
  events.push({ type: 'completed', status: 'approved' });
}

function clone(state: WorkflowState): WorkflowState {
  return structuredClone(state);
}

/** Submits a draft or a returned submission: a new round starts at the first active step. */
export function submit(chain: Chain, current: WorkflowState, ctx: EngineContext): Transition {
  if (current.status !== 'draft' && current.status !== 'returned') {
    throw new ConflictError('只有草稿或被退回的填报可以提交');
  }
  const state = clone(current);
  const events: EngineEvent[] = [];
  state.status = 'in_review';
  state.round += 1;
  state.trail = [];
  state.decisions = {};
  state.reviewerActed = false;
  events.push({ type: 'submitted', round: state.round });
  advance(chain, state, 0, ctx, events);
  return { state, events };
}

/** The submitter takes a submission back, allowed until the first reviewer has acted in this round. */
export function withdraw(current: WorkflowState): Transition {
  if (current.status !== 'in_review') throw new ConflictError('只有审核中的填报可以撤回');
  if (current.reviewerActed) throw new ConflictError('审核人已经办理，不能撤回');
  const state = clone(current);
  const cancelled = state.assignments.filter((a) => a.state === 'open').map((a) => a.unitId);
  state.status = 'draft';
  state.stepIndex = null;
  state.assignments = [];
  return { state, events: [{ type: 'withdrawn', cancelledUnitIds: cancelled }] };
}

function checkDecisionInput(step: Step, decision: Decision): void {
  if (!step.actions.includes(decision.action)) {
    throw new ValidationError(`此步骤不能「${ACTION_LABELS[decision.action] ?? decision.action}」`, [
      { path: '/action', message: `允许的操作：${step.actions.map((a) => ACTION_LABELS[a]).join('、')}` },
    ]);
  }
  const comment = decision.comment?.trim() ?? '';
  if ((decision.action === 'return' || decision.action === 'reject') && comment.length === 0) {
    throw new ValidationError('退回或不予通过时必须填写意见', [{ path: '/comment', message: '请填写审核意见' }]);
  }
  if (step.score) {
    const { min, max, required } = step.score;
    if (decision.score === undefined || decision.score === null) {
      if (required && decision.action === 'approve') {
        throw new ValidationError('此步骤需要评分', [{ path: '/score', message: `请填写 ${min}–${max} 之间的分数` }]);
      }
    } else if (!Number.isFinite(decision.score) || decision.score < min || decision.score > max) {
      throw new ValidationError('分数超出范围', [{ path: '/score', message: `分数应在 ${min}–${max} 之间` }]);
    } else if (Math.round(decision.score * 100) !== decision.score * 100) {
      throw new ValidationError('分数最多保留两位小数', [{ path: '/score', message: '分数最多保留两位小数' }]);
    }
  } else if (decision.score !== undefined && decision.score !== null) {
    throw new ValidationError('此步骤不需要评分', [{ path: '/score', message: '此步骤不需要评分' }]);
  }
}

/**
 * Records one reviewer decision on the open step. Conflicts (409) when the step is not the open one
 * or the unit has already decided; the caller has checked that the actor belongs to the unit.
 * 加签: an added signer's decision is an opinion on the step (no score, not the step's decision); its approve
 * hands the step back to the adder (before) or counts toward closing it (after). 会签 closes when no
 * assignment is open or waiting; 或签 closes on one chain assignee's approve once that unit's own
 * after-signers have approved.
 */
export function decide(chain: Chain, current: WorkflowState, decision: Decision, ctx: EngineContext): Transition {
  if (current.status !== 'in_review' || current.stepIndex === null) {
    throw new ConflictError('该填报当前没有待办理的审核步骤');
  }
  const index = current.stepIndex;
  const step = chain.steps[index];
  if (step.id !== decision.stepId) throw new ConflictError('该审核步骤不是当前待办理的步骤');
  const mine = current.assignments.find((a) => a.unitId === decision.actorUnitId);
  if (!mine) throw new ForbiddenError('您所在单位不是该步骤的办理单位');
  if (mine.state === 'waiting') throw new ConflictError('该步骤已加签，请等待加签单位办理后再办理');
  if (mine.state !== 'open') throw new ConflictError('该步骤已经办理');
  const added = Boolean(mine.addedBy);
  if (added && (decision.score !== undefined || decision.fields !== undefined)) {
    throw new ValidationError('加签单位只填写意见，不评分、不填审核字段', [
      { path: decision.score !== undefined ? '/score' : '/fields', message: '加签单位只填写意见' },
    ]);
  }
  checkDecisionInput(added ? { ...step, score: undefined } : step, decision);

  const state = clone(current);
  const events: EngineEvent[] = [];
  state.reviewerActed = true;
  const assignment = state.assignments.find((a) => a.unitId === decision.actorUnitId) as Assignment;
  assignment.state =
    decision.action === 'approve' ? 'approved' : decision.action === 'return' ? 'returned' : 'rejected';
  assignment.actorId = decision.actorId;
  assignment.at = ctx.now;
  if (!added) {
    state.decisions[step.id] = {
      action: decision.action,
      unitId: decision.actorUnitId,
      ...(decision.score !== undefined ? { score: decision.score } : {}),
      ...(decision.fields ? { fields: decision.fields } : {}),
    };
  }
  events.push({
    type: 'decided',
    stepId: step.id,
    action: decision.action,
    unitId: decision.actorUnitId,
    comment: decision.comment,
    score: decision.score,
    fields: decision.fields,
    ...(added ? { added: true } : {}),
  });

  const closeStep = (outcome: 'approved' | 'returned' | 'rejected', cancelled: string[] = []) => {
    for (const a of state.assignments) {
      if (a.state === 'open') cancelled.push(a.unitId);
      if (a.state === 'open' || a.state === 'waiting') a.state = 'cancelled';
    }
    state.trail.push({ stepId: step.id, outcome, at: ctx.now });
    events.push({ type: 'stepClosed', stepId: step.id, outcome, cancelledUnitIds: cancelled });
  };

  if (decision.action === 'approve') {
    const reopened: Assignment[] = [];
    const cancelled: string[] = [];
    const reopen = (a: Assignment) => {
      a.state = 'open';
      a.assignedAt = ctx.now;
      if (a.addedBy) a.dueAt = ctx.dueAt(step);
      reopened.push({ ...a });
    };
    if (added && assignment.position === 'before') {
      const adder = state.assignments.find((a) => a.unitId === assignment.addedBy && a.state === 'waiting');
      if (adder) reopen(adder);
    }
    if (!added) {
      for (const a of state.assignments) {
        if (a.addedBy === decision.actorUnitId && a.position === 'after' && a.state === 'waiting') reopen(a);
      }
      if ((step.mode ?? 'all') === 'any') {
        // 或签: this unit's approve decides the step; the other units' work (and their added signers) ends.
        for (const a of state.assignments) {
          const ours = a.unitId === decision.actorUnitId || a.addedBy === decision.actorUnitId;
          if (ours || (a.state !== 'open' && a.state !== 'waiting')) continue;
          if (a.state === 'open') cancelled.push(a.unitId);
          a.state = 'cancelled';
        }
      }
    }
    if (reopened.length) events.push({ type: 'assignmentsOpened', stepId: step.id, assignments: reopened });
    if (state.assignments.some((a) => a.state === 'open' || a.state === 'waiting')) {
      if (cancelled.length) events.push({ type: 'assignmentsCancelled', stepId: step.id, unitIds: cancelled });
      return { state, events };
    }
    closeStep('approved', cancelled);
    advance(chain, state, index + 1, ctx, events);
    return { state, events };
  }

  if (decision.action === 'reject') {
    closeStep('rejected');
    // Notify steps marked notifyOnReject still carry a 不予通过 result to their units (第十四条).
    for (const later of chain.steps.slice(index + 1)) {
      if (later.kind !== 'notify' || !later.notifyOnReject || !ctx.isActive(later)) continue;
      const unitIds = resolveUnits(later, ctx);
      state.trail.push({ stepId: later.id, outcome: 'notified', at: ctx.now });
      events.push({ type: 'notified', stepId: later.id, unitIds });
    }
    state.status = 'rejected';
    state.stepIndex = null;
    state.assignments = [];
    events.push({ type: 'completed', status: 'rejected' });
    return { state, events };
  }

  closeStep('returned');
  const target =
    step.returnTo && step.returnTo !== 'submitter' ? chain.steps.findIndex((s) => s.id === step.returnTo) : -1;
  if (target >= 0 && target < index) {
    events.push({ type: 'returned', toStepId: chain.steps[target].id });
    openStep(chain, state, target, ctx, events);
  } else {
    events.push({ type: 'returned', toStepId: null });
    state.status = 'returned';
    state.stepIndex = null;
    state.assignments = [];
  }
  return { state, events };
}

/** The open step and its open assignments, for views and authorization. */
export function openAssignments(chain: Chain, state: WorkflowState): { step: Step; assignment: Assignment }[] {
  if (state.status !== 'in_review' || state.stepIndex === null) return [];
  const step = chain.steps[state.stepIndex];
  return state.assignments.filter((a) => a.state === 'open').map((assignment) => ({ step, assignment }));
}
