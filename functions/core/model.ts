/** Domain records shared by use cases, repositories and the API. Plain data, no behaviour. */

import type { Role, SubmissionStatus } from '../../forms/lib/definitions';

export type {
  ComputedField,
  FormExample,
  FormFlag,
  FormGate,
  FormLogic,
  FormRule,
  FormStatus,
  FormVersion,
  Indicator,
  IndicatorLevel1,
  PrefillSource,
  Role,
  SubmissionStatus,
} from '../../forms/lib/definitions';

/**
 * department: a 归口部门/单位 that fills forms; section: a 局机关股室; center: 财政评审中心, 国资中心;
 * group: 领导小组 and other collective bodies.
 */
export type UnitKind = 'department' | 'section' | 'center' | 'group' | 'agency';

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  /** For departments: the 业务股室 that 归口-manages the unit's funds (第八条). */
  managedBy?: string;
  /** Units that see every submitted form (绩效评价服务股, 预算股, ...). */
  seesAll?: boolean;
  /** Leader user of the unit, for sign-off steps; informational. */
  code?: string;
  disabled?: boolean;
  /** Optimistic-lock counter of admin edits (absent on seeded units = 0). */
  version?: number;
  /** A 乡镇 (township) unit: chains route its steps through 乡镇财政管理股 where they say so (第十条). */
  township?: boolean;
}

/** Organisation-wide settings: fund-type routing of 第九条 (R-R1). */
export interface OrgSettings {
  fundTypeRouting: Record<string, string>;
  /** Optimistic-lock counter of admin edits (absent on seeded settings = 0). */
  version?: number;
  /** Units that may set or lift a 国库股 payment hold (第七条); absent = 国库股 and 绩效评价服务股. */
  paymentHoldUnits?: string[];
  /** Units besides the managing 业务股室 that may send a 纠偏通知 (第二十三条); absent = 绩效评价服务股. */
  correctionNoticeUnits?: string[];
  /**
   * Who checks a published item before publication, per form family (第三十条): a unit id or
   * `managingSection`. The 规程 names 预算股 for 预算公开 and the 业务股室 for 决算; the rest is a setting.
   */
  publicationCheckers?: Record<string, string>;
  /**
   * 结果应用 ratios the 规程 leaves open (第二十九条(五)): R-C2 压减比例 of a project rated 中, R-C6 压减比例 of a
   * department rated 中/差, in percent; null = not set (the forms' defaults apply).
   */
  resultApplication?: { reduceRatio?: number | null; deptCutRatio?: number | null };
  /** Largest attachment in bytes (default 20 MB). */
  attachmentMaxBytes?: number;
  /** Largest total of the attachments of one submission in bytes (default 100 MB). */
  submissionAttachmentsMaxBytes?: number;
}

export interface User {
  id: string;
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
  /** 联系电话, prefilled into new submissions (see FormVersion.prefill). */
  phone?: string;
  disabled?: boolean;
  /** scrypt hash "scrypt$N$r$p$salt$hash" (local mode only). */
  passwordHash?: string;
  /** Subject of the external identity provider (cloud mode). */
  externalSub?: string;
  createdAt: string;
  /** Optimistic-lock counter of admin edits (absent on seeded users = 0). */
  version?: number;
  updatedAt?: string;
  /**
   * Raised when the admin resets the password or disables the account: every token carries the value it
   * was issued under, and a token with an older value answers 401 (absent = 0).
   */
  tokenVersion?: number;
  /** Where email notifications go (absent: none). */
  email?: string;
  /** How the user wants email (absent: immediate). */
  mailPreference?: import('./ports-mail').MailPreference;
  /**
   * Epoch seconds: identity-provider tokens whose sign-in (`auth_time`) is older answer 401. Set when the
   * admin resets the password or disables the account (Cognito mode; the pool cannot be trusted to revoke).
   */
  tokensValidAfter?: number;
  /** The password was set by an admin: the next sign-in must choose a new one (NEW_PASSWORD_REQUIRED). */
  mustChangePassword?: boolean;
  /** Base32 TOTP secret of an administrator's second factor (own identity only; never shown after enrolment). */
  totpSecret?: string;
  /** A secret handed out by enrolment, active once the user proves it with a code. */
  totpPending?: string;
  /** The last time step a code was accepted for: a code is good once (no replay within its window). */
  totpLastStep?: number;
}

/** The signed-in user as the use cases see it: loaded from the user record, never from the token alone. */
export interface Actor {
  id: string;
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
  /** People of the same unit this user stands in for right now (delegation while away), loaded when needed. */
  standsInFor?: { id: string; name: string; roles: Role[] }[];
}

export interface OpenStep {
  stepId: string;
  name: string;
  assigneeUnitId: string;
  assignedAt: string;
  dueAt: string | null;
}

export interface Submission {
  id: string;
  formId: string;
  formVersion: number;
  chainId: string;
  chainVersion: number;
  title: string;
  unitId: string;
  createdBy: string;
  /**
   * Users who created, saved, upgraded or submitted the data (separation of duties: none of them decides a
   * step of it). Kept for the submission's life, since later rounds carry earlier rounds' data. Absent on
   * records written before it existed: then the creator alone.
   */
  dataEditorIds?: string[];
  status: SubmissionStatus;
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  /** Workflow state owned by the engine. */
  workflow: import('./workflow/types').WorkflowState;
  /** The managing 业务股室 resolved at submission (第九条 routing, then 归口). */
  managingUnitId?: string;
  /** Number of transitions so far; also the optimistic-lock counter. */
  version: number;
  /** True once the submission has been submitted at least once: reviewers may see it from then on. */
  everSubmitted: boolean;
  /** Units granted visibility (managing section, every assigned or notified unit). */
  viewerUnitIds: string[];
  /** Number of history events so far (the next event's seq is historyCount + 1). */
  historyCount: number;
  /** Outcomes of decided steps by step id (latest round). */
  outcomes?: Record<string, unknown>;
  /** Flags raised at the latest submission. */
  flags?: { id: string; message: string }[];
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  /** The 填报任务 the submission answers (pinned at creation). */
  campaignId?: string;
  /** The approved submission it started from (linked forms) and what stays as copied from it. */
  source?: SubmissionSource;
  /** 国库股 payment hold on a project target (第七条、第二十六条); kept after it is lifted, with `active: false`. */
  paymentHold?: PaymentHold;
  /** The unit the submission is about when another unit fills it (财政评价, 监督检查); default `unitId`. */
  subjectUnitId?: string;
  /** 财政评价 assignment (第二十六条): which approved plan object, to whom, by whom, when. */
  evaluation?: EvaluationAssignment;
  /** 公开 records (第三十条): what was checked and published, by whom, when. */
  publications?: PublicationRecord[];
}

export interface SubmissionSource {
  submissionId: string;
  formId: string;
  title: string;
  locks: import('../../forms/lib/linked-source').Lock[];
}

export interface PaymentHold {
  active: boolean;
  reason: string;
  at: string;
  by: { id: string; name: string; unitId: string };
  /** The monitoring report (or other submission) the hold rests on, when given. */
  basisSubmissionId?: string;
}

export interface EvaluationAssignment {
  planId: string;
  objectIndex: number;
  assignedUnitId: string;
  assignedBy: string;
  assignedAt: string;
}

export interface PublicationRecord {
  id: string;
  checkResult: 'passed' | 'returned';
  channel: string;
  url?: string;
  note?: string;
  checkedBy: { id: string; name: string; unitId: string };
  at: string;
}

export type HistoryType =
  | 'created'
  | 'saved'
  | 'submitted'
  | 'approved'
  | 'returned'
  | 'rejected'
  | 'withdrawn'
  | 'notified'
  | 'completed'
  | 'upgraded'
  /** A never-submitted draft deleted by its unit; the event stays as the record of the deletion. */
  | 'deleted'
  /** 纠偏通知 sent back to the unit on a monitoring report (第二十一、二十三条). */
  | 'correction_notice'
  /** 国库股 payment hold set on / lifted from a project target (第七条、第二十六条). */
  | 'payment_hold_set'
  | 'payment_hold_cleared'
  /** 公开 check recorded (第三十条). */
  | 'published'
  /** 转交 of an open step to another unit. */
  | 'transferred'
  /** 加签 of another unit to an open step (this submission only). */
  | 'signerAdded';

export interface HistoryEvent {
  seq: number;
  at: string;
  type: HistoryType;
  stepId?: string;
  stepName?: string;
  actor: { id: string; name: string; unitId: string };
  comment?: string;
  score?: number;
  fields?: Record<string, unknown>;
  /** Units informed by a notify (抄送) step. */
  unitIds?: string[];
  formVersion: number;
  /** Status after the event. */
  status: SubmissionStatus;
  /** Snapshot of the form data at submit/resubmit, for the diff between rounds. */
  dataSnapshot?: Record<string, unknown>;
  /** What a decision implies (step `outcome`), e.g. the result application of R-C2/R-C3. */
  outcome?: unknown;
  /** Flags raised at submission (e.g. R-C1 late). */
  flags?: { id: string; message: string }[];
  /** Comments a reviewer pinned to fields or indicator rows when returning. */
  fieldComments?: FieldComment[];
  /** Attachments pinned by this submit (the files this round added). */
  attachmentsAdded?: { id: string; name: string; sha256?: string }[];
  /** 转交: the unit the step went to. */
  toUnitId?: string;
  /** 加签: the added unit and whether it decides before or after the adder. */
  addedUnitId?: string;
  position?: 'before' | 'after';
  /** A decision made by a deputy under delegation: the person it was made on behalf of. */
  onBehalfOf?: { id: string; name: string };
}

export type TaskStatus = 'open' | 'done' | 'cancelled';

export interface Task {
  submissionId: string;
  formId: string;
  title: string;
  round: number;
  stepId: string;
  stepName: string;
  kind: 'review' | 'notify';
  assigneeUnitId: string;
  submitterUnitId: string;
  assignedAt: string;
  dueAt: string | null;
  status: TaskStatus;
  closedAt?: string;
  outcome?: string;
  actorId?: string;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** One year of the holiday calendar added or corrected by an admin (R-C7). */
export interface CalendarYearRecord {
  year: number;
  holidays: string[];
  workdays: string[];
  updatedAt: string;
  updatedBy?: string;
}

/** A reviewer's comment on one field (JSON Pointer) or one indicator row (`rowId` in the table at `path`). */
export interface FieldComment {
  path: string;
  rowId?: string;
  comment: string;
}
