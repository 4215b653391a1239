import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../dynamodb/client';
import { keys } from '../dynamodb/keys';

/**
 * The built-in catalog installed on a table, remembered in one item keyed by the catalog's fingerprint, so that
 * `npm start` with data present checks the seed with one read instead of one per unit, user, chain, form and
 * indicator. A changed catalog (a new form in forms/) has another fingerprint: the idempotent install runs again.
 */
const key = keys.catalogInstalled;

export function catalogFingerprint(catalog: unknown): string {
  return createHash('sha256').update(JSON.stringify(catalog)).digest('hex');
}

export async function catalogInstalled(db: Db, fingerprint: string): Promise<boolean> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key(fingerprint), ConsistentRead: true }));
  return Boolean(r.Item);
}

export async function markCatalogInstalled(db: Db, fingerprint: string, at: string): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key(fingerprint), installedAt: at } }));
}
