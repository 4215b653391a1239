import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { FormVersion } from '../../core/model';
import type { ChainHead, ChainRepository, FormHead, FormRepository, IdempotencyRecord } from '../../core/ports';
import type { Chain } from '../../core/workflow/types';
import { memoized } from '../request-memo';
import { type Db, guard, queryAll, stripKeys } from './client';
import { getItem } from './get-item';
import { idempotencyPut } from './idempotency';
import { type Key, keys } from './keys';

/**
 * A new immutable version under a head item, in one transaction: the head is created (first version)
 * or its latestVersion bumped on the expected value (optimistic lock), the version item is put if
 * absent, and the idempotency record joins when the request carried a key.
 */
async function writeVersion(
  db: Db,
  v: {
    head: Key;
    /** Attributes of a new head (first version only). */
    newHead: Record<string, unknown>;
    /** Head attributes refreshed on every later version (e.g. the title). */
    refresh: Record<string, unknown>;
    version: number;
    expectedLatest: number;
    item: Record<string, unknown>;
    at: string;
  },
  idempotency?: IdempotencyRecord,
) {
  const names = Object.fromEntries(Object.keys(v.refresh).map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(Object.entries(v.refresh).map(([k, val]) => [`:${k}`, val]));
  const head =
    v.expectedLatest === 0
      ? {
          Put: {
            TableName: db.table,
            Item: { ...v.head, ...v.newHead, ...v.refresh, latestVersion: v.version },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }
      : {
          Update: {
            TableName: db.table,
            Key: v.head,
            UpdateExpression: ['SET latestVersion = :v', ...Object.keys(v.refresh).map((k) => `#${k} = :${k}`)].join(
              ', ',
            ),
            ConditionExpression: 'latestVersion = :expected',
            ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: { ':v': v.version, ':expected': v.expectedLatest, ...values },
          },
        };
  await guard(() =>
    db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          head,
          { Put: { TableName: db.table, Item: v.item, ConditionExpression: 'attribute_not_exists(PK)' } },
          ...(idempotency ? [idempotencyPut(db, idempotency, v.at)] : []),
        ],
      }),
    ),
  );
}

/**
 * Form versions are immutable items under the form's partition; the HEAD item holds the latest and
 * published version numbers. A new version is one transaction: HEAD bumped on the expected latest
 * version (optimistic lock) + the version item put if absent.
 */
export function createFormRepository(db: Db): FormRepository {
  // A published form version never changes again (publish only sets its status and first publishedAt; a
  // draft is read fresh): cache it, frozen, and hand out the same object, so the schema's compiled validator
  // (cached on the schema object, forms/lib/ajv.ts) is compiled once per version and process.
  const versions = new Map<string, FormVersion>();
  return {
    async getHead(formId) {
      // Once per request until it writes (request-memo.ts): a create reads it beside the caller's user record.
      const item = await memoized(`formHead:${formId}`, () => getItem(db, keys.formHead(formId)));
      return item ? stripKeys<FormHead>(structuredClone(item)) : null;
    },
    async getVersion(formId, version) {
      const cacheKey = `${formId}#${version}`;
      const hit = versions.get(cacheKey);
      if (hit) return hit;
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.formVersion(formId, version) })),
      );
      if (!r.Item) return null;
      const form = stripKeys<FormVersion>(r.Item);
      if (form.status !== 'published') return form;
      if (versions.size >= 200) versions.delete(versions.keys().next().value as string);
      versions.set(cacheKey, deepFreeze(form));
      return form;
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
      await writeVersion(
        db,
        {
          head: keys.formHead(form.id),
          newHead: {
            ...keys.formListSort(form.id),
            entity: 'formHead',
            id: form.id,
            title: form.title,
            family: form.family,
            publishedVersion: null,
          },
          // The listed title and family change only when a version is published.
          refresh: {},
          version: form.version,
          expectedLatest,
          item: { ...keys.formVersion(form.id, form.version), entity: 'formVersion', ...form },
          at: form.createdAt,
        },
        idempotency,
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
      const item = await getItem(db, keys.chainHead(chainId));
      return item ? stripKeys<ChainHead>(item) : null;
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
      await writeVersion(
        db,
        {
          head: keys.chainHead(chain.id),
          newHead: { ...keys.chainListSort(chain.id), entity: 'chainHead', id: chain.id },
          refresh: { title: chain.title },
          version: chain.version,
          expectedLatest,
          item: { ...keys.chainVersion(chain.id, chain.version), entity: 'chainVersion', ...chain, createdAt: at },
          at,
        },
        idempotency,
      );
    },
  };
}

/** Freezes a JSON value and everything in it (cached immutable versions: a mutation throws, never leaks). */
function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}
