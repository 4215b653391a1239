import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent, Page, Submission, Task } from '../../core/model';
import type { PageRequest, SubmissionFilter, SubmissionRepository, TaskClose, TaskRepository } from '../../core/ports';
import { memoized } from '../request-memo';
import { clampLimit, type Db, decodeCursor, encodeCursor, guard, queryAll, stripKeys, transactWrite } from './client';
import { batchGetItems, getItem, id as itemId } from './get-item';
import { idempotencyPut } from './idempotency';
import { keys } from './keys';
import { countUpdates } from './status-counts';
import { type Projection, summaryOf, summaryProjection } from './summary-projection';
import { boardUpdates, statsUpdates } from './tracking-updates';

function submissionItem(sub: Submission) {
  return { ...keys.submission(sub.id), ...keys.submissionAll(sub.createdAt, sub.id), entity: 'submission', ...sub };
}

function taskItem(task: Task) {
  const base = {
    ...keys.task(task.submissionId, task.round, task.stepId, task.assigneeUnitId, task.assignedAt),
    entity: 'task',
    ...task,
  };
  if (task.status === 'open')
    return { ...base, ...keys.inbox(task.assigneeUnitId, task.dueAt, task.assignedAt, task.submissionId) };
  return { ...base, ...keys.done(task.assigneeUnitId, task.closedAt ?? task.assignedAt, task.submissionId) };
}

function closeTaskUpdate(db: Db, submissionId: string, close: TaskClose) {
  const key = keys.task(submissionId, close.round, close.stepId, close.unitId, close.assignedAt);
  const done = close.status === 'done' ? keys.done(close.unitId, close.closedAt, submissionId) : null;
  return {
    Update: {
      TableName: db.table,
      Key: key,
      // Sparse inbox: the GSI1 keys go away the moment the task is no longer open.
      UpdateExpression: `SET #s = :s, closedAt = :at${close.outcome ? ', outcome = :o' : ''}${close.actorId ? ', actorId = :a' : ''}${
        done ? ', GSI2PK = :g2pk, GSI2SK = :g2sk' : ''
      } REMOVE GSI1PK, GSI1SK`,
      ConditionExpression: '#s = :open',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':s': close.status,
        ':at': close.closedAt,
        ':open': 'open',
        ...(close.outcome ? { ':o': close.outcome } : {}),
        ...(close.actorId ? { ':a': close.actorId } : {}),
        ...(done ? { ':g2pk': done.GSI2PK, ':g2sk': done.GSI2SK } : {}),
      },
    },
  };
}

/** Pages through a query until `limit` items pass the filter (filters never return short pages silently). */
async function queryFiltered<T>(
  db: Db,
  input: ConstructorParameters<typeof QueryCommand>[0],
  page: PageRequest,
  map: (items: Record<string, unknown>[]) => Promise<T[]>,
  keep: (t: T) => boolean | Promise<boolean>,
): Promise<Page<T>> {
  const limit = clampLimit(page.limit);
  const out: T[] = [];
  const values = input.ExpressionAttributeValues as Record<string, string>;
  let start = decodeCursor(page.cursor, { index: input.IndexName as 'GSI1' | 'GSI2', partition: values[':pk'] });
  // Bounded work per request: at most 10 DynamoDB pages.
  for (let i = 0; i < 10; i++) {
    const r = await guard(() =>
      db.doc.send(new QueryCommand({ ...input, Limit: limit - out.length, ExclusiveStartKey: start })),
    );
    const mapped = await map(r.Items ?? []);
    const kept = await Promise.all(mapped.map(keep));
    out.push(...mapped.filter((_, j) => kept[j]));
    start = r.LastEvaluatedKey;
    if (!start || out.length >= limit) break;
  }
  return { items: out, cursor: encodeCursor(start) };
}

function matches(sub: Submission, filter: SubmissionFilter): boolean | Promise<boolean> {
  if (filter.formId && sub.formId !== filter.formId) return false;
  if (filter.formIds && !filter.formIds.includes(sub.formId)) return false;
  if (filter.status && sub.status !== filter.status) return false;
  if (filter.submittedOrUnit && !sub.everSubmitted && sub.unitId !== filter.submittedOrUnit) return false;
  return filter.keep ? filter.keep(sub) : true;
}

export function createSubmissionRepository(db: Db): SubmissionRepository {
  const batchGet = async (ids: string[], projection?: Projection): Promise<Submission[]> => {
    if (ids.length === 0) return [];
    const found = await batchGetItems(db, ids.map(keys.submission), false, projection);
    return ids
      .map((id) => found.get(itemId(keys.submission(id))))
      .filter((item): item is Record<string, unknown> => Boolean(item))
      .map((item) => stripKeys<Submission>(projection ? summaryOf(item) : item));
  };

  return {
    async get(id) {
      // Once per request until the request writes (request-memo.ts): the gates of one action share the read. Each
      // caller gets its own copy, so no step sees what another changed in its object.
      const item = await memoized(`submission:${id}`, () => getItem(db, keys.submission(id), true));
      return item ? stripKeys<Submission>(structuredClone(item)) : null;
    },

    async commit(change) {
      const sub = change.submission;
      const put =
        change.expectedVersion === null
          ? { Put: { TableName: db.table, Item: submissionItem(sub), ConditionExpression: 'attribute_not_exists(PK)' } }
          : {
              Put: {
                TableName: db.table,
                Item: submissionItem(sub),
                // Optimistic lock: the whole change lands only on the version the use case decided on.
                ConditionExpression: '#v = :expected',
                ExpressionAttributeNames: { '#v': 'version' },
                ExpressionAttributeValues: { ':expected': change.expectedVersion },
              },
            };
      const items = [
        put,
        ...change.events.map((e) => ({
          Put: {
            TableName: db.table,
            Item: { ...keys.event(sub.id, e.seq), entity: 'event', submissionId: sub.id, ...e },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        })),
        ...change.closeTasks.map((c) => closeTaskUpdate(db, sub.id, c)),
        ...[...change.openTasks, ...change.notifyTasks].map((t) => ({
          Put: { TableName: db.table, Item: taskItem(t), ConditionExpression: 'attribute_not_exists(PK)' },
        })),
        ...change.grants.map((unitId) => ({
          Put: {
            TableName: db.table,
            Item: {
              ...keys.visibility(sub.id, unitId),
              ...keys.visibilityIndex(unitId, sub.createdAt, sub.id),
              entity: 'visibility',
              submissionId: sub.id,
              formId: sub.formId,
              unitId,
            },
          },
        })),
        ...(change.idempotency ? [idempotencyPut(db, change.idempotency, sub.updatedAt)] : []),
        ...(change.board ? boardUpdates(db, change.board, sub.updatedAt) : []),
        ...(change.stats ? statsUpdates(db, change.stats) : []),
        ...(change.counts ? countUpdates(db, change.counts) : []),
      ];
      await transactWrite(db, items);
    },

    async listForUnit(unitId, page, filter) {
      const forms = filter.formIds ?? (filter.formId ? [filter.formId] : []);
      const projection = filter.dataPaths ? summaryProjection(filter.dataPaths) : undefined;
      return queryFiltered<Submission>(
        db,
        {
          TableName: db.table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: {
            ':pk': keys.visibilityPartition(unitId),
            ...Object.fromEntries(forms.map((f, i) => [`:f${i}`, f])),
          },
          // Index rows name their form (rows written before they did pass, and are told apart once loaded).
          ...(forms.length
            ? {
                FilterExpression: `attribute_not_exists(formId) OR formId IN (${forms.map((_, i) => `:f${i}`).join(', ')})`,
              }
            : {}),
          ScanIndexForward: false,
        },
        page,
        (items) =>
          batchGet(
            items.map((i) => i.submissionId as string),
            projection,
          ),
        (s) => matches(s, filter),
      );
    },

    async listAll(page, filter) {
      const projection = filter.dataPaths ? summaryProjection(filter.dataPaths) : undefined;
      return queryFiltered<Submission>(
        db,
        {
          TableName: db.table,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.submissionAllPartition },
          ScanIndexForward: false,
          ...projection,
        },
        page,
        async (items) => items.map((i) => stripKeys<Submission>(projection ? summaryOf(i) : i)),
        (s) => matches(s, filter),
      );
    },

    async deleteDraft(sub, event, counts) {
      await guard(() =>
        transactWrite(db, [
          {
            Delete: {
              TableName: db.table,
              Key: keys.submission(sub.id),
              // Only the version the use case checked, and only while it was never submitted.
              ConditionExpression: '#v = :expected AND everSubmitted = :no',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':expected': sub.version, ':no': false },
            },
          },
          { Delete: { TableName: db.table, Key: keys.visibility(sub.id, sub.unitId) } },
          {
            Put: {
              TableName: db.table,
              Item: { ...keys.event(sub.id, event.seq), entity: 'event', submissionId: sub.id, ...event },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...(counts ? countUpdates(db, counts) : []),
        ]),
      );
    },

    async history(id) {
      const items = await queryAll<HistoryEvent & { submissionId: string }>(db, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ev)',
        ExpressionAttributeValues: { ':pk': keys.submission(id).PK, ':ev': keys.eventPrefix },
        ConsistentRead: true,
      });
      return items.map(({ submissionId: _s, ...e }) => e);
    },
  };
}

export function createTaskRepository(db: Db): TaskRepository {
  const list =
    (index: 'GSI1' | 'GSI2', partition: string, forward: boolean) =>
    (page: PageRequest, keep?: (t: Task) => boolean): Promise<Page<Task>> =>
      queryFiltered<Task>(
        db,
        {
          TableName: db.table,
          IndexName: index,
          KeyConditionExpression: `${index}PK = :pk`,
          ExpressionAttributeValues: { ':pk': partition },
          ScanIndexForward: forward,
        },
        page,
        async (items) => items.map((i) => stripKeys<Task>(i)),
        keep ?? (() => true),
      );
  return {
    inbox: (unitId, page, keep) => list('GSI1', keys.inboxPartition(unitId), true)(page, keep),
    done: (unitId, page, keep) => list('GSI2', keys.donePartition(unitId), false)(page, keep),
    async openDueBefore(unitId, before) {
      const open = await queryAll<Task>(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
        FilterExpression: 'attribute_not_exists(remindedAt)',
        ExpressionAttributeValues: { ':pk': keys.inboxPartition(unitId), ':before': before },
      });
      return open.filter((t) => t.dueAt !== null && t.dueAt < before);
    },
    async markReminded(task, at) {
      await guard(() =>
        db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.task(task.submissionId, task.round, task.stepId, task.assigneeUnitId, task.assignedAt),
            UpdateExpression: 'SET remindedAt = :at, overdue = :t',
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':at': at, ':t': true, ':open': 'open' },
          }),
        ),
      ).catch((err) => {
        // Closed in the meantime: nothing to remind.
        if ((err as Error).name !== 'ConflictError') throw err;
      });
    },
  };
}
