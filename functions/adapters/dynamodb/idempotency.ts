import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyStore } from '../../core/ports';
import { type Db, guard, stripKeys } from './client';
import { keys } from './keys';

/** Idempotency records live 24 hours (TTL attribute), long enough for any client retry. */
const TTL_SECONDS = 24 * 3600;

/** The Put that joins a write transaction: it fails (and so the whole change) if the key was used already. */
export function idempotencyPut(db: Db, record: IdempotencyRecord, nowIso: string) {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...keys.idempotency(record.userId, record.key),
        entity: 'idempotency',
        ...record,
        createdAt: nowIso,
        expiresAt: Math.floor(Date.parse(nowIso) / 1000) + TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export function createIdempotencyStore(db: Db): IdempotencyStore {
  return {
    async get(userId, key) {
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.idempotency(userId, key), ConsistentRead: true })),
      );
      if (!r.Item) return null;
      // DynamoDB TTL deletes lazily; an expired record no longer counts.
      if (typeof r.Item.expiresAt === 'number' && r.Item.expiresAt * 1000 < Date.now()) return null;
      return stripKeys<IdempotencyRecord>(r.Item);
    },
  };
}
