/** Shapes of the JSON API as the browser uses them (see docs/api.md). Definition types come from forms/lib. */

import type {
  Action,
  FormExample,
  FormLogic,
  Role,
  Step,
  StepScore,
  SubmissionStatus,
} from '../../../forms/lib/definitions';

export type { Role, StepScore, SubmissionStatus };
export type DecisionAction = Action;

export interface FieldError {
  path: string;
  message: string;
}

export interface Me {
  id: string;
  username: string;
  name: string;
  unitId: string;
  unitName: string;
  roles: Role[];
  unitKind?: string | null;
  /** Whom the user stands in for today (delegation while away). */
  standsInFor?: { id: string; name: string }[];
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
}

export interface FormSummary {
  id: string;
  version: number;
  title: string;
  family?: string;
  chainId?: string;
  chainVersion?: number;
  /** Forms a new submission of this form may start from (linked forms), e.g. the approved project target. */
  sourceForms?: string[];
}

export type JsonSchema = Record<string, unknown>;

export interface FormDefinition extends FormSummary {
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
  logic?: FormLogic;
  chainId: string;
  chainVersion: number;
  examples?: FormExample[];
}

export interface OpenStep {
  stepId: string;
  name: string;
  assigneeUnitName?: string;
  assigneeUnitId: string;
  assignedAt?: string;
  dueAt: string | null;
}

export interface DecidableStep {
  stepId: string;
  name: string;
  actions: DecisionAction[];
  score?: StepScore;
  decisionSchema?: JsonSchema;
  /** 转交 allow-list of the step ([] = cannot be transferred; absent = any reviewing unit). */
  transferTo?: string[];
  /** Set when the caller decides this step as a deputy (delegation while away). */
  onBehalfOf?: { id: string; name: string };
}

/** A chain step as the submission view shows it (the server sends these fields of the definition). */
export type ChainStep = Pick<Step, 'id' | 'name' | 'kind' | 'description'> & { basis?: string };

export interface Submission {
  id: string;
  formId: string;
  formVersion: number;
  chainVersion?: number;
  title?: string;
  unitId: string;
  unitName?: string;
  managingUnitId?: string;
  createdBy: string;
  status: SubmissionStatus;
  openSteps: OpenStep[];
  data: Record<string, unknown>;
  computed?: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
  permissions?: { canEdit: boolean; canSubmit: boolean; canWithdraw: boolean };
  decidable?: DecidableStep[];
  chain?: { id: string; version: number; title: string; steps: ChainStep[] };
  workflow?: {
    round: number;
    stepIndex: number | null;
    trail: { stepId: string; outcome: string; at: string }[];
  };
  warnings?: FieldError[];
  /** The approved target it started from, and the pointers (rows as `*`) that stay as copied. */
  source?: SubmissionSource | null;
  paymentHold?: PaymentHold | null;
}

export interface SubmissionSource {
  submissionId: string;
  formId: string;
  title: string;
  lockedPaths: string[];
}

/** 国库股 暂停拨付 on a project target. */
export interface PaymentHold {
  active: boolean;
  reason: string;
  at: string;
  by: { id: string; name: string; unitId: string };
  basisSubmissionId?: string | null;
}

export interface SubmissionListItem {
  id: string;
  formId: string;
  formVersion: number;
  title?: string;
  status: SubmissionStatus;
  unitId: string;
  unitName?: string;
  /** 当前环节: open steps with their names. */
  openSteps?: Partial<OpenStep>[];
  overdue?: boolean;
  fiscalYear?: number | null;
  everSubmitted?: boolean;
  version?: number;
  updatedAt: string;
  createdAt: string;
  sourceSubmissionId?: string | null;
  paymentHold?: PaymentHold | null;
}

export interface HistoryItem {
  seq: number;
  at: string;
  type: string;
  stepId?: string | null;
  stepName?: string;
  actor?: { id: string; name: string; unitId?: string; unitName?: string };
  comment?: string | null;
  score?: number | null;
  /** Decision fields of the step (e.g. 审核等级, 批复文号), as decided. */
  fields?: Record<string, unknown> | null;
  round?: number;
  /** 转交: the unit the step went to; 加签: the added unit and its place. */
  toUnitId?: string;
  addedUnitId?: string;
  position?: 'before' | 'after';
  /** A deputy's decision: the person it was made on behalf of. */
  onBehalfOf?: { id: string; name: string };
  /** Comments the reviewer pinned to fields or indicator rows when returning. */
  fieldComments?: FieldComment[] | null;
}

/** A reviewer's comment on a field (JSON Pointer) or an indicator row (`rowId` in the table at `path`). */
export interface FieldComment {
  path: string;
  rowId?: string;
  comment: string;
}

export interface Task {
  submissionId: string;
  formId: string;
  title?: string;
  stepId: string;
  stepName: string;
  assigneeUnitId: string;
  submitterUnitId: string;
  submitterUnitName?: string;
  assignedAt: string;
  dueAt: string | null;
  overdue?: boolean;
  status?: 'open' | 'done';
  round?: number;
  kind?: 'review' | 'notify';
  outcome?: string | null;
  closedAt?: string | null;
}

export interface Dashboard {
  counts: Partial<Record<SubmissionStatus, number>>;
  openTasks: number;
  upcoming: { submissionId: string; title?: string; stepName: string; dueAt: string | null; overdue?: boolean }[];
}

export interface Snapshot {
  round: number;
  at: string;
  data: Record<string, unknown>;
}

export interface ListPage<T> {
  items: T[];
  cursor?: string | null;
}
