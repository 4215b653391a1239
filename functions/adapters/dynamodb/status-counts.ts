import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Submission } from '../../core/model';
import type { CountChange, StatusCountRepository } from '../../core/ports-counts';
import { type Db, guard, stripKeys } from './client';
import { COUNT_SHARDS, type Key, keys } from './keys';
import { shardOf } from './tracking-updates';

const shard = (key: string) => shardOf(key) % COUNT_SHARDS;

function addUpdate(db: Db, Key: Key, deltas: Record<string, number>) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const adds = Object.entries(deltas).map(([k, v], i) => {
    names[`#n${i}`] = k;
    values[`:n${i}`] = v;
    return `#n${i} :n${i}`;
  });
  return {
    Update: {
      TableName: db.table,
      Key,
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The counter Updates of a submission transaction: one ADD on the `all` shard and one per unit scope
 * whose counts move (a status change moves the submission's own unit and every unit granted it).
 */
export function countUpdates(db: Db, counts: CountChange) {
  const n = shard(counts.shardKey);
  return [
    ...(Object.keys(counts.all).length ? [addUpdate(db, keys.countAll(n), counts.all)] : []),
    ...Object.entries(counts.units).map(([unitId, d]) => addUpdate(db, keys.countUnit(unitId, n), d)),
  ];
}

function sumInto(target: Record<string, number>, item: Record<string, unknown>) {
  for (const [k, v] of Object.entries(stripKeys<Record<string, unknown>>(item)))
    if (typeof v === 'number') target[k] = (target[k] ?? 0) + v;
}

export async function batchWrite(db: Db, requests: Record<string, unknown>[]) {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('counter rebuild: writes left unprocessed');
      const r = await guard(() => db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending } })));
      pending = (r.UnprocessedItems?.[db.table] as Record<string, unknown>[] | undefined) ?? [];
      if (pending.length) await new Promise((res) => setTimeout(res, 50 * (attempt + 1)));
    }
  }
}

/** Absolute counter values summed from submissions' contributions: the items a rebuild (or a bench seed) writes. */
export class CounterTotals {
  private readonly totals = new Map<string, { Key: Key; counts: Record<string, number> }>();

  /** Every scope of these units starts at zero, so a stale counter of a unit without submissions is reset too. */
  constructor(unitIds: string[]) {
    for (let i = 0; i < COUNT_SHARDS; i++) {
      this.at(keys.countAll(i));
      for (const u of unitIds) this.at(keys.countUnit(u, i));
    }
  }

  private at(Key: Key) {
    const id = `${Key.PK}|${Key.SK}`;
    const hit = this.totals.get(id) ?? { Key, counts: {} };
    this.totals.set(id, hit);
    return hit.counts;
  }

  add(c: CountChange) {
    const n = shard(c.shardKey);
    const into = (target: Record<string, number>, d: Record<string, number>) => {
      for (const [k, v] of Object.entries(d)) target[k] = (target[k] ?? 0) + v;
    };
    into(this.at(keys.countAll(n)), c.all);
    for (const [u, d] of Object.entries(c.units)) into(this.at(keys.countUnit(u, n)), d);
  }

  /** BatchWriteItem put requests of every counter item. */
  puts() {
    return [...this.totals.values()].map(({ Key, counts }) => ({
      PutRequest: { Item: { ...Key, entity: 'counter', ...counts } },
    }));
  }
}

export function createStatusCountRepository(db: Db): StatusCountRepository {
  return {
    async read(unitId, withAll) {
      const Keys = Array.from({ length: COUNT_SHARDS }, (_, i) => keys.countUnit(unitId, i));
      if (withAll) Keys.push(...Array.from({ length: COUNT_SHARDS }, (_, i) => keys.countAll(i)));
      const unit: Record<string, number> = {};
      const all: Record<string, number> = {};
      let pending: Record<string, unknown>[] = Keys.map((k) => ({ ...k }));
      for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
        const r = await guard(() =>
          db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending } } })),
        );
        for (const item of r.Responses?.[db.table] ?? [])
          sumInto(String(item.PK).startsWith('COUNT#ALL#') ? all : unit, item);
        pending = (r.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
      return { unit, all };
    },

    async rebuild(unitIds, contributions) {
      const totals = new CounterTotals(unitIds);
      let submissions = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const r = await guard(() =>
          db.doc.send(
            new QueryCommand({
              TableName: db.table,
              IndexName: 'GSI2',
              KeyConditionExpression: 'GSI2PK = :pk',
              ExpressionAttributeValues: { ':pk': keys.submissionAllPartition },
              ExclusiveStartKey: start,
            }),
          ),
        );
        for (const item of r.Items ?? []) {
          totals.add(contributions(stripKeys<Submission>(item)));
          submissions += 1;
        }
        start = r.LastEvaluatedKey;
      } while (start);
      const puts = totals.puts();
      await batchWrite(db, puts);
      const doneAt = new Date().toISOString();
      await guard(() =>
        db.doc.send(new PutCommand({ TableName: db.table, Item: { ...keys.countRebuilt, at: doneAt } })),
      );
      return { submissions, items: puts.length };
    },

    async rebuiltAt() {
      const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.countRebuilt })));
      return typeof r.Item?.at === 'string' ? r.Item.at : null;
    },
  };
}
