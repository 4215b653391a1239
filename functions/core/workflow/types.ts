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
  checks?: { expr: string; message: string; path?: string; code?: string }[];
  /**
   * What the decision implies, recorded on the history event and the submission (e.g. R-C2/R-C3/R-C4
   * result application after the 抽查复核 score). JSONata over the same input; evaluated after approve.
   */
  outcome?: string;
  /** A notify step also fired when an earlier step ends the chain with 不予通过 (第十四条: results reach 预算股). */
  notifyOnReject?: boolean;
}

export interface Chain {
  id: string;
  version: number;
  title: string;
  description?: string;
  steps: Step[];
}

export type AssignmentState = 'open' | 'approved' | 'returned' | 'rejected' | 'cancelled' | 'notified';

export interface Assignment {
  unitId: string;
  state: AssignmentState;
  assignedAt: string;
  dueAt: string | null;
  actorId?: string;
  at?: string;
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
    }
  | { type: 'stepOpened'; stepId: string; assignments: Assignment[] }
  | { type: 'stepClosed'; stepId: string; outcome: StepRecord['outcome']; cancelledUnitIds: string[] }
  | { type: 'stepSkipped'; stepId: string }
  | { type: 'notified'; stepId: string; unitIds: string[] }
  | { type: 'returned'; toStepId: string | null }
  | { type: 'completed'; status: 'approved' | 'rejected' };

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
