import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../core/errors';
import type { User } from '../../core/model';
import type { OrgAdminRepository } from '../../core/ports';
import { type Db, guard } from './client';
import { idempotencyPut } from './idempotency';
import { keys } from './keys';

/** A user as stored: its key and its place in the username list (GSI1). */
export const userItem = (user: User) => ({
  ...keys.user(user.id),
  ...keys.userListSort(user.username),
  entity: 'user',
  ...user,
});

/** Seeded records carry no version: expected 0 means "still unversioned". */
export function versionCondition(expected: number) {
  return expected === 0
    ? {
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#v) OR #v = :zero)',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':zero': 0 },
      }
    : {
        ConditionExpression: '#v = :expected',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':expected': expected },
      };
}

/**
 * Conditional organisation writes for the admin pages: a new unit only if the id is free, edits of
 * units, users and settings only on the version the admin loaded (a lost race is a 409).
 */
export function createOrgAdminRepository(db: Db): OrgAdminRepository {
  return {
    async createUnit(unit, idempotency) {
      try {
        await guard(() =>
          db.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: db.table,
                    Item: { ...keys.unit(unit.id), ...keys.unitListSort(unit.id), entity: 'unit', ...unit },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                ...(idempotency ? [idempotencyPut(db, idempotency, new Date().toISOString())] : []),
              ],
            }),
          ),
        );
      } catch (err) {
        if (err instanceof ConflictError)
          throw new ConflictError('单位编号已存在', [{ path: '/id', message: '单位编号已存在' }], { cause: err });
        throw err;
      }
    },
    async updateUnit(unit, expectedVersion) {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...keys.unit(unit.id), ...keys.unitListSort(unit.id), entity: 'unit', ...unit },
            ...versionCondition(expectedVersion),
          }),
        ),
      );
    },
    async updateSettings(settings, expectedVersion) {
      const cond =
        expectedVersion === 0
          ? {
              ConditionExpression: 'attribute_not_exists(#v) OR #v = :zero',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':zero': 0 },
            }
          : versionCondition(expectedVersion);
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...keys.orgSettings(), entity: 'settings', ...settings },
            ...cond,
          }),
        ),
      );
    },
    async updateUser(user, expectedVersion) {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: userItem(user),
            ...versionCondition(expectedVersion),
          }),
        ),
      );
    },
  };
}
