import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { UserAuditEvent, UserAuditRepository } from '../../core/ports-audit';
import { type Db, guard, queryAll } from './client';
import { keys } from './keys';
import { userItem, versionCondition } from './org-admin-repository';

/** Audit events live in the user's own partition, beside the user item, sorted by time (keys.userAudit). */
export function createUserAuditRepository(db: Db): UserAuditRepository {
  return {
    async updateUserWithEvent(user, expectedVersion, event) {
      await guard(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: db.table,
                  Item: userItem(user),
                  ...versionCondition(expectedVersion),
                },
              },
              {
                Put: {
                  TableName: db.table,
                  Item: { ...keys.userAudit(event.userId, event.at, event.id), entity: 'userAudit', ...event },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        ),
      );
    },
    listEvents(userId, limit) {
      // One page, newest first: at most `limit` events.
      return queryAll<UserAuditEvent>(
        db,
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': keys.user(userId).PK, ':sk': keys.userAuditPrefix },
          ScanIndexForward: false,
          Limit: limit,
        },
        1,
      );
    },
  };
}
