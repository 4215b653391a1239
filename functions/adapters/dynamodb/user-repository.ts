import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../core/errors';
import type { User } from '../../core/model';
import type { UserRepository } from '../../core/ports';
import { memoized } from '../request-memo';
import { clampLimit, type Db, decodeCursor, encodeCursor, guard, stripKeys } from './client';
import { getItem } from './get-item';
import { idempotencyPut } from './idempotency';
import { keys } from './keys';

export function createUserRepository(db: Db): UserRepository {
  const item = (user: User) => ({
    ...keys.user(user.id),
    ...keys.userListSort(user.username),
    entity: 'user',
    ...user,
  });
  return {
    async getById(id) {
      // Once per request until it writes (request-memo.ts): the caller's check and, say, a form's prefill share it.
      const item = await memoized(`user:${id}`, () => getItem(db, keys.user(id)));
      return item ? stripKeys<User>(structuredClone(item)) : null;
    },
    async getByUsername(username) {
      const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.username(username) })));
      if (!r.Item) return null;
      return this.getById(r.Item.userId as string);
    },
    async create(user, idempotency) {
      try {
        await guard(() =>
          db.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: db.table,
                    Item: { ...keys.username(user.username), entity: 'username', userId: user.id },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                { Put: { TableName: db.table, Item: item(user), ConditionExpression: 'attribute_not_exists(PK)' } },
                ...(idempotency ? [idempotencyPut(db, idempotency, user.createdAt)] : []),
              ],
            }),
          ),
        );
      } catch (err) {
        if (err instanceof ConflictError)
          throw new ConflictError('用户名已存在', [{ path: '/username', message: '用户名已存在' }], { cause: err });
        throw err;
      }
    },
    async update(user) {
      await guard(() =>
        db.doc.send(
          new PutCommand({ TableName: db.table, Item: item(user), ConditionExpression: 'attribute_exists(PK)' }),
        ),
      );
    },
    async list(page) {
      const r = await guard(() =>
        db.doc.send(
          new QueryCommand({
            TableName: db.table,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.userList().GSI1PK },
            Limit: clampLimit(page.limit),
            ExclusiveStartKey: decodeCursor(page.cursor, { index: 'GSI1', partition: keys.userList().GSI1PK }),
          }),
        ),
      );
      return {
        items: (r.Items ?? []).map((i) => {
          const {
            passwordHash: _p,
            tokenVersion: _t,
            tokensValidAfter: _v,
            mustChangePassword: _m,
            totpSecret: _ts,
            totpPending: _tp,
            totpLastStep: _tl,
            ...u
          } = stripKeys<User>(i);
          // Whether the 动态验证码 is on (the admin page offers its reset), never the secret.
          return { ...u, totp: Boolean(_ts) } as User;
        }),
        cursor: encodeCursor(r.LastEvaluatedKey),
      };
    },
  };
}
