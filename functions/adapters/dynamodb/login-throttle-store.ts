import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../core/errors';
import type { LoginFailureCounter, LoginThrottleStore } from '../../core/ports';
import { type Db, guard } from './client';
import { keys } from './keys';

/** Sign-in failure counters as TTL items: atomic ADD, so every Lambda instance counts the same failures. */
export function createLoginThrottleStore(db: Db): LoginThrottleStore {
  return {
    async read(names, now) {
      return Promise.all(
        names.map(async (name) => {
          const r = await guard(() =>
            db.doc.send(new GetCommand({ TableName: db.table, Key: keys.loginFailures(name), ConsistentRead: true })),
          );
          const item = r.Item;
          // TTL deletion lags (and DynamoDB Local never deletes): an expired item counts as none.
          if (!item || (typeof item.expiresAt === 'number' && item.expiresAt * 1000 < Date.parse(now))) return null;
          return {
            failures: Number(item.failures ?? 0),
            lastFailureAt: String(item.lastFailureAt),
          } as LoginFailureCounter;
        }),
      );
    },
    async addFailure(name, at, expiresAt, resetBefore) {
      const Key = keys.loginFailures(name);
      try {
        await guard(() =>
          db.doc.send(
            new UpdateCommand({
              TableName: db.table,
              Key,
              UpdateExpression: 'ADD failures :one SET lastFailureAt = :at, expiresAt = :exp, entity = :entity',
              ConditionExpression: 'attribute_not_exists(PK) OR (expiresAt > :nowSec AND lastFailureAt >= :reset)',
              ExpressionAttributeValues: {
                ':one': 1,
                ':at': at,
                ':exp': expiresAt,
                ':entity': 'loginFailures',
                ':nowSec': Math.floor(Date.parse(at) / 1000),
                ':reset': resetBefore ?? '',
              },
            }),
          ),
        );
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        // A forgotten or expired counter starts again.
        await guard(() =>
          db.doc.send(
            new PutCommand({
              TableName: db.table,
              Item: { ...Key, entity: 'loginFailures', failures: 1, lastFailureAt: at, expiresAt },
            }),
          ),
        );
      }
    },
    async clear(name) {
      await guard(() => db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.loginFailures(name) })));
    },
  };
}
