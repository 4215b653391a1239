import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { FormVersion } from '../../core/model';
import type { ChainHead, ChainRepository, FormHead, FormRepository } from '../../core/ports';
import type { Chain } from '../../core/workflow/types';
import { type Db, guard, queryAll, stripKeys } from './client';
import { idempotencyPut } from './idempotency';
import { keys } from './keys';

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
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.formVersion(formId, version) })),
      );
      return r.Item ? stripKeys<FormVersion>(r.Item) : null;
    },
    async listHeads() {
      return queryAll<FormHead>(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.formList().GSI1PK },
      });
    },
    async listVersions(formId) {
      return queryAll<FormVersion>(db, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
        ExpressionAttributeValues: { ':pk': keys.formHead(formId).PK, ':v': keys.formVersionPrefix },
      });
    },
    async createVersion(form, expectedLatest, idempotency) {
      const head =
        expectedLatest === 0
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
  // Chain versions are immutable once written (a save makes a new version): cache them for good.
  const versions = new Map<string, Chain>();
  return {
    async getHead(chainId) {
      const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.chainHead(chainId) })));
      return r.Item ? stripKeys<ChainHead>(r.Item) : null;
    },
    async getVersion(chainId, version) {
      const cacheKey = `${chainId}#${version}`;
      const hit = versions.get(cacheKey);
      if (hit) return structuredClone(hit);
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.chainVersion(chainId, version) })),
      );
      if (!r.Item) return null;
      const { createdAt: _c, ...chain } = stripKeys<Chain & { createdAt?: string }>(r.Item);
      if (versions.size > 500) versions.clear();
      versions.set(cacheKey, chain);
      return structuredClone(chain);
    },
    async listHeads() {
      return queryAll<ChainHead>(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.chainList().GSI1PK },
      });
    },
    async createVersion(chain, expectedLatest, at, idempotency) {
      const head =
        expectedLatest === 0
          ? {
              Put: {
                TableName: db.table,
                Item: {
                  ...keys.chainHead(chain.id),
                  ...keys.chainListSort(chain.id),
                  entity: 'chainHead',
                  id: chain.id,
                  title: chain.title,
                  latestVersion: chain.version,
                },
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
                  Item: {
                    ...keys.chainVersion(chain.id, chain.version),
                    entity: 'chainVersion',
                    ...chain,
                    createdAt: at,
                  },
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
