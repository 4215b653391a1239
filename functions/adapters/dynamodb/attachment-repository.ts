import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Attachment, AttachmentRepository } from '../../core/ports-attachments';
import { type Db, guard, queryAll, stripKeys } from './client';
import { keys } from './keys';

/** Attachment records: `ATT#<id>`, orphans listed on GSI1 until pinned, pinned files of a submission on GSI2. */
export function createAttachmentRepository(db: Db): AttachmentRepository {
  return {
    async get(id) {
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.attachment(id), ConsistentRead: true })),
      );
      return r.Item ? stripKeys<Attachment>(r.Item) : null;
    },
    async getMany(ids) {
      const unique = [...new Set(ids)];
      const out: Attachment[] = [];
      for (let i = 0; i < unique.length; i += 100) {
        const chunk = unique.slice(i, i + 100);
        const r = await guard(() =>
          db.doc.send(
            new BatchGetCommand({
              RequestItems: { [db.table]: { Keys: chunk.map((id) => keys.attachment(id)), ConsistentRead: true } },
            }),
          ),
        );
        out.push(...(r.Responses?.[db.table] ?? []).map((x) => stripKeys<Attachment>(x)));
      }
      return out;
    },
    async create(att, expiresAt) {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: {
              ...keys.attachment(att.id),
              entity: 'attachment',
              ...keys.attachmentOrphan(att.uploadedAt, att.id),
              expiresAt,
              ...att,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
    },
    async complete(att) {
      // Still an orphan (keys and expiry stay), now with its checked size, type and hash.
      await guard(() =>
        db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.attachment(att.id),
            UpdateExpression: 'SET #s = :complete, size = :size, contentType = :type, sha256 = :sha, completedAt = :at',
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':complete': 'complete',
              ':pending': 'pending',
              ':size': att.size,
              ':type': att.contentType,
              ':sha': att.sha256,
              ':at': att.completedAt,
            },
          }),
        ),
      );
    },
    async pin(att) {
      if (!att.submissionId || !att.pinnedAt) throw new Error('pin needs submissionId and pinnedAt');
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            // No orphan keys and no expiry: a pinned file is kept for good.
            Item: {
              ...keys.attachment(att.id),
              entity: 'attachment',
              ...keys.attachmentPinned(att.submissionId as string, att.pinnedAt as string, att.id),
              ...att,
            },
            ConditionExpression: '#s = :complete AND (attribute_not_exists(submissionId) OR submissionId = :sub)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':complete': 'complete', ':sub': att.submissionId },
          }),
        ),
      );
    },
    async orphansBefore(before, limit) {
      const r = await guard(() =>
        db.doc.send(
          new QueryCommand({
            TableName: db.table,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :p AND GSI1SK < :b',
            ExpressionAttributeValues: { ':p': keys.attachmentOrphanPartition, ':b': before },
            Limit: limit,
          }),
        ),
      );
      return (r.Items ?? []).map((x) => stripKeys<Attachment>(x));
    },
    async listPinned(submissionId) {
      return queryAll<Attachment>(db, {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :p',
        ExpressionAttributeValues: { ':p': keys.attachmentPinnedPartition(submissionId) },
      });
    },
    async remove(id) {
      await guard(() =>
        db.doc.send(
          new DeleteCommand({
            TableName: db.table,
            Key: keys.attachment(id),
            // Never a pinned file.
            ConditionExpression: 'attribute_not_exists(pinnedAt)',
          }),
        ),
      );
    },
  };
}
