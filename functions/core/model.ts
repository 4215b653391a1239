/** Domain records shared by use cases, repositories and the API. Plain data, no behaviour. */

export type Role = 'filler' | 'leader' | 'reviewer' | 'admin';

/**
 * department: a 归口部门/单位 that fills forms; section: a 局机关股室; center: 财政评审中心, 国资中心;
 * group: 领导小组 and other collective bodies.
 */
export type UnitKind = 'department' | 'section' | 'center' | 'group';

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
}

/** Organisation-wide settings: fund-type routing of 第九条 (R-R1). */
export interface OrgSettings {
  fundTypeRouting: Record<string, string>;
  /** Optimistic-lock counter of admin edits (absent on seeded settings = 0). */
  version?: number;
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
  /**
   * Epoch seconds: identity-provider tokens whose sign-in (`auth_time`) is older answer 401. Set when the
   * admin resets the password or disables the account (Cognito mode; the pool cannot be trusted to revoke).
   */
  tokensValidAfter?: number;
  /** The password was set by an admin: the next sign-in must choose a new one (NEW_PASSWORD_REQUIRED). */
  mustChangePassword?: boolean;
}

/** The signed-in user as the use cases see it: loaded from the user record, never from the token alone. */
export interface Actor {
  id: string;
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
}

export type FormStatus = 'draft' | 'published';

export type PrefillSource = 'user.name' | 'user.phone' | 'unit.name' | 'unit.code';

export interface FormExample {
  title: string;
  data: unknown;
  valid?: boolean;
}

/** One immutable version of a form definition. */
export interface FormVersion {
  id: string;
  version: number;
  title: string;
  family?: string;
  status: FormStatus;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  /** Computed fields, cross-field rules, gates and settings (see forms/FORMAT.md). */
  logic?: FormLogic;
  chainId: string;
  chainVersion: number;
  examples: FormExample[];
  /**
   * Fields a new submission takes from the creator's profile: JSON Pointer -> source
   * (`user.name`, `user.phone`, `unit.name`, `unit.code`). See forms/FORMAT.md.
   */
  prefill?: Record<string, PrefillSource>;
  createdAt: string;
  createdBy?: string;
  publishedAt?: string;
}

export interface ComputedField {
  /** JSON Pointer of the computed value inside the form data. */
  path: string;
  /** JSONata expression evaluated against the form data. */
  expr: string;
}

export interface FormRule {
  id: string;
  /** JSON Pointer the error is attached to. */
  path: string;
  /** JSONata expression; the rule passes when it evaluates to true (or to undefined: not applicable). */
  expr: string;
  message: string;
  /** `error` blocks submission (422); `warning` is shown but does not block. */
  level?: 'error' | 'warning';
  /**
   * `table`: evaluated once over the whole data; returns the indexes of the failing rows, each reported at
   * `path` with its `*` filled in (whole-table checks such as uniqueness stay linear). Default: per element.
   */
  scope?: 'table';
}

/** A cross-record precondition checked by the submit use case (e.g. R-A1). */
export interface FormGate {
  id: string;
  /** JSONata: when true the gate applies. */
  when: string;
  /** JSON Pointer of the field holding the id of the required submission. */
  refPath: string;
  formId: string;
  status: 'approved';
  message: string;
}

/** A flag raised at submission on the server's clock (e.g. R-C1 `late`); informs, never blocks. */
export interface FormFlag {
  id: string;
  /** JSONata over { data, submittedAt }; the flag is raised when true. */
  expr: string;
  message: string;
}

export interface FormLogic {
  flags?: FormFlag[];
  computed?: ComputedField[];
  rules?: FormRule[];
  gates?: FormGate[];
  settings?: Record<string, unknown>;
}

export type SubmissionStatus = 'draft' | 'in_review' | 'returned' | 'approved' | 'rejected';

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
  | 'deleted';

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

/** 一级指标 of the 三级指标体系 (docs/domain.md; `cost` is variant B). */
export type IndicatorLevel1 = 'output' | 'benefit' | 'satisfaction' | 'cost';

/** One entry of the 县级预算绩效指标库 (第十八条), picked into indicator tables. */
export interface Indicator {
  id: string;
  level1: IndicatorLevel1;
  /** 二级指标 key (quantity, quality, …; the allowed keys per 一级指标 are in indicator-checks.ts). */
  level2: string;
  /** 三级指标 name, e.g. 农村公路日常养护里程. */
  name: string;
  /** 计量单位 suggestion, e.g. 公里, %. */
  unit: string;
  /** Default 计算符号 (gte, gt, eq, lt, lte, qual). */
  operator?: string;
  /** 指标解释 / 指标内容: definition and formula. */
  content: string;
  /** 评（扣）分标准. */
  scoringStandard?: string;
  /** Form ids the indicator is offered in ([] = every form with an indicator table). */
  forms: string[];
  /** Budget years the indicator applies to ([] = every year). */
  years: number[];
  /** Disabled indicators are kept (rows that used them still point here) but no longer offered. */
  disabled?: boolean;
  /** Optimistic-lock counter. */
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy?: string;
}

/** One year of the holiday calendar added or corrected by an admin (R-C7). */
export interface CalendarYearRecord {
  year: number;
  holidays: string[];
  workdays: string[];
  updatedAt: string;
  updatedBy?: string;
}
