import { randomUUID } from 'node:crypto';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Deps, IdentityVerifier, Logger, TokenIssuer } from '../core/ports';
import type { ChallengeSessions, IdentityPool } from '../core/ports-identity';
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
import { createOrgAdminRepository } from './dynamodb/org-admin-repository';
import { createOrgRepository } from './dynamodb/org-repository';
import { createSubmissionRepository, createTaskRepository } from './dynamodb/submission-repository';
import { createUserRepository } from './dynamodb/user-repository';
import { readXlsx } from './excel/xlsx-reader';
import { writeXlsx } from './excel/xlsx-writer';
import { createExpressionEvaluator, createFormValidator } from './forms/form-validator';
import { createStoredWorkingCalendar } from './forms/stored-calendar';
import { type CognitoVerifierConfig, createCognitoVerifier } from './identity/cognito';
import { type CognitoPoolConfig, createCognitoPool } from './identity/cognito-pool';
import { createLocalJwt } from './identity/local-jwt';
import { createScryptHasher } from './identity/scrypt-hasher';
import { createJsonLogger } from './logger';

/** Cognito mode: the pool and app client; issuer + keys and endpoint only for the local emulator. */
export type CognitoAuthOptions = CognitoVerifierConfig & Omit<CognitoPoolConfig, 'region'>;

export interface ComposeOptions {
  tableName: string;
  endpoint?: string;
  region?: string;
  auth: { mode: 'local'; secret: Uint8Array } | ({ mode: 'cognito' } & CognitoAuthOptions);
  logger?: Logger;
  clock?: () => string;
  /** Extra SDK client settings (tests inject middleware and retry settings here). */
  sdk?: Partial<DynamoDBClientConfig>;
  maxAttempts?: number;
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
    identity = jwt.verifier;
    tokens = jwt.issuer;
    challenges = jwt.challenges;
  } else {
    identity = createCognitoVerifier(options.auth);
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
    workbooks: { write: writeXlsx, read: readXlsx },
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
    pool,
    challenges,
  };
}
