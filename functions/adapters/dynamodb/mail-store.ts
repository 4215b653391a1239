import { BatchWriteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestItem, MailStore, QueuedMail } from '../../core/ports-mail';
import { type Db, guard, queryAll } from './client';
import { keys } from './keys';

/** Queued email retries (one partition sorted by due time) and daily digest items (one partition). */
export function createMailStore(db: Db): MailStore {
  const digestKey = (d: DigestItem) => keys.mailDigest(d.userId, d.at, d.id);
  // BatchWriteItem in chunks of 25, handing unprocessed requests back a few times.
  const batchWrite = async (requests: Record<string, unknown>[]) => {
    for (let i = 0; i < requests.length; i += 25) {
      let pending = requests.slice(i, i + 25);
      for (let attempt = 0; pending.length && attempt < 5; attempt++) {
        const r = await guard(() => db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending } })));
        pending = (r.UnprocessedItems?.[db.table] ?? []) as Record<string, unknown>[];
      }
    }
  };
  return {
    async enqueue(mail) {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...keys.mailQueued(mail.nextAttemptAt, mail.id), entity: 'mailQueued', ...mail },
          }),
        ),
      );
    },
    async due(now, limit = 200) {
      return queryAll<QueuedMail>(
        db,
        {
          KeyConditionExpression: 'PK = :pk AND SK <= :now',
          ExpressionAttributeValues: { ':pk': keys.mailQueuePartition, ':now': `${now}#~` },
          Limit: limit,
        },
        1,
      );
    },
    async settle(mail, next) {
      const remove = { Delete: { TableName: db.table, Key: keys.mailQueued(mail.nextAttemptAt, mail.id) } };
      const put = next && {
        Put: {
          TableName: db.table,
          Item: { ...keys.mailQueued(next.nextAttemptAt, next.id), entity: 'mailQueued', ...next },
        },
      };
      await guard(() => db.doc.send(new TransactWriteCommand({ TransactItems: put ? [remove, put] : [remove] })));
    },
    async addDigest(items) {
      await batchWrite(items.map((d) => ({ PutRequest: { Item: { ...digestKey(d), entity: 'mailDigest', ...d } } })));
    },
    async digests(limit = 1000) {
      return queryAll<DigestItem>(
        db,
        { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.mailDigestPartition } },
        Math.ceil(limit / 100),
      );
    },
    async removeDigests(items) {
      await batchWrite(items.map((d) => ({ DeleteRequest: { Key: digestKey(d) } })));
    },
  };
}
