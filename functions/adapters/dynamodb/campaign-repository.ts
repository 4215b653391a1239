import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign, CampaignEdit, CampaignUnit, Notification } from '../../core/campaign-model';
import type { CampaignRepository, NotificationRepository, StatsRepository } from '../../core/ports';
import { clampLimit, type Db, decodeCursor, encodeCursor, guard, queryAll, stripKeys, transactWrite } from './client';
import { idempotencyPut } from './idempotency';
import { keys, STATS_SHARDS } from './keys';

function campaignItem(c: Campaign) {
  return {
    ...keys.campaign(c.id),
    ...keys.campaignList(c.createdAt, c.id),
    ...(c.status === 'open' ? keys.campaignOpen(c.dueAt, c.id) : {}),
    entity: 'campaign',
    ...c,
  };
}

const editPut = (db: Db, campaignId: string, edit: CampaignEdit) => ({
  Put: {
    TableName: db.table,
    Item: { ...keys.campaignEdit(campaignId, edit.seq), entity: 'campaignEdit', campaignId, ...edit },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

const updateExpression = (set: string[], remove: string[]) =>
  `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`;

/** A notification Put plus its user's unread counter, for a transaction. */
export function notificationWrites(db: Db, n: Notification) {
  return [
    {
      Put: {
        TableName: db.table,
        Item: { ...keys.notification(n.userId, n.id), entity: 'notification', ...n },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Update: {
        TableName: db.table,
        Key: keys.notificationUnread(n.userId),
        UpdateExpression: 'ADD unread :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
}

/** 填报任务: the campaign, its board rows and edit records share one partition (the board is one Query). */
export function createCampaignRepository(db: Db): CampaignRepository {
  return {
    async create(campaign, edit, idempotency) {
      await transactWrite(db, [
        { Put: { TableName: db.table, Item: campaignItem(campaign), ConditionExpression: 'attribute_not_exists(PK)' } },
        editPut(db, campaign.id, edit),
        ...(idempotency ? [idempotencyPut(db, idempotency, campaign.createdAt)] : []),
      ]);
    },

    async get(id) {
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.campaign(id), ConsistentRead: true })),
      );
      return r.Item ? stripKeys<Campaign>(r.Item) : null;
    },

    async board(id) {
      const items = await queryAll<Record<string, unknown>>(db, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(id) },
        ReturnConsumedCapacity: 'TOTAL',
      });
      let campaign: Campaign | null = null;
      const rows: CampaignUnit[] = [];
      const edits: CampaignEdit[] = [];
      for (const item of items) {
        if (item.id === id && item.formId) campaign = item as unknown as Campaign;
        else if (typeof item.seq === 'number') {
          const { campaignId: _c, ...edit } = item;
          edits.push(edit as unknown as CampaignEdit);
        } else if (item.unitId) rows.push(item as unknown as CampaignUnit);
      }
      return campaign ? { campaign, rows, edits } : null;
    },

    async row(id, unitId) {
      const r = await guard(() =>
        db.doc.send(new GetCommand({ TableName: db.table, Key: keys.campaignUnit(id, unitId), ConsistentRead: true })),
      );
      return r.Item ? stripKeys<CampaignUnit>(r.Item) : null;
    },

    async list(page, filter) {
      const limit = clampLimit(page.limit);
      const out: Campaign[] = [];
      let start = decodeCursor(page.cursor, { index: 'GSI1', partition: keys.campaignListPartition });
      const conds: string[] = [];
      const values: Record<string, unknown> = { ':pk': keys.campaignListPartition };
      if (filter.unitId) {
        conds.push('contains(unitIds, :u)');
        values[':u'] = filter.unitId;
      }
      if (filter.year !== undefined) {
        conds.push('#y = :y');
        values[':y'] = filter.year;
      }
      // Bounded work per request: at most 10 DynamoDB pages (a bureau issues tens of campaigns a year).
      for (let i = 0; i < 10; i++) {
        const r = await guard(() =>
          db.doc.send(
            new QueryCommand({
              TableName: db.table,
              IndexName: 'GSI1',
              KeyConditionExpression: 'GSI1PK = :pk',
              ...(conds.length ? { FilterExpression: conds.join(' AND ') } : {}),
              ...(filter.year !== undefined ? { ExpressionAttributeNames: { '#y': 'year' } } : {}),
              ExpressionAttributeValues: values,
              ScanIndexForward: false,
              Limit: limit - out.length,
              ExclusiveStartKey: start,
            }),
          ),
        );
        out.push(...(r.Items ?? []).map((x) => stripKeys<Campaign>(x)));
        start = r.LastEvaluatedKey;
        if (!start || out.length >= limit) break;
      }
      return { items: out, cursor: encodeCursor(start) };
    },

    async listOpen() {
      return queryAll<Campaign>(db, {
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.campaignOpenPartition },
      });
    },

    async update(next, edit) {
      // Counters are left alone here (submission transactions change them); only the issuer's fields are set.
      const open = next.status === 'open' ? keys.campaignOpen(next.dueAt, next.id) : null;
      const added = edit.addedUnitIds?.length ?? 0;
      await transactWrite(db, [
        {
          Update: {
            TableName: db.table,
            Key: keys.campaign(next.id),
            UpdateExpression: updateExpression(
              [
                'title = :t',
                'dueDate = :dd',
                'dueAt = :da',
                'notice = :n',
                'unitIds = :u',
                '#st = :st',
                'updatedAt = :at',
                '#v = :v',
                ...(next.closedAt ? ['closedAt = :ca'] : []),
                ...(added ? ['#c.notStarted = #c.notStarted + :added'] : []),
                ...(open ? ['GSI2PK = :g2pk', 'GSI2SK = :g2sk'] : []),
                ...(next.dueInWorkingDays !== undefined ? ['dueInWorkingDays = :wd'] : []),
              ],
              [
                ...(open ? [] : ['GSI2PK', 'GSI2SK']),
                ...(next.dueInWorkingDays !== undefined ? [] : ['dueInWorkingDays']),
              ],
            ),
            ConditionExpression: '#v = :expected',
            ExpressionAttributeNames: { '#st': 'status', '#v': 'version', ...(added ? { '#c': 'counters' } : {}) },
            ExpressionAttributeValues: {
              ':t': next.title,
              ':dd': next.dueDate,
              ':da': next.dueAt,
              ':n': next.notice,
              ':u': next.unitIds,
              ':st': next.status,
              ':at': next.updatedAt,
              ':v': next.version,
              ':expected': next.version - 1,
              ...(next.closedAt ? { ':ca': next.closedAt } : {}),
              ...(added ? { ':added': added } : {}),
              ...(open ? { ':g2pk': open.GSI2PK, ':g2sk': open.GSI2SK } : {}),
              ...(next.dueInWorkingDays !== undefined ? { ':wd': next.dueInWorkingDays } : {}),
            },
          },
        },
        editPut(db, next.id, edit),
      ]);
    },

    async remind(campaignId, unitId, at, guardBy, notifications) {
      const sweep = 'sweptNotOn' in guardBy;
      try {
        await transactWrite(db, [
          {
            Update: {
              TableName: db.table,
              Key: keys.campaignUnit(campaignId, unitId),
              UpdateExpression: `SET remindedAt = :at, campaignId = :cid, unitId = :u, #st = if_not_exists(#st, :ns)${
                sweep ? ', sweptOn = :day' : ''
              }`,
              ConditionExpression: sweep
                ? 'attribute_not_exists(sweptOn) OR sweptOn <> :day'
                : 'attribute_not_exists(remindedAt) OR remindedAt <= :before',
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: {
                ':at': at,
                ':cid': campaignId,
                ':u': unitId,
                ':ns': 'not_started',
                ...(sweep ? { ':day': guardBy.sweptNotOn } : { ':before': guardBy.remindedBefore }),
              },
            },
          },
          ...notifications.flatMap((n) => notificationWrites(db, n)),
        ]);
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConflictError') return false;
        throw err;
      }
    },
  };
}

/** The in-app notification center: a partition per user, newest first, with an unread counter item. */
export function createNotificationRepository(db: Db): NotificationRepository {
  return {
    async list(userId, page, filter) {
      const r = await guard(() =>
        db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)',
            ...(filter.unread ? { FilterExpression: '#r = :f', ExpressionAttributeNames: { '#r': 'read' } } : {}),
            ExpressionAttributeValues: {
              ':pk': keys.notification(userId, '').PK,
              ':n': keys.notificationPrefix,
              ...(filter.unread ? { ':f': false } : {}),
            },
            ScanIndexForward: false,
            Limit: clampLimit(page.limit),
            ExclusiveStartKey: decodeCursor(page.cursor, {
              index: 'table',
              partition: keys.notification(userId, '').PK,
            }),
          }),
        ),
      );
      return {
        items: (r.Items ?? []).map((i) => stripKeys<Notification>(i)),
        cursor: encodeCursor(r.LastEvaluatedKey),
      };
    },
    async unreadCount(userId) {
      const r = await guard(() =>
        db.doc.send(
          new GetCommand({ TableName: db.table, Key: keys.notificationUnread(userId), ConsistentRead: true }),
        ),
      );
      return Math.max(0, Number(r.Item?.unread ?? 0));
    },
    async markRead(userId, id, at) {
      try {
        await transactWrite(db, [
          {
            Update: {
              TableName: db.table,
              Key: keys.notification(userId, id),
              UpdateExpression: 'SET #r = :t, readAt = :at',
              ConditionExpression: 'attribute_exists(PK) AND #r = :f',
              ExpressionAttributeNames: { '#r': 'read' },
              ExpressionAttributeValues: { ':t': true, ':f': false, ':at': at },
            },
          },
          {
            Update: {
              TableName: db.table,
              Key: keys.notificationUnread(userId),
              UpdateExpression: 'ADD unread :minus',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
        ]);
        return true;
      } catch (err) {
        if ((err as Error).name !== 'ConflictError') throw err;
        // Already read (nothing to change) or absent.
        const r = await guard(() =>
          db.doc.send(
            new GetCommand({ TableName: db.table, Key: keys.notification(userId, id), ConsistentRead: true }),
          ),
        );
        return Boolean(r.Item);
      }
    },
    async deliver(items) {
      for (const n of items) await transactWrite(db, notificationWrites(db, n));
    },
  };
}

/** Dashboard counters: the shards of one scope read with one BatchGetItem and summed. */
export function createStatsRepository(db: Db): StatsRepository {
  return {
    async read(scope) {
      const shardKeys = Array.from({ length: STATS_SHARDS }, (_, i) =>
        'all' in scope ? keys.statsAll(i) : keys.statsUnit(scope.unitId, i),
      );
      const r = await guard(() =>
        db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: shardKeys } } })),
      );
      const counters: Record<string, number> = {};
      const labels: Record<string, string> = {};
      for (const item of r.Responses?.[db.table] ?? []) {
        for (const [k, v] of Object.entries(stripKeys<Record<string, unknown>>(item))) {
          if (typeof v === 'number') counters[k] = (counters[k] ?? 0) + v;
          else if (typeof v === 'string') labels[k] = v;
        }
      }
      return { counters, labels };
    },
  };
}
