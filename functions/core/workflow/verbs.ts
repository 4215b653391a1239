import { ConflictError, coded, ForbiddenError, ValidationError } from '../errors';
import { assigneesOf, type Transition } from './engine';
import type { Assignment, Chain, EngineContext, Step, WorkflowState } from './types';

/** 加签 per step: a few added signers at most, so a step cannot grow without bound. */
export const MAX_ADDED_SIGNERS = 5;

export interface VerbInput {
  stepId: string;
  actorId: string;
  actorUnitId: string;
  comment?: string;
}

/** The open step and the actor unit's open chain assignment on it (the same gates as a decision). */
function actorsOpenAssignment(chain: Chain, current: WorkflowState, input: VerbInput): { step: Step } {
  if (current.status !== 'in_review' || current.stepIndex === null) {
    throw new ConflictError('该填报当前没有待办理的审核步骤');
  }
  const step = chain.steps[current.stepIndex];
  if (step.id !== input.stepId) throw new ConflictError('该审核步骤不是当前待办理的步骤');
  const mine = current.assignments.find((a) => a.unitId === input.actorUnitId);
  if (!mine) throw new ForbiddenError('您所在单位不是该步骤的办理单位');
  if (mine.state === 'waiting') throw new ConflictError('该步骤已加签，请等待加签单位办理后再办理');
  if (mine.state !== 'open') throw new ConflictError('该步骤已经办理');
  if (mine.addedBy) {
    throw coded(new ForbiddenError('加签单位只能通过、退回或不予通过，不能再转交或加签'), 'ADDED_SIGNER_LIMITED');
  }
  return { step };
}

function assertNewUnit(current: WorkflowState, unitId: string, path: string): void {
  if (current.assignments.some((a) => a.unitId === unitId)) {
    throw coded(
      new ValidationError('该单位已经是本步骤的办理单位', [{ path, message: '请选择其他单位' }]),
      'UNIT_ALREADY_ASSIGNED',
    );
  }
}

/**
 * 转交: the actor unit hands its open assignment of the open step to another unit (a misrouted 归口), with an
 * opinion. The new unit's assignment opens now with a fresh deadline; the step, its mode and the other
 * assignees stay. The chain may restrict the targets (`transferTo`); steps of the submitting unit itself
 * (sign-off) cannot be transferred.
 */
export function transfer(
  chain: Chain,
  current: WorkflowState,
  input: VerbInput & { toUnitId: string; submitterUnitId: string },
  ctx: EngineContext,
): Transition {
  const { step } = actorsOpenAssignment(chain, current, input);
  if (!input.comment?.trim()) {
    throw new ValidationError('转交时必须填写意见', [{ path: '/comment', message: '请说明转交的理由' }]);
  }
  const ownUnitStep = assigneesOf(step).some((a) => a.type === 'submitterUnit');
  const allowed = step.transferTo === undefined || step.transferTo.includes(input.toUnitId);
  if (ownUnitStep || !allowed || input.toUnitId === input.submitterUnitId) {
    throw coded(
      new ValidationError('此步骤不能转交给该单位', [
        {
          path: '/toUnitId',
          message: step.transferTo?.length ? '请在允许转交的单位中选择' : '此步骤不能转交给该单位',
        },
      ]),
      'TRANSFER_NOT_ALLOWED',
    );
  }
  assertNewUnit(current, input.toUnitId, '/toUnitId');
  const state = structuredClone(current);
  const index = state.assignments.findIndex((a) => a.unitId === input.actorUnitId);
  const dueAt = ctx.dueAt(step);
  const next: Assignment = {
    unitId: input.toUnitId,
    state: 'open',
    assignedAt: ctx.now,
    dueAt,
    transferredFrom: input.actorUnitId,
  };
  state.assignments[index] = next;
  state.reviewerActed = true;
  return {
    state,
    events: [
      {
        type: 'transferred',
        stepId: step.id,
        fromUnitId: input.actorUnitId,
        toUnitId: input.toUnitId,
        comment: input.comment,
        dueAt,
      },
    ],
  };
}

/**
 * 加签: the actor unit adds a signer to the open step for this submission only (the pinned chain is not
 * changed; the assignment lives in the submission's workflow state). `before`: the added unit decides first
 * and the adder's assignment waits until it approves. `after`: the added unit decides once the adder has
 * approved, and the step closes only after it approved too.
 */
export function addSigner(
  chain: Chain,
  current: WorkflowState,
  input: VerbInput & { unitId: string; position: 'before' | 'after'; submitterUnitId: string },
  ctx: EngineContext,
): Transition {
  const { step } = actorsOpenAssignment(chain, current, input);
  if (input.unitId === input.submitterUnitId) {
    throw coded(
      new ValidationError('不能加签填报单位自己', [{ path: '/unitId', message: '请选择审核单位' }]),
      'ADD_SIGNER_NOT_ALLOWED',
    );
  }
  assertNewUnit(current, input.unitId, '/unitId');
  if (current.assignments.filter((a) => a.addedBy).length >= MAX_ADDED_SIGNERS) {
    throw coded(
      new ValidationError(`每个步骤最多加签 ${MAX_ADDED_SIGNERS} 个单位`, [
        { path: '/unitId', message: '加签单位已达上限' },
      ]),
      'ADD_SIGNER_NOT_ALLOWED',
    );
  }
  const state = structuredClone(current);
  const dueAt = input.position === 'before' ? ctx.dueAt(step) : null;
  state.assignments.push({
    unitId: input.unitId,
    state: input.position === 'before' ? 'open' : 'waiting',
    assignedAt: ctx.now,
    dueAt,
    addedBy: input.actorUnitId,
    position: input.position,
  });
  if (input.position === 'before') {
    const adder = state.assignments.find((a) => a.unitId === input.actorUnitId) as Assignment;
    adder.state = 'waiting';
  }
  state.reviewerActed = true;
  return {
    state,
    events: [
      {
        type: 'signerAdded',
        stepId: step.id,
        byUnitId: input.actorUnitId,
        unitId: input.unitId,
        position: input.position,
        comment: input.comment,
        dueAt,
      },
    ],
  };
}
