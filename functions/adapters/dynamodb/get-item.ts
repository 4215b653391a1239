import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../../core/errors';
import { requestSlot, writesSeen } from '../request-memo';
import { type Db, guard } from './client';
import type { Key } from './keys';

type Item = Record<string, unknown>;

interface Waiting {
  key: Key;
  consistent: boolean;
  done: (item: Item | undefined) => void;
  fail: (err: unknown) => void;
}

/** At most this many keys per BatchGetItem (DynamoDB's own limit); a larger gathering is split. */
const MAX_KEYS = 100;
const ATTEMPTS = 5;

/** DynamoDB's limits: 2,048 bytes for a partition key value, 1,024 for a sort key value. */
const possible = (key: Key) => Buffer.byteLength(key.PK) <= 2048 && Buffer.byteLength(key.SK) <= 1024;

/** The identity of a key (or of an item, by its key) in the map `batchGetItems` answers. */
export const id = (key: Key) => `${key.PK}\u0000${key.SK}`;

/**
 * One item by key. Within a request, the reads asked for at the same moment (a `Promise.all` of a submission and
 * the caller's unit, say) go out together as one BatchGetItem after the current turn of the event loop, instead
 * of one GetItem each: one round trip and one signed call instead of several. Outside a request scope, the reads of
 * all requests asked for in the same turn go out together the same way. Alone, a read is a plain GetItem. A batch
 * is strongly consistent if any of its reads asks to be; a key asked for twice is read once.
 *
 * Outside a request scope, a read that need not be strongly consistent also shares a read of the same key already on
 * its way (`onItsWay`): the caller's user record, asked for by every request of a busy user, then goes out about once
 * per round trip instead of once per request. Such a read says no more than DynamoDB's eventually consistent read
 * it replaces: it was sent at most `JOIN_MS` before, and no write of this process was sent or returned since.
 */
export function getItem(db: Db, key: Key, consistent = false): Promise<Item | undefined> {
  // DynamoDB refuses the whole batch for one key over its size limits; no item can have such a key.
  if (!possible(key)) return Promise.resolve(undefined);
  const scoped = requestSlot<Waiting[]>(`getItem:${db.table}`, () => []);
  return new Promise((done, fail) => {
    const waiting = { key, consistent, done, fail };
    if (!scoped && !consistent) {
      const read = ways.get(db)?.get(id(key));
      if (read && read.writes === writesSeen() && performance.now() - read.sentAt < JOIN_MS) {
        read.joined.push(waiting);
        return;
      }
    }
    const queue = scoped ?? shared(db);
    if (queue.length === 0) setImmediate(() => flush(db, queue.splice(0), !scoped));
    queue.push(waiting);
  });
}

/** A read by key sent outside a request scope, which later readers of its key may share. */
interface OnItsWay {
  /** `writesSeen()` when it was sent. */
  writes: number;
  sentAt: number;
  joined: Waiting[];
}
/** How long after it was sent a read may still be shared: far less than DynamoDB's eventual consistency allows. */
const JOIN_MS = 200;
const ways = new WeakMap<Db, Map<string, OnItsWay>>();

/**
 * Outside a request scope (reads, which run without one), the reads of every request asked for in the same turn share
 * one queue per database handle (client and table): coalescing only, nothing is remembered beyond the round trip.
 */
const queues = new WeakMap<Db, Waiting[]>();
const shared = (db: Db): Waiting[] => ofDb(queues, db, () => []);

function ofDb<T>(map: WeakMap<Db, T>, db: Db, init: () => T): T {
  let value = map.get(db);
  if (value === undefined) {
    value = init();
    map.set(db, value);
  }
  return value;
}

async function single(db: Db, Key: Key, consistent: boolean): Promise<Item | undefined> {
  const r = await guard(() =>
    db.doc.send(new GetCommand({ TableName: db.table, Key, ...(consistent ? { ConsistentRead: true } : {}) })),
  );
  return r.Item;
}

async function flush(db: Db, waiting: Waiting[], shareable: boolean): Promise<void> {
  const unique = new Set(waiting.map((w) => id(w.key)));
  const consistent = waiting.some((w) => w.consistent);
  // Later readers of these keys may share this read while it is on its way (see getItem).
  const read: OnItsWay | null = shareable ? { writes: writesSeen(), sentAt: performance.now(), joined: [] } : null;
  if (read) {
    const open = ofDb(ways, db, () => new Map<string, OnItsWay>());
    for (const key of unique) open.set(key, read);
  }
  let found: Map<string, Item> | undefined;
  let failure: unknown;
  try {
    found =
      unique.size === 1
        ? await single(db, waiting[0].key, consistent).then((item) => new Map(item ? [[id(waiting[0].key), item]] : []))
        : await batchGetItems(
            db,
            waiting.map((w) => w.key),
            consistent,
          );
  } catch (err) {
    failure = err;
  }
  // No one joins this read any more; those who did are answered with the others.
  if (read) {
    const open = ways.get(db);
    for (const key of unique) if (open?.get(key) === read) open.delete(key);
  }
  const all = read ? [...waiting, ...read.joined] : waiting;
  if (!found) {
    for (const w of all) w.fail(failure);
    return;
  }
  // A key asked for by several readers: each after the first gets its own copy, so none sees another's changes.
  const given = new Set<string>();
  for (const w of all) {
    const key = id(w.key);
    const item = found.get(key);
    w.done(item && given.has(key) ? structuredClone(item) : item);
    given.add(key);
  }
}

/**
 * Items by key, as a map by `id`: BatchGetItem in chunks of 100 distinct keys, asking again for what DynamoDB left
 * unprocessed (a bounded number of times). Keys without an item are absent from the map.
 */
export async function batchGetItems(
  db: Db,
  keys: Key[],
  consistent = false,
  /** Only these attributes (they must include PK and SK, by which the map is keyed). */
  projection?: { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> },
): Promise<Map<string, Item>> {
  const all = [...new Map(keys.filter(possible).map((k) => [id(k), { PK: k.PK, SK: k.SK }])).values()];
  const found = new Map<string, Item>();
  for (let i = 0; i < all.length; i += MAX_KEYS) {
    let pending: Item[] = all.slice(i, i + MAX_KEYS);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > ATTEMPTS) throw new UnavailableError('系统繁忙，请稍后重试', 1);
      if (attempt > 1) await new Promise((r) => setTimeout(r, 20 * attempt));
      const r = await guard(() =>
        db.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [db.table]: { Keys: pending, ...(consistent ? { ConsistentRead: true } : {}), ...projection },
            },
          }),
        ),
      );
      for (const item of r.Responses?.[db.table] ?? []) found.set(id(item as Key), item);
      pending = (r.UnprocessedKeys?.[db.table]?.Keys as Item[] | undefined) ?? [];
    }
  }
  return found;
}
