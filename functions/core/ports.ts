/** What the domain needs from the outside world. Adapters implement these; ports never import adapters. */
import type { Budget as FormulaBudget } from '../../forms/lib/budget';
import type { Campaign, CampaignEdit, CampaignUnit, Notification } from './campaign-model';
import type { ErrorDetail } from './errors';
import type {
  Actor,
  CalendarYearRecord,
  FormVersion,
  HistoryEvent,
  Indicator,
  OrgSettings,
  Page,
  Submission,
  Task,
  Unit,
  User,
} from './model';
import type { AttachmentRepository, FileStore, FileTypeInspector } from './ports-attachments';
import type { ChallengeSessions, IdentityPool } from './ports-identity';
import type { Chain } from './workflow/types';

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

/** The first response to a POST carrying an Idempotency-Key, stored in the same transaction as the change. */
export interface IdempotencyRecord {
  userId: string;
  key: string;
  requestHash: string;
  statusCode: number;
  body: unknown;
}

/** Passed by the HTTP edge into write use cases: how to render the result that is stored for replays. */
export interface IdempotencyRequest {
  key: string;
  requestHash: string;
  statusCode: number;
  present(result: unknown): unknown;
}

export interface OrgRepository {
  getUnit(id: string): Promise<Unit | null>;
  listUnits(): Promise<Unit[]>;
  putUnit(unit: Unit): Promise<void>;
  getSettings(): Promise<OrgSettings>;
  putSettings(settings: OrgSettings): Promise<void>;
}

export interface UserRepository {
  getById(id: string): Promise<User | null>;
  getByUsername(username: string): Promise<User | null>;
  /** ConflictError when the username is taken. */
  create(user: User, idempotency?: IdempotencyRecord): Promise<void>;
  update(user: User): Promise<void>;
  list(page: PageRequest): Promise<Page<User>>;
}

export interface FormHead {
  id: string;
  title: string;
  family?: string;
  latestVersion: number;
  publishedVersion: number | null;
}

export interface FormRepository {
  getHead(formId: string): Promise<FormHead | null>;
  getVersion(formId: string, version: number): Promise<FormVersion | null>;
  listHeads(): Promise<FormHead[]>;
  listVersions(formId: string): Promise<FormVersion[]>;
  /** Stores a new version `latestVersion + 1` (ConflictError if someone else saved first). */
  createVersion(form: FormVersion, expectedLatest: number, idempotency?: IdempotencyRecord): Promise<void>;
  publish(formId: string, version: number, at: string, idempotency?: IdempotencyRecord): Promise<void>;
}

export interface ChainHead {
  id: string;
  title: string;
  latestVersion: number;
}

export interface ChainRepository {
  getHead(chainId: string): Promise<ChainHead | null>;
  getVersion(chainId: string, version: number): Promise<Chain | null>;
  listHeads(): Promise<ChainHead[]>;
  createVersion(chain: Chain, expectedLatest: number, at: string, idempotency?: IdempotencyRecord): Promise<void>;
}

export interface TaskClose {
  round: number;
  stepId: string;
  unitId: string;
  /** When the task was opened: part of its identity. */
  assignedAt: string;
  status: 'done' | 'cancelled';
  outcome?: string;
  actorId?: string;
  closedAt: string;
}

/** One atomic change of a submission aggregate: all of it is written, or nothing. */
export interface SubmissionChange {
  submission: Submission;
  /** null when the submission is created. */
  expectedVersion: number | null;
  events: HistoryEvent[];
  openTasks: Task[];
  closeTasks: TaskClose[];
  /** Closed-on-arrival tasks of notify (抄送) steps. */
  notifyTasks: Task[];
  /** Units that may list the submission from now on. */
  grants: string[];
  idempotency?: IdempotencyRecord;
  /** The unit's row of the campaign board and the campaign's counters, changed in the same transaction. */
  board?: BoardChange;
  /** Dashboard counters (grades, step durations), added to in the same transaction. */
  stats?: StatsChange;
  /** Submission counts by status (工作台), added to in the same transaction. */
  counts?: import('./ports-counts').CountChange;
}

/** How a submission change moves its unit on a campaign board. */
export interface BoardChange {
  campaignId: string;
  unitId: string;
  submissionId: string;
  status: Submission['status'];
  /** Set on the first submission only. */
  submittedAt?: string;
  /** The create: the row must not hold a submission yet, and the campaign must be open (else 409). */
  claim?: boolean;
  /** Counter deltas on the campaign (notStarted, draft, …, submitted, late). */
  counters: Record<string, number>;
}

/** Additive dashboard counters: for every viewer (`all`) and for the submitting unit. */
export interface StatsChange {
  unitId: string;
  /** Sharding key (the submission id): spreads hot counters over a few items. */
  shardKey: string;
  add: Record<string, number>;
  /** Display values kept next to counters (e.g. step names). */
  set?: Record<string, string>;
}

export interface CampaignRepository {
  /** ConflictError when the id exists. */
  create(campaign: Campaign, edit: CampaignEdit, idempotency?: IdempotencyRecord): Promise<void>;
  get(id: string): Promise<Campaign | null>;
  /** The campaign, its unit rows and its edit records: one Query of the campaign's partition. */
  board(id: string): Promise<{ campaign: Campaign; rows: CampaignUnit[]; edits: CampaignEdit[] } | null>;
  /** One unit's row (GetItem). */
  row(id: string, unitId: string): Promise<CampaignUnit | null>;
  /** Newest first; `unitId` keeps the campaigns addressed to that unit. Bounded pages. */
  list(page: PageRequest, filter: { unitId?: string; year?: number }): Promise<Page<Campaign>>;
  /** Open campaigns by due date (sparse index), for the daily sweep. */
  listOpen(): Promise<Campaign[]>;
  /** Writes `next` if the stored version is still `next.version - 1`, with the edit record (ConflictError otherwise). */
  update(next: Campaign, edit: CampaignEdit): Promise<void>;
  /**
   * Records a reminder on the unit's row and delivers the notifications, atomically. Refused (false)
   * when the unit was reminded after `notAfter` (hourly limit) or, for the sweep, already on `day`.
   */
  remind(
    campaignId: string,
    unitId: string,
    at: string,
    guard: { remindedBefore: string } | { sweptNotOn: string },
    notifications: Notification[],
  ): Promise<boolean>;
}

export interface NotificationRepository {
  list(userId: string, page: PageRequest, filter: { unread?: boolean }): Promise<Page<Notification>>;
  unreadCount(userId: string): Promise<number>;
  /** Marks read (once: the unread counter drops by one); false when the item does not exist. */
  markRead(userId: string, id: string, at: string): Promise<boolean>;
  /** Delivers notifications outside a reminder (e.g. other platform events). */
  deliver(items: Notification[]): Promise<void>;
}

/** One worksheet to write: typed columns so money, dates and user text are written as what they are. */
export interface SheetColumn {
  header: string;
  /** text: always a string cell (user text starting with = + - @ can never become a formula);
   * money: 万元 as a number with 2 decimals (format 0.00); date / datetime: ISO in, a real Excel date out. */
  type: 'text' | 'money' | 'number' | 'date' | 'datetime';
  width?: number;
}

export interface SheetData {
  name: string;
  columns: SheetColumn[];
  rows: (string | number | null | undefined)[][];
}

/** .xlsx in and out (a small writer and reader of our own, loaded on first use; see README "Excel"). */
export interface Workbooks {
  write(sheets: SheetData[]): Promise<Uint8Array>;
  /** Every sheet's cells as text, row by row (row 1 = the header). Rejects a file that is not a workbook. */
  read(bytes: Uint8Array): Promise<{ name: string; rows: string[][] }[]>;
}

export interface StatsRepository {
  /** Sums the shards of the counters for every viewer (`all`) or one unit. */
  read(
    scope: { all: true } | { unitId: string },
  ): Promise<{ counters: Record<string, number>; labels: Record<string, string> }>;
}

export interface SubmissionRepository {
  get(id: string): Promise<Submission | null>;
  /** ConflictError when expectedVersion is stale or an idempotency record already exists. */
  commit(change: SubmissionChange): Promise<void>;
  listForUnit(unitId: string, page: PageRequest, filter: SubmissionFilter): Promise<Page<Submission>>;
  listAll(page: PageRequest, filter: SubmissionFilter): Promise<Page<Submission>>;
  history(id: string): Promise<HistoryEvent[]>;
  /**
   * Removes a never-submitted draft and the unit's grant, and writes `event` (type `deleted`) under the
   * submission as the record of it, atomically. ConflictError when the stored version is no longer
   * `sub.version` or the draft was submitted meanwhile.
   */
  deleteDraft(sub: Submission, event: HistoryEvent, counts?: import('./ports-counts').CountChange): Promise<void>;
}

export interface SubmissionFilter {
  formId?: string;
  /** Only these forms, told apart on the index rows: a submission of another form is never loaded. */
  formIds?: readonly string[];
  status?: string;
  /** Only submissions that were submitted at least once, or belong to this unit. */
  submittedOrUnit?: string;
  /** Further conditions (keyword, year, step, overdue), applied like the fields above to each item read. */
  keep?: (s: Submission) => boolean | Promise<boolean>;
  /** Summaries: every attribute but `data` (only these paths, e.g. ['basicInfo', 'projectCode']) and `computed`. */
  dataPaths?: readonly (readonly string[])[];
}

export interface TaskRepository {
  /** `keep` filters each task of the bounded pages read for one request (see SubmissionFilter.keep). */
  inbox(unitId: string, page: PageRequest, keep?: (t: Task) => boolean): Promise<Page<Task>>;
  done(unitId: string, page: PageRequest, keep?: (t: Task) => boolean): Promise<Page<Task>>;
  /** Open tasks due before `before`, for the deadline sweep (a Query per unit, never a Scan). */
  openDueBefore(unitId: string, before: string): Promise<Task[]>;
  markReminded(task: Task, at: string): Promise<void>;
}

export interface IdempotencyStore {
  get(userId: string, key: string): Promise<IdempotencyRecord | null>;
}

export interface Clock {
  now(): string;
}

export interface IdGenerator {
  newId(): string;
}

/** Who the bearer of a token is. The token says who you are; the user record says what you may do. */
export interface IdentityVerifier {
  /** Returns the user id (local) or external subject (cloud); throws UnauthorizedError otherwise. */
  verify(token: string): Promise<{
    userId?: string;
    externalSub?: string;
    username?: string;
    tokenVersion?: number;
    /** Epoch seconds of the sign-in the token descends from (identity-provider tokens). */
    authTime?: number;
  }>;
}

export interface TokenIssuer {
  issue(user: User): Promise<{ token: string; expiresAt: string }>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface FormCheckResult {
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  errors: ErrorDetail[];
  warnings: ErrorDetail[];
}

/**
 * One request's allowance of formula time and data (forms/lib/budget.ts): a use case that evaluates
 * several formulas (validation, gates, chain conditions, decision checks) takes one with
 * `deps.expressions.budget()` and passes it to each, so the request's formulas are bounded together.
 */
export type { FormulaBudget };

/** Schema + computed fields + rules of one form version (forms/lib, the same code as in the browser). */
export interface FormValidator {
  /**
   * Throws ValidationError (422) when the form's formulas spend the request's budget (`budget`, or a
   * fresh one): the data is neither accepted nor refused field by field.
   */
  check(
    form: FormVersion,
    data: unknown,
    options: { checkComputed: boolean; budget?: FormulaBudget },
  ): Promise<FormCheckResult>;
  /** Extra decision fields of a chain step against the step's decisionSchema. */
  checkDecisionFields(schema: Record<string, unknown>, fields: unknown): Promise<ErrorDetail[]>;
  /** Problems of an admin-authored schema (untrusted input); [] when fine. */
  checkDefinition(schema: unknown, uiSchema: unknown, logic: unknown): Promise<ErrorDetail[]>;
}

export interface ExpressionEvaluator {
  /** Throws ValidationError (422, Chinese) when the expression fails or spends the budget. */
  evaluate(expr: string, input: unknown, bindings?: Record<string, unknown>, budget?: FormulaBudget): Promise<unknown>;
  /** A fresh budget for the formulas of one request. */
  budget(): FormulaBudget;
  /**
   * The save-time check of an admin's expression: syntax, what is unsafe without data (huge pads and
   * ranges, $eval), one bounded trial over `sample`. A Chinese message, or undefined when it may be stored.
   */
  check(expr: unknown, sample: unknown, bindings?: Record<string, unknown>): Promise<string | undefined>;
}

/** Deadlines in working days on the PRC calendar (R-C7). */
export interface WorkingCalendar {
  dueAt(startIso: string, workingDays: number): { dueAt: string; outsideKnownYears: boolean };
  /** Loads the admin-added years (cached with a short TTL); call before dueAt in a request. */
  refresh?(): Promise<void>;
  /** Drops the cache after an admin changed a year, so the next refresh reloads at once. */
  invalidate?(): void;
}

/** The 县级预算绩效指标库 (第十八条). */
export interface IndicatorRepository {
  get(id: string): Promise<Indicator | null>;
  /** Every indicator, ordered by level1, level2, name (a Query, bounded pages). */
  list(): Promise<Indicator[]>;
  /** ConflictError when the id or the (level1, level2, name) triple is taken. */
  create(indicator: Indicator, idempotency?: IdempotencyRecord): Promise<void>;
  /** Writes `next` if the stored version is still `before.version` (ConflictError otherwise, or on a taken name). */
  update(next: Indicator, before: Indicator, idempotency?: IdempotencyRecord): Promise<void>;
  /**
   * Creates checked indicators with their name guards, 50 per TransactWriteItems (atomic up to 50; a
   * larger import is checked whole first, so only a concurrent edit can stop it part-way).
   */
  createMany(indicators: Indicator[]): Promise<void>;
}

/** Holiday calendar years added by admins (the built-in years live in forms/calendar). */
export interface CalendarRepository {
  listYears(): Promise<CalendarYearRecord[]>;
  putYear(record: CalendarYearRecord): Promise<void>;
}

/** Conditional admin writes of the organisation: create-if-absent and optimistic versions. */
export interface OrgAdminRepository {
  /** ConflictError when the unit id exists. */
  createUnit(unit: Unit, idempotency?: IdempotencyRecord): Promise<void>;
  /** ConflictError when the stored version is not `expectedVersion` (absent = 0). */
  updateUnit(unit: Unit, expectedVersion: number): Promise<void>;
  updateSettings(settings: OrgSettings, expectedVersion: number): Promise<void>;
  updateUser(user: User, expectedVersion: number): Promise<void>;
}

/** Sign-in failures under one throttle key (see use-cases/identity/login-throttle.ts). */
export interface LoginFailureCounter {
  failures: number;
  lastFailureAt: string;
}

/** What a sign-in failure counter counts: a name from one address, an address or a name in a time window. */
export type LoginThrottleKey =
  | { scope: 'nameAddress'; name: string; address: string }
  | { scope: 'address'; address: string; windowStart: number }
  | { scope: 'name'; name: string; windowStart: number };

/** Sign-in failure counters shared by every server instance (TTL items in the table). */
export interface LoginThrottleStore {
  /** The counters of `keys` as of `now`, in order (null when none or expired). */
  read(keys: LoginThrottleKey[], now: string): Promise<(LoginFailureCounter | null)[]>;
  /**
   * Adds one failure atomically; the item expires at `expiresAt` (epoch seconds). A counter whose last
   * failure is before `resetBefore` starts again at 1.
   */
  addFailure(key: LoginThrottleKey, at: string, expiresAt: number, resetBefore?: string): Promise<void>;
  clear(key: LoginThrottleKey): Promise<void>;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Everything a use case may touch. */
export interface Deps {
  org: OrgRepository;
  users: UserRepository;
  forms: FormRepository;
  chains: ChainRepository;
  submissions: SubmissionRepository;
  tasks: TaskRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  ids: IdGenerator;
  identity: IdentityVerifier;
  tokens?: TokenIssuer;
  passwords: PasswordHasher;
  validator: FormValidator;
  expressions: ExpressionEvaluator;
  calendar: WorkingCalendar;
  logger: Logger;
  indicators: IndicatorRepository;
  calendars: CalendarRepository;
  orgAdmin: OrgAdminRepository;
  loginThrottle: LoginThrottleStore;
  campaigns: CampaignRepository;
  notifications: NotificationRepository;
  stats: StatsRepository;
  workbooks: Workbooks;
  /** Email (absent: no email is sent, e.g. in tests that do not exercise it). */
  mail?: import('./ports-mail').MailDeps;
  attachments: AttachmentRepository;
  files: FileStore;
  fileTypes: FileTypeInspector;
  verbs: import('./ports-verbs').VerbsRepository;
  /** Cognito mode: the user pool that signs users in and that admin user changes go to. */
  pool?: IdentityPool;
  /** Local identity: sessions of the first-sign-in password change. */
  challenges?: ChallengeSessions;
  /** Submission counts by status (工作台), kept by the submission transactions. */
  counts: import('./ports-counts').StatusCountRepository;
  /** Time-based one-time codes (RFC 6238), the optional second factor of administrators. */
  totp?: import('./ports-totp').Totp;
  /** Account changes that keep an audit event (an admin resetting another user's 动态验证码). */
  userAudit: import('./ports-audit').UserAuditRepository;
  /**
   * Runs one HTTP write request: reads that rarely change (a unit, the organisation's settings) are read at most once
   * within it, until the request writes anything. Reads run without it. Absent: every read goes to the table.
   */
  requestScope?: <T>(run: () => Promise<T>) => Promise<T>;
}

export type { Actor };
