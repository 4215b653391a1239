/**
 * Every key format of the single table lives here and nowhere else (see README "Data model").
 * Generic attribute names: PK/SK for the base table, GSI1PK/GSI1SK and GSI2PK/GSI2SK for the
 * two overloaded indexes. Sort keys that hold numbers are zero-padded so they sort as strings.
 */
import type { LoginThrottleKey } from '../../core/ports';

export const TABLE_SCHEMA = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
} as const;

export interface Key {
  PK: string;
  SK: string;
}

const pad = (n: number, width = 8) => String(n).padStart(width, '0');

export const keys = {
  // Organisation ------------------------------------------------------------
  /** A unit (department or bureau section). GSI1 lists all units. */
  unit: (unitId: string): Key => ({ PK: `UNIT#${unitId}`, SK: 'UNIT' }),
  unitList: () => ({ GSI1PK: 'UNITS' }),
  unitListSort: (unitId: string) => ({ GSI1PK: 'UNITS', GSI1SK: unitId }),
  /** The organisation settings (fund-type routing of 第九条). */
  orgSettings: (): Key => ({ PK: 'ORG', SK: 'SETTINGS' }),

  /** A user. GSI1 lists users by username. */
  user: (userId: string): Key => ({ PK: `USER#${userId}`, SK: 'USER' }),
  userList: () => ({ GSI1PK: 'USERS' }),
  userListSort: (username: string) => ({ GSI1PK: 'USERS', GSI1SK: username }),
  /** Uniqueness guard and lookup of a username. */
  username: (username: string): Key => ({ PK: `USERNAME#${username.toLowerCase()}`, SK: 'USERNAME' }),

  // Forms and chains -------------------------------------------------------
  /** The head of a form: latest and published version numbers. GSI1 lists forms. */
  formHead: (formId: string): Key => ({ PK: `FORM#${formId}`, SK: 'HEAD' }),
  formList: () => ({ GSI1PK: 'FORMS' }),
  formListSort: (formId: string) => ({ GSI1PK: 'FORMS', GSI1SK: formId }),
  formVersion: (formId: string, version: number): Key => ({ PK: `FORM#${formId}`, SK: `V#${pad(version, 6)}` }),
  formVersionPrefix: 'V#',

  chainHead: (chainId: string): Key => ({ PK: `CHAIN#${chainId}`, SK: 'HEAD' }),
  chainList: () => ({ GSI1PK: 'CHAINS' }),
  chainListSort: (chainId: string) => ({ GSI1PK: 'CHAINS', GSI1SK: chainId }),
  chainVersion: (chainId: string, version: number): Key => ({ PK: `CHAIN#${chainId}`, SK: `V#${pad(version, 6)}` }),

  // Submissions ------------------------------------------------------------
  /** The submission aggregate. GSI2 lists every submission (global viewers), newest first. */
  submission: (id: string): Key => ({ PK: `SUB#${id}`, SK: 'SUB' }),
  submissionAll: (createdAt: string, id: string) => ({ GSI2PK: 'SUBS', GSI2SK: `${createdAt}#${id}` }),
  submissionAllPartition: 'SUBS',
  /**
   * Visibility grant: the unit may list the submission (submitter unit, managing section, every
   * unit that was ever assigned a step). GSI1 lists a unit's visible submissions.
   */
  visibility: (submissionId: string, unitId: string): Key => ({ PK: `SUB#${submissionId}`, SK: `VIS#${unitId}` }),
  visibilityIndex: (unitId: string, createdAt: string, submissionId: string) => ({
    GSI1PK: `VIEW#${unitId}`,
    GSI1SK: `${createdAt}#${submissionId}`,
  }),
  visibilityPartition: (unitId: string) => `VIEW#${unitId}`,
  /** One history event; seq equals the submission version the event produced. */
  event: (submissionId: string, seq: number): Key => ({ PK: `SUB#${submissionId}`, SK: `EV#${pad(seq)}` }),
  eventPrefix: 'EV#',

  /** A task: one assignee unit on one opening of a step in one review round (a step may reopen on returnTo). */
  task: (submissionId: string, round: number, stepId: string, unitId: string, assignedAt: string): Key => ({
    PK: `SUB#${submissionId}`,
    SK: `TASK#${pad(round, 4)}#${stepId}#${unitId}#${assignedAt}`,
  }),
  taskPrefix: 'TASK#',
  /** Sparse inbox index: present only while the task is open. Sorted by due date, then assignment time. */
  inbox: (unitId: string, dueAt: string | null, assignedAt: string, submissionId: string) => ({
    GSI1PK: `INBOX#${unitId}`,
    GSI1SK: `${dueAt ?? '9999'}#${assignedAt}#${submissionId}`,
  }),
  inboxPartition: (unitId: string) => `INBOX#${unitId}`,
  /** Done list: set when the task closes. Newest first. */
  done: (unitId: string, closedAt: string, submissionId: string) => ({
    GSI2PK: `DONE#${unitId}`,
    GSI2SK: `${closedAt}#${submissionId}`,
  }),
  donePartition: (unitId: string) => `DONE#${unitId}`,

  // Idempotency ------------------------------------------------------------
  /** The first result of a POST with an Idempotency-Key, per user; expires by TTL. */
  idempotency: (userId: string, key: string): Key => ({ PK: `IDEM#${userId}#${key}`, SK: 'IDEM' }),

  // Sign-in throttle ----------------------------------------------------------
  /** Sign-in failures under one throttle key (name+address, address window, name window); expires by TTL. */
  loginFailures: (key: LoginThrottleKey): Key => {
    if (key.scope === 'nameAddress') return { PK: `LOGIN#PAIR#${key.name}#${key.address}`, SK: 'LOGIN' };
    if (key.scope === 'address') return { PK: `LOGIN#ADDR#${key.address}#${key.windowStart}`, SK: 'LOGIN' };
    return { PK: `LOGIN#USER#${key.name}#${key.windowStart}`, SK: 'LOGIN' };
  },

  // Settings ---------------------------------------------------------------
  /** Holiday calendar of one year (admin-extensible data). */
  calendarYear: (year: number): Key => ({ PK: 'CALENDAR', SK: `Y#${year}` }),
  calendarPartition: 'CALENDAR',
  calendarYearPrefix: 'Y#',

  // 指标库 (第十八条) ----------------------------------------------------------
  /** An indicator of the library. GSI1 lists the library by level1, level2, name. */
  indicator: (id: string): Key => ({ PK: `INDICATOR#${id}`, SK: 'INDICATOR' }),
  indicatorListSort: (level1: string, level2: string, name: string, id: string) => ({
    GSI1PK: 'INDICATORS',
    GSI1SK: `${level1}#${level2}#${name}#${id}`,
  }),
  indicatorListPartition: 'INDICATORS',
  /** Uniqueness guard of a (level1, level2, name) triple. */
  indicatorName: (level1: string, level2: string, name: string): Key => ({
    PK: `INDICATORNAME#${level1}#${level2}#${name}`,
    SK: 'INDICATORNAME',
  }),

  // 填报任务 (campaigns) ------------------------------------------------------
  /** A campaign. GSI1 lists campaigns newest first; GSI2 (sparse, only while open) by deadline, for the sweep. */
  campaign: (id: string): Key => ({ PK: `CAMPAIGN#${id}`, SK: 'CAMPAIGN' }),
  campaignList: (createdAt: string, id: string) => ({ GSI1PK: 'CAMPAIGNS', GSI1SK: `${createdAt}#${id}` }),
  campaignListPartition: 'CAMPAIGNS',
  campaignOpen: (dueAt: string, id: string) => ({ GSI2PK: 'OPENCAMPAIGNS', GSI2SK: `${dueAt}#${id}` }),
  campaignOpenPartition: 'OPENCAMPAIGNS',
  campaignPartition: (id: string) => `CAMPAIGN#${id}`,
  /** One unit's row of the board (written when the unit starts, is reminded or swept). */
  campaignUnit: (id: string, unitId: string): Key => ({ PK: `CAMPAIGN#${id}`, SK: `UNIT#${unitId}` }),
  campaignUnitPrefix: 'UNIT#',
  /** One edit record of a campaign (issued, deadline extended, units added, closed). */
  campaignEdit: (id: string, seq: number): Key => ({ PK: `CAMPAIGN#${id}`, SK: `EV#${pad(seq)}` }),
  campaignEditPrefix: 'EV#',

  // Notification center ------------------------------------------------------
  /** One notification of a user; ids start with the time, so the partition reads newest first. */
  notification: (userId: string, id: string): Key => ({ PK: `NOTIF#${userId}`, SK: `N#${id}` }),
  notificationPrefix: 'N#',
  /** The user's unread counter, changed in the same transaction as the notifications. */
  notificationUnread: (userId: string): Key => ({ PK: `NOTIF#${userId}`, SK: 'UNREAD' }),

  // Dashboard counters -------------------------------------------------------
  /** Additive counters (grades, step durations) for every viewer, spread over STATS_SHARDS items. */
  statsAll: (shard: number): Key => ({ PK: `STATS#ALL#${shard}`, SK: 'STATS' }),
  /** The same counters for one submitting unit. */
  statsUnit: (unitId: string, shard: number): Key => ({ PK: `STATS#UNIT#${unitId}#${shard}`, SK: 'STATS' }),

  /** Submission counts by status of everything submitted (工作台), spread over COUNT_SHARDS items. */
  countAll: (shard: number): Key => ({ PK: `COUNT#ALL#${shard}`, SK: 'COUNT' }),
  /** Submission counts by status of what one unit may list, and of its own never-submitted ones. */
  countUnit: (unitId: string, shard: number): Key => ({ PK: `COUNT#UNIT#${unitId}#${shard}`, SK: 'COUNT' }),
  /** Written by the last counter rebuild: a table without it has counters to backfill. */
  countRebuilt: { PK: 'COUNT#REBUILT', SK: 'COUNT' } as Key,

  // Email --------------------------------------------------------------------
  /** A message whose delivery failed, sorted by when the sweep tries it again. */
  mailQueued: (nextAttemptAt: string, id: string): Key => ({ PK: 'MAILQ', SK: `${nextAttemptAt}#${id}` }),
  mailQueuePartition: 'MAILQ',
  /** A notification waiting for its user's daily digest (the sweep reads the partition once a day). */
  mailDigest: (userId: string, at: string, id: string): Key => ({ PK: 'MAILDIGEST', SK: `${userId}#${at}#${id}` }),
  mailDigestPartition: 'MAILDIGEST',
  // Attachments (evidence files) ---------------------------------------------------
  /** An attachment record. */
  attachment: (id: string): Key => ({ PK: `ATT#${id}`, SK: 'ATT' }),
  /** Sparse orphan index (GSI1): present until a submitted submission pins the file; the local sweep reads it. */
  attachmentOrphan: (uploadedAt: string, id: string) => ({ GSI1PK: 'ATTORPHANS', GSI1SK: `${uploadedAt}#${id}` }),
  attachmentOrphanPartition: 'ATTORPHANS',
  /** Pinned files of a submission (GSI2), in the order they were pinned. */
  attachmentPinned: (submissionId: string, pinnedAt: string, id: string) => ({
    GSI2PK: `ATTSUB#${submissionId}`,
    GSI2SK: `${pinnedAt}#${id}`,
  }),
  attachmentPinnedPartition: (submissionId: string) => `ATTSUB#${submissionId}`,
  // Approval verbs -----------------------------------------------------------
  /** 催办 guard of one open step (last reminder time), beside the submission. */
  stepReminder: (submissionId: string, round: number, stepId: string): Key => ({
    PK: `SUB#${submissionId}`,
    SK: `REMIND#${round}#${stepId}`,
  }),
  /** A delegation; GSI1 lists a principal's newest first, GSI2 a deputy's by window end. */
  delegation: (id: string): Key => ({ PK: `DELEG#${id}`, SK: 'DELEG' }),
  delegationBy: (principalId: string, createdAt: string, id: string) => ({
    GSI1PK: `DELEGBY#${principalId}`,
    GSI1SK: `${createdAt}#${id}`,
  }),
  delegationTo: (deputyId: string, endsAt: string, id: string) => ({
    GSI2PK: `DELEGTO#${deputyId}`,
    GSI2SK: `${endsAt}#${id}`,
  }),
  /** An audit event of a user's account (e.g. an admin reset their 动态验证码), beside the user item. */
  userAudit: (userId: string, at: string, id: string): Key => ({ PK: `USER#${userId}`, SK: `AUDIT#${at}#${id}` }),
  /** The built-in catalog installed on this table, one item per catalog fingerprint (see catalog/seed-marker.ts). */
  catalogInstalled: (fingerprint: string): Key => ({ PK: 'CATALOG#INSTALLED', SK: fingerprint }),
  /** Sort-key prefix of a user's audit events (a Query with begins_with). */
  userAuditPrefix: 'AUDIT#',
} as const;

/** Counter items per scope: concurrent decisions rarely touch the same item. */
export const STATS_SHARDS = 4;

/** Status counter items per scope (every create, submit and decision adds to one of them). */
export const COUNT_SHARDS = 8;
