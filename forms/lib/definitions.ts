/**
 * The definition vocabulary shared by the server and the browser: forms (schema, logic, prefill,
 * examples), review chains, the 指标库 entry and the roles and statuses the definitions speak of.
 * forms/FORMAT.md documents the JSON these types describe. Pure types.
 */
import type { FormSource } from './linked-source';

export type Role = 'filler' | 'leader' | 'reviewer' | 'admin';

export type SubmissionStatus = 'draft' | 'in_review' | 'returned' | 'approved' | 'rejected';

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
  /** Linked forms: the approved submissions a new one may start from, what it copies and locks (forms/FORMAT.md). */
  source?: FormSource;
  /**
   * Units whose fillers may start this form (unit ids); absent = every 预算部门（单位）. An empty list:
   * nobody starts it directly (e.g. 财政评价报告, created by assignment only).
   */
  creators?: string[];
  /** JSON Pointer of the 单位代码 of the unit the submission is about (e.g. the checked unit of a 监督检查). */
  subjectCodePath?: string;
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

/** The review-chain model (forms/FORMAT.md "Chains"). Chains are data, validated by the chain schema. */

export type Action = 'approve' | 'return' | 'reject';

export type Assignee =
  /** A fixed unit, e.g. 绩效评价服务股. */
  | { type: 'unit'; unitId: string }
  /** The 业务股室 that manages the submitting unit, after 第九条 fund-type routing. */
  | { type: 'managingSection' }
  /** The submitting unit itself (unit leader sign-off, feedback steps). */
  | { type: 'submitterUnit' }
  /** The unit the submission is about (the evaluated or checked unit; the submitter when none is recorded). */
  | { type: 'subjectUnit' };

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
  /**
   * JSONata over { data, computed, decisions, unit } (unit: { kind, township } of the subject unit); the
   * step is skipped when false.
   */
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

/** One problem with a value, at a JSON Pointer, in Chinese. */
export type FieldError = { path: string; message: string };

/** One version of a form as the admin's version list shows it (GET /api/admin/forms/:id/versions). */
export interface FormVersionSummary {
  id: string;
  version: number;
  title: string;
  family: string | null;
  status: FormStatus;
  /** The version new submissions use now. */
  current: boolean;
  chainId: string;
  chainVersion: number;
  fieldCount: number;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
}
