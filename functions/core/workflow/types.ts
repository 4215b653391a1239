/** The review-chain model (forms/FORMAT.md "Chains"). Chains are data, validated by chain-schema.ts. */

export type Action = 'approve' | 'return' | 'reject';

export type Assignee =
  /** A fixed unit, e.g. 绩效评价服务股. */
  | { type: 'unit'; unitId: string }
  /** The 业务股室 that manages the submitting unit, after 第九条 fund-type routing. */
  | { type: 'managingSection' }
  /** The submitting unit itself (unit leader sign-off, feedback steps). */
  | { type: 'submitterUnit' };

export interface StepScore {
  min: number;
  max: number;
  required?: boolean;
  /** Label shown in the decision panel, e.g. 复核得分. */
  label?: string;
}

export interface Step {
  id: string;
  name: string;
  /** 规程 article the step rests on, e.g. "第十六条". */
  basis: string;
  /** One assignee or several (then `mode` decides: all = 会签, any = 或签). */
  assignee: Assignee | Assignee[];
  actions: Action[];
  kind?: 'review' | 'notify';
  score?: StepScore;
  /** JSONata over { data, computed, decisions }; the step is skipped when false. */
  when?: string;
  dueInWorkingDays?: number;
  mode?: 'all' | 'any';
  /** `submitter` (default) or the id of an earlier step that reopens on return. */
  returnTo?: string;
  /** JSON Schema of extra decision fields (e.g. { isMajorMatter: boolean }) shown in the decision panel. */
  decisionSchema?: Record<string, unknown>;
  /** Short help for the reviewer. */
  description?: string;
  /**
   * Cross-field checks of a decision (e.g. R-A2: the 事前 conclusion must match the score bands unless a
   * reason is given). JSONata over { action, score, fields, comment, data, computed, decisions } with
   * $settings = the form's settings; a check fails when it evaluates to false.
   */
  checks?: { expr: string; message: string; path?: string }[];
  /**
   * What the decision implies, recorded on the history event and the submission (e.g. R-C2/R-C3/R-C4
   * result application after the 抽查复核 score). JSONata over the same input; evaluated after approve.
   */
  outcome?: string;
  /**
   * 转交: units the open step may be transferred to (misrouted 归口). Absent = any 局机关股室 or center;
   * [] = the step cannot be transferred.
   */
  transferTo?: string[];
}

export interface Chain {
  id: string;
  version: number;
  title: string;
  description?: string;
  steps: Step[];
}

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
