import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { FormVersion } from '../../core/model';
import type { ChainHead, ChainRepository, FormHead, FormRepository } from '../../core/ports';
import type { Chain } from '../../core/workflow/types';
import { type Db, guard, stripKeys } from './client';
import { idempotencyPut } from './idempotency';
import { keys } from './keys';

async function queryAll(db: Db, input: ConstructorParameters<typeof QueryCommand>[0]) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await guard(() => db.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start })));
    items.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Form versions are immutable items under the form's partition; the HEAD item holds the latest and
 * published version numbers. A new version is one transaction: HEAD bumped on the expected latest
 * version (optimistic lock) + the version item put if absent.
 */
export function createFormRepository(db: Db): FormRepository {
  return {
    async getHead(formId) {
      const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.formHead(formId) })));
      return r.Item ? stripKeys<FormHead>(r.Item) : null;
    },
    async getVersion(formId, version) {
      const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.formVersion(formId, version) })));
      return r.Item ? stripKeys<FormVersion>(r.Item) : null;
    },
    async listHeads() {
      const items = await queryAll(db, {
        TableName: db.table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.formList().GSI1PK },
      });
      return items.map((i) => stripKeys<FormHead>(i));
    },
    async listVersions(formId) {
      const items = await queryAll(db, {
        TableName: db.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
        ExpressionAttributeValues: { ':pk': keys.formHead(formId).PK, ':v': keys.formVersionPrefix },
      });
      return items.map((i) => stripKeys<FormVersion>(i));
    },
    async createVersion(form, expectedLatest, idempotency) {
      const head = expectedLatest === 0
        ? {
            Put: {
              TableName: db.table,
              Item: {
                ...keys.formHead(form.id),
                ...keys.formListSort(form.id),
                entity: 'formHead',
                id: form.id,
                title: form.title,
                family: form.family,
                latestVersion: form.version,
                publishedVersion: null,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          }
        : {
            Update: {
              TableName: db.table,
              Key: keys.formHead(form.id),
              UpdateExpression: 'SET latestVersion = :v',
              ConditionExpression: 'latestVersion = :expected',
              ExpressionAttributeValues: { ':v': form.version, ':expected': expectedLatest },
            },
          };
      await guard(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              head,
              {
                Put: {
                  TableName: db.table,
                  Item: { ...keys.formVersion(form.id, form.version), entity: 'formVersion', ...form },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...(idempotency ? [idempotencyPut(db, idempotency, form.createdAt)] : []),
            ],
          }),
        ),
      );
    },
    async publish(formId, version, at, idempotency) {
      const form = await this.getVersion(formId, version);
      await guard(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: db.table,
                  Key: keys.formHead(formId),
                  UpdateExpression: 'SET publishedVersion = :v, #title = :t, #family = :f',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeNames: { '#title': 'title', '#family': 'family' },
                  ExpressionAttributeValues: { ':v': version, ':t': form?.title ?? formId, ':f': form?.family ?? null },
                },
              },
              {
                Update: {
                  TableName: db.table,
                  Key: keys.formVersion(formId, version),
                  UpdateExpression: 'SET #s = :p, publishedAt = if_not_exists(publishedAt, :at)',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: { ':p': 'published', ':at': at },
                },
              },
              ...(idempotency ? [idempotencyPut(db, idempotency, at)] : []),
            ],
          }),
        ),
      );
    },
  };
}

export function createChainRepository(db: Db): ChainRepository {
  return {
    async getHead(chainId) {
      const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.chainHead(chainId) })));
      return r.Item ? stripKeys<ChainHead>(r.Item) : null;
    },
    async getVersion(chainId, version) {
      const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.chainVersion(chainId, version) })));
      if (!r.Item) return null;
      const { createdAt: _c, ...chain } = stripKeys<Chain & { createdAt?: string }>(r.Item);
      return chain;
    },
    async listHeads() {
      const items = await queryAll(db, {
        TableName: db.table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.chainList().GSI1PK },
      });
      return items.map((i) => stripKeys<ChainHead>(i));
    },
    async createVersion(chain, expectedLatest, at, idempotency) {
      const head = expectedLatest === 0
        ? {
            Put: {
              TableName: db.table,
              Item: { ...keys.chainHead(chain.id), ...keys.chainListSort(chain.id), entity: 'chainHead', id: chain.id, title: chain.title, latestVersion: chain.version },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          }
        : {
            Update: {
              TableName: db.table,
              Key: keys.chainHead(chain.id),
              UpdateExpression: 'SET latestVersion = :v, #title = :t',
              ConditionExpression: 'latestVersion = :expected',
              ExpressionAttributeNames: { '#title': 'title' },
              ExpressionAttributeValues: { ':v': chain.version, ':t': chain.title, ':expected': expectedLatest },
            },
          };
      await guard(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              head,
              {
                Put: {
                  TableName: db.table,
                  Item: { ...keys.chainVersion(chain.id, chain.version), entity: 'chainVersion', ...chain, createdAt: at },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...(idempotency ? [idempotencyPut(db, idempotency, at)] : []),
            ],
          }),
        ),
      );
    },
  };
}
