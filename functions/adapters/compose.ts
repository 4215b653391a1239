import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Deps, IdentityVerifier, Logger, TokenIssuer } from '../core/ports';
import type { FileStore } from '../core/ports-attachments';
import type { ChallengeSessions, IdentityPool } from '../core/ports-identity';
import type { MailSender } from '../core/ports-mail';
import { createAttachmentRepository } from './dynamodb/attachment-repository';
import { createCalendarRepository } from './dynamodb/calendar-repository';
import {
  createCampaignRepository,
  createNotificationRepository,
  createStatsRepository,
} from './dynamodb/campaign-repository';
import { createChainRepository, createFormRepository } from './dynamodb/catalog-repository';
import { createDb, type Db } from './dynamodb/client';
import { createIdempotencyStore } from './dynamodb/idempotency';
import { createIndicatorRepository } from './dynamodb/indicator-repository';
import { createLoginThrottleStore } from './dynamodb/login-throttle-store';
import { createMailStore } from './dynamodb/mail-store';
import { createOrgAdminRepository } from './dynamodb/org-admin-repository';
import { createOrgRepository } from './dynamodb/org-repository';
import { createStatusCountRepository } from './dynamodb/status-counts';
import { createSubmissionRepository, createTaskRepository } from './dynamodb/submission-repository';
import { createUserAuditRepository } from './dynamodb/user-audit-repository';
import { createUserRepository } from './dynamodb/user-repository';
import { createVerbsRepository } from './dynamodb/verbs-repository';
import { createExpressionEvaluator, createFormValidator } from './forms/form-validator';
import { createStoredWorkingCalendar } from './forms/stored-calendar';
import { type CognitoVerifierConfig, createCognitoVerifier } from './identity/cognito';
import { type CognitoPoolConfig, createCognitoPool } from './identity/cognito-pool';
import { createLocalJwt } from './identity/local-jwt';
import { createScryptHasher } from './identity/scrypt-hasher';
import { createTotp } from './identity/totp';
import { rememberVerified } from './identity/verified-tokens';
import { createJsonLogger } from './logger';
import { withRequestMemo } from './request-memo';
import { createFileTypeInspector } from './storage/file-type-inspector';
import { createLocalFileStore } from './storage/local-file-store';
import { createS3FileStore, type S3FileStoreOptions } from './storage/s3-file-store';

/** Cognito mode: the pool and app client; issuer + keys and endpoint only for the local emulator. */
export type CognitoAuthOptions = CognitoVerifierConfig & Omit<CognitoPoolConfig, 'region'>;

export interface ComposeOptions {
  tableName: string;
  endpoint?: string;
  region?: string;
  auth:
    | { mode: 'local'; secret: Uint8Array | import('./identity/signing-keys').SigningKeyring }
    | ({ mode: 'cognito' } & CognitoAuthOptions);
  logger?: Logger;
  clock?: () => string;
  /** Extra SDK client settings (tests inject middleware and retry settings here). */
  sdk?: Partial<DynamoDBClientConfig>;
  maxAttempts?: number;
  /** Email: the sender (SES, or SMTP to the local catcher) and the app address links point to. */
  mail?: { sender: MailSender; appUrl: string };
  /** Where attachment bytes live: a directory on this machine (default: a temporary one) or an S3 bucket. */
  storage?: StorageOptions;
}

export type StorageOptions = { mode: 'local'; dir: string; secret: Uint8Array } | ({ mode: 's3' } & S3FileStoreOptions);

function createFileStore(storage: StorageOptions | undefined): FileStore {
  if (storage?.mode === 's3') return createS3FileStore(storage);
  if (storage) return createLocalFileStore(storage);
  return createLocalFileStore({ dir: join(tmpdir(), `jixiao-files-${randomUUID()}`), secret: randomBytes(32) });
}

/** The composition root: adapters wired into the ports the use cases need. */
export function composeDeps(options: ComposeOptions): Deps & { db: Db } {
  const db = createDb(
    {
      tableName: options.tableName,
      endpoint: options.endpoint,
      region: options.region,
      maxAttempts: options.maxAttempts,
    },
    options.sdk,
  );
  let identity: IdentityVerifier;
  let tokens: TokenIssuer | undefined;
  let pool: IdentityPool | undefined;
  let challenges: ChallengeSessions | undefined;
  if (options.auth.mode === 'local') {
    const jwt = createLocalJwt(options.auth.secret);
    identity = rememberVerified(jwt.verifier);
    tokens = jwt.issuer;
    challenges = jwt.challenges;
  } else {
    identity = rememberVerified(createCognitoVerifier(options.auth));
    pool = createCognitoPool({ region: options.region, ...options.auth });
  }
  const calendars = createCalendarRepository(db);
  return {
    db,
    indicators: createIndicatorRepository(db),
    calendars,
    orgAdmin: createOrgAdminRepository(db),
    loginThrottle: createLoginThrottleStore(db),
    campaigns: createCampaignRepository(db),
    notifications: createNotificationRepository(db),
    stats: createStatsRepository(db),
    counts: createStatusCountRepository(db),
    // Only exports and imports need them: loaded on first use, not at a cold start.
    workbooks: {
      write: async (sheets) => (await import('./excel/xlsx-writer')).writeXlsx(sheets),
      read: async (bytes) => (await import('./excel/xlsx-reader')).readXlsx(bytes),
    },
    verbs: createVerbsRepository(db),
    org: createOrgRepository(db),
    users: createUserRepository(db),
    forms: createFormRepository(db),
    chains: createChainRepository(db),
    submissions: createSubmissionRepository(db),
    tasks: createTaskRepository(db),
    idempotency: createIdempotencyStore(db),
    clock: { now: options.clock ?? (() => new Date().toISOString()) },
    ids: { newId: () => randomUUID() },
    identity,
    tokens,
    passwords: createScryptHasher(),
    validator: createFormValidator(),
    expressions: createExpressionEvaluator(),
    // Built-in calendar years merged with the years an admin added (R-C7), cached for a minute.
    calendar: createStoredWorkingCalendar(calendars),
    logger: options.logger ?? createJsonLogger(),
    mail: options.mail && { ...options.mail, store: createMailStore(db) },
    attachments: createAttachmentRepository(db),
    files: createFileStore(options.storage),
    fileTypes: createFileTypeInspector(),
    pool,
    challenges,
    totp: createTotp(),
    userAudit: createUserAuditRepository(db),
    requestScope: withRequestMemo,
  };
}
