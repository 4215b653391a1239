import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../core/errors';
import type { Indicator } from '../../core/model';
import type { IndicatorRepository } from '../../core/ports';
import { type Db, guard, queryAll, stripKeys, transactWrite } from './client';
import { idempotencyPut } from './idempotency';
import { keys } from './keys';

/** The library is small (hundreds of rows); a list is bounded anyway. */
const MAX_PAGES = 50;

/**
 * 指标库 (第十八条). An indicator item plus a name guard item per (level1, level2, name), written in
 * one transaction: creating or renaming can never leave two indicators with the same name.
 */
export function createIndicatorRepository(db: Db): IndicatorRepository {
  const item = (i: Indicator) => ({
    ...keys.indicator(i.id),
    ...keys.indicatorListSort(i.level1, i.level2, i.name, i.id),
    entity: 'indicator',
    ...i,
  });
  const nameGuard = (i: Indicator) => ({
    Put: {
      TableName: db.table,
      Item: { ...keys.indicatorName(i.level1, i.level2, i.name), entity: 'indicatorName', indicatorId: i.id },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });
  const sameName = (a: Indicator, b: Indicator) => a.level1 === b.level1 && a.level2 === b.level2 && a.name === b.name;
  return {
    async get(id) {
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.indicator(id), ConsistentRead: true })),
      );
      return r.Item ? stripKeys<Indicator>(r.Item) : null;
    },
    async list() {
      return queryAll<Indicator>(
        db,
        {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.indicatorListPartition },
        },
        MAX_PAGES,
      );
    },
    async create(indicator, idempotency) {
      try {
        await guard(() =>
          db.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: { TableName: db.table, Item: item(indicator), ConditionExpression: 'attribute_not_exists(PK)' },
                },
                nameGuard(indicator),
                ...(idempotency ? [idempotencyPut(db, idempotency, indicator.updatedAt)] : []),
              ],
            }),
          ),
        );
      } catch (err) {
        if (err instanceof ConflictError) {
          throw new ConflictError(
            '指标编号已存在，或同一二级指标下已有同名指标',
            [{ path: '/name', message: '同一二级指标下已有同名指标（或编号已存在）' }],
            { cause: err },
          );
        }
        throw err;
      }
    },
    async createMany(indicators) {
      for (let i = 0; i < indicators.length; i += 50) {
        await transactWrite(
          db,
          indicators
            .slice(i, i + 50)
            .flatMap((ind) => [
              { Put: { TableName: db.table, Item: item(ind), ConditionExpression: 'attribute_not_exists(PK)' } },
              nameGuard(ind),
            ]),
        );
      }
    },
    async update(next, before, idempotency) {
      const renamed = !sameName(next, before);
      try {
        await guard(() =>
          db.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: db.table,
                    Item: item(next),
                    ConditionExpression: '#v = :expected',
                    ExpressionAttributeNames: { '#v': 'version' },
                    ExpressionAttributeValues: { ':expected': before.version },
                  },
                },
                ...(renamed
                  ? [
                      {
                        Delete: {
                          TableName: db.table,
                          Key: keys.indicatorName(before.level1, before.level2, before.name),
                          ConditionExpression: 'indicatorId = :id',
                          ExpressionAttributeValues: { ':id': before.id },
                        },
                      },
                      nameGuard(next),
                    ]
                  : []),
                ...(idempotency ? [idempotencyPut(db, idempotency, next.updatedAt)] : []),
              ],
            }),
          ),
        );
      } catch (err) {
        if (err instanceof ConflictError) {
          throw new ConflictError('指标已被他人修改，或同一二级指标下已有同名指标，请刷新后重试', [], { cause: err });
        }
        throw err;
      }
    },
  };
}
