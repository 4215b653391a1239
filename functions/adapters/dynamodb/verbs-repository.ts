import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Delegation, VerbsRepository } from '../../core/ports-verbs';
import { notificationWrites } from './campaign-repository';
import { type Db, guard, queryAll, stripKeys, transactWrite } from './client';
import { keys } from './keys';

/** Bounded reads: a person makes or receives a handful of delegations. */
const DELEGATION_PAGES = 5;

function delegationItem(d: Delegation) {
  return {
    ...keys.delegation(d.id),
    ...keys.delegationBy(d.principalId, d.createdAt, d.id),
    ...keys.delegationTo(d.deputyId, d.endsAt, d.id),
    entity: 'delegation',
    ...d,
  };
}

/** 催办 guard items and delegations (approval verbs beyond decisions). */
export function createVerbsRepository(db: Db): VerbsRepository {
  return {
    async remindStep(key, at, remindedBefore, notifications) {
      const itemKey = keys.stepReminder(key.submissionId, key.round, key.stepId);
      try {
        await transactWrite(db, [
          {
            Update: {
              TableName: db.table,
              Key: itemKey,
              UpdateExpression: 'SET remindedAt = :at, entity = :e, submissionId = :s, stepId = :st',
              ConditionExpression: 'attribute_not_exists(remindedAt) OR remindedAt <= :before',
              ExpressionAttributeValues: {
                ':at': at,
                ':e': 'stepReminder',
                ':s': key.submissionId,
                ':st': key.stepId,
                ':before': remindedBefore,
              },
            },
          },
          ...notifications.flatMap((n) => notificationWrites(db, n)),
        ]);
        return { ok: true };
      } catch (err) {
        if ((err as Error).name !== 'ConflictError') throw err;
        const r = await guard(() =>
          db.doc.send(new GetCommand({ TableName: db.table, Key: itemKey, ConsistentRead: true })),
        );
        return { ok: false, lastAt: String(r.Item?.remindedAt ?? at) };
      }
    },

    async createDelegation(d) {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: delegationItem(d),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
    },

    async getDelegation(id) {
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.delegation(id), ConsistentRead: true })),
      );
      return r.Item ? stripKeys<Delegation>(r.Item) : null;
    },

    async listDelegationsBy(principalId) {
      return queryAll<Delegation>(
        db,
        {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': `DELEGBY#${principalId}` },
          ScanIndexForward: false,
        },
        DELEGATION_PAGES,
      );
    },

    async listDelegationsTo(deputyId, endsAfter) {
      return queryAll<Delegation>(
        db,
        {
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK > :after',
          ExpressionAttributeValues: { ':pk': `DELEGTO#${deputyId}`, ':after': endsAfter },
        },
        DELEGATION_PAGES,
      );
    },

    async endDelegation(id, at) {
      try {
        await guard(() =>
          db.doc.send(
            new UpdateCommand({
              TableName: db.table,
              Key: keys.delegation(id),
              UpdateExpression: 'SET endedAt = :at',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(endedAt)',
              ExpressionAttributeValues: { ':at': at },
            }),
          ),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConflictError') return false;
        throw err;
      }
    },
  };
}
