import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { BadRequestError, ConflictError, UnavailableError } from '../../core/errors';
import { CALL_TIMEOUTS, isUnreachable } from '../aws-calls';
import { forgetRequestReads } from '../request-memo';

export interface DynamoConfig {
  tableName: string;
  endpoint?: string;
  region?: string;
  /** SDK attempts per call (bounded retries with backoff); throttling beyond them becomes 503. */
  maxAttempts?: number;
}

export interface Db {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  table: string;
}

const READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

export function createDb(config: DynamoConfig, extra: Partial<DynamoDBClientConfig> = {}): Db {
  const local = Boolean(config.endpoint);
  const raw = new DynamoDBClient({
    region: config.region ?? 'ap-southeast-1',
    maxAttempts: config.maxAttempts ?? 4,
    // Bounded attempts (aws-calls.ts). A write whose answer was lost (a timeout, a cut connection) may have committed:
    // the SDK's retry of a transaction carries the same ClientRequestToken; a client's retry with the same
    // Idempotency-Key replays what was committed, and one without finds the new state (a 409 that says so).
    requestHandler: { ...CALL_TIMEOUTS },
    ...(local ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...extra,
  });
  // A write forgets what the request read before it, once when it is sent and once when it returns (request-memo.ts).
  raw.middlewareStack.add(
    (next, context) => (args) => {
      if (READ_COMMANDS.has((context as { commandName?: string }).commandName ?? '')) return next(args);
      forgetRequestReads();
      return next(args).finally(forgetRequestReads);
    },
    { step: 'initialize', name: 'forgetRequestReads' },
  );
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { doc, raw, table: config.tableName };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'LimitExceededException',
]);

/** AWS exceptions become domain errors here, so nothing above the adapter sees an AWS type. */
export function toDomainError(err: unknown): Error {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[]; message?: string };
  const name = e?.name ?? '';
  if (name === 'ConditionalCheckFailedException') {
    return new ConflictError('数据已被他人修改或状态已变化，请刷新后重试', [], { cause: err });
  }
  if (name === 'TransactionCanceledException') {
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (codes.some((c) => THROTTLING.has(c) || c === 'ThrottlingError')) {
      return new UnavailableError('系统繁忙，请稍后重试', 1, { cause: err });
    }
    return new ConflictError('数据已被他人修改或状态已变化，请刷新后重试', [], { cause: err });
  }
  if (name === 'TransactionConflictException' || name === 'TransactionInProgressException') {
    return new ConflictError('数据正在被他人修改，请稍后重试', [], { cause: err });
  }
  if (THROTTLING.has(name)) return new UnavailableError('系统繁忙，请稍后重试', 1, { cause: err });
  if (isUnreachable(err)) {
    return new UnavailableError('数据服务暂时无法连接，请稍后重试', 2, { cause: err });
  }
  if (name === 'ValidationException' && /size|exceed/i.test(e.message ?? '')) {
    return new BadRequestError('提交的内容过大', [], { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

export async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toDomainError(err);
  }
}

/** Opaque list cursors: base64url of the LastEvaluatedKey; anything else is a 400. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/** The query a cursor continues: the index (or the table itself) and the partition it reads. */
export interface CursorScope {
  index: 'GSI1' | 'GSI2' | 'table';
  partition: string;
}

/**
 * Decodes a client cursor for the query it must belong to: exactly the table and index key attributes,
 * all strings, the index partition equal to the query's. A cursor made up or taken from another list
 * answers 400, so DynamoDB never sees a start key it would reject (which would surface as a 500).
 */
export function decodeCursor(cursor: string | undefined, scope: CursorScope): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const bad = () => new BadRequestError('分页游标无效', [{ path: 'cursor', message: '分页游标无效' }]);
  let parsed: unknown;
  try {
    if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad();
  const key = parsed as Record<string, unknown>;
  const expected = scope.index === 'table' ? ['PK', 'SK'] : ['PK', 'SK', `${scope.index}PK`, `${scope.index}SK`];
  const names = Object.keys(key);
  if (names.length !== expected.length || !expected.every((k) => typeof key[k] === 'string' && key[k] !== '')) {
    throw bad();
  }
  if (key[scope.index === 'table' ? 'PK' : `${scope.index}PK`] !== scope.partition) throw bad();
  return key;
}

export function clampLimit(limit: number | undefined, fallback = 20, max = 100): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(1, Math.floor(limit)), max);
}

/** The key attributes, and `__proto__`, which an assignment would take for the prototype (no item has one). */
const KEY_ATTRIBUTES = new Set([
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'entity',
  'expiresAt',
  '__proto__',
]);

/**
 * Strips the key attributes before an item is handed back as a domain record. A loop rather than a rest pattern
 * with eight names left out: half the time on Node 20, and every item read passes here.
 */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const rest: Record<string, unknown> = {};
  for (const name in item) if (!KEY_ATTRIBUTES.has(name)) rest[name] = item[name];
  return rest as T;
}

/**
 * Every page of a Query, for small bounded collections (units, users, versions, a submission's
 * history). Stops after `maxPages` so a request never loops without end.
 */
export async function queryAll<T>(db: Db, input: Omit<QueryCommandInput, 'TableName'>, maxPages = 50): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < maxPages; page++) {
    const r = await guard(() =>
      db.doc.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start })),
    );
    out.push(...(r.Items ?? []).map((i) => stripKeys<T>(i)));
    start = r.LastEvaluatedKey;
    if (!start) break;
  }
  return out;
}

/** Only other transactions in flight on the same items (no failed condition): worth another try. */
function onlyTransactionConflicts(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name !== 'TransactionCanceledException') return false;
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return codes.includes('TransactionConflict') && codes.every((c) => c === 'None' || c === 'TransactionConflict');
}

/**
 * TransactWriteItems with a few jittered retries when it only collided with another transaction on a
 * shared item (a campaign's counters, a dashboard counter shard). Conditions are evaluated again on
 * every attempt, so a retry never writes over a change it did not expect.
 */
export async function transactWrite(db: Db, items: NonNullable<TransactWriteCommandInput['TransactItems']>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      if (attempt >= 5 || !onlyTransactionConflicts(err)) throw toDomainError(err);
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 30));
    }
  }
}
