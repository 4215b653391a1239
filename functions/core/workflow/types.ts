/** Engine state and events. The chain definition types live in forms/lib/definitions.ts. */

import type { Action, Assignee, Chain, Step, StepScore } from '../../../forms/lib/definitions';

export type { Action, Assignee, Chain, Step, StepScore };

export type AssignmentState =
  | 'open'
  | 'approved'
  | 'returned'
  | 'rejected'
  | 'cancelled'
  | 'notified'
  /** 加签: paused until an added signer decides (before), or not yet active (after). */
  | 'waiting';

export interface Assignment {
  unitId: string;
  state: AssignmentState;
  assignedAt: string;
  dueAt: string | null;
  actorId?: string;
  at?: string;
  /** 加签: the unit that added this signer (absent on the chain's own assignees). */
  addedBy?: string;
  /** 加签: the added signer decides before the adder continues, or after the adder approves. */
  position?: 'before' | 'after';
  /** 转交: the unit the assignment was transferred from. */
  transferredFrom?: string;
}

export interface StepRecord {
  stepId: string;
  outcome: 'approved' | 'returned' | 'rejected' | 'skipped' | 'notified';
  at: string;
}

/** Engine-owned part of a submission. */
export interface WorkflowState {
  status: 'draft' | 'in_review' | 'returned' | 'approved' | 'rejected';
  /** Review round: 1 on first submit, +1 on every resubmit. */
  round: number;
  /** Index in chain.steps of the open step, or null when none is open. */
  stepIndex: number | null;
  assignments: Assignment[];
  /** Steps finished in the current round, in order. */
  trail: StepRecord[];
  /** Whether any reviewer acted in the current round (withdraw is allowed only before). */
  reviewerActed: boolean;
  /** Latest decision per step in the current round, for `when` conditions. */
  decisions: Record<string, DecisionSummary>;
}

export interface DecisionSummary {
  action: Action;
  score?: number;
  fields?: Record<string, unknown>;
  unitId: string;
}

export interface Decision {
  stepId: string;
  action: Action;
  comment?: string;
  score?: number;
  fields?: Record<string, unknown>;
  actorId: string;
  actorUnitId: string;
}

export type EngineEvent =
  | { type: 'submitted'; round: number }
  | { type: 'withdrawn'; cancelledUnitIds: string[] }
  | {
      type: 'decided';
      stepId: string;
      action: Action;
      unitId: string;
      comment?: string;
      score?: number;
      fields?: Record<string, unknown>;
      /** 加签: decided by an added signer (does not count as the step's decision). */
      added?: boolean;
    }
  | { type: 'stepOpened'; stepId: string; assignments: Assignment[] }
  | { type: 'stepClosed'; stepId: string; outcome: StepRecord['outcome']; cancelledUnitIds: string[] }
  | { type: 'stepSkipped'; stepId: string }
  | { type: 'notified'; stepId: string; unitIds: string[] }
  | { type: 'returned'; toStepId: string | null }
  | { type: 'completed'; status: 'approved' | 'rejected' }
  | {
      type: 'transferred';
      stepId: string;
      fromUnitId: string;
      toUnitId: string;
      comment?: string;
      dueAt: string | null;
    }
  | {
      type: 'signerAdded';
      stepId: string;
      byUnitId: string;
      unitId: string;
      position: 'before' | 'after';
      comment?: string;
      dueAt: string | null;
    }
  /** Assignments of the open step that (re)open: the adder after a 'before' signer, 'after' signers. */
  | { type: 'assignmentsOpened'; stepId: string; assignments: Assignment[] }
  /** Open assignments cancelled while the step stays open (或签 decided by one unit, its own after-signers pending). */
  | { type: 'assignmentsCancelled'; stepId: string; unitIds: string[] };

/** Everything the pure engine needs from outside, resolved by the use case beforehand. */
export interface EngineContext {
  now: string;
  /** Units an assignee spec resolves to for this submission. */
  resolveAssignee(assignee: Assignee): string[];
  /** Whether a step's `when` holds; the use case evaluates the expressions before calling the engine. */
  isActive(step: Step): boolean;
  /** Due date for a step opened now, or null without a deadline. */
  dueAt(step: Step): string | null;
}
