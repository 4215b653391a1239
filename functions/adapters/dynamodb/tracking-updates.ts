import type { BoardChange, StatsChange } from '../../core/ports';
import type { Db } from './client';
import { keys, STATS_SHARDS } from './keys';

/** Stable small hash of a string: which counter shard a submission adds to. */
export function shardOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % STATS_SHARDS;
}

/**
 * The unit's board row and the campaign's counters, as two Updates of the submission's transaction.
 * A claim (the create) needs a row without a submission and an open campaign: a second create for the
 * same unit, or a create on a closed campaign, cancels the whole transaction (409).
 */
export function boardUpdates(db: Db, board: BoardChange, at: string) {
  const names: Record<string, string> = { '#c': 'counters' };
  const values: Record<string, unknown> = {};
  const sets = Object.entries(board.counters).map(([k, d], i) => {
    names[`#k${i}`] = k;
    values[`:d${i}`] = d;
    return `#c.#k${i} = #c.#k${i} + :d${i}`;
  });
  const row = {
    Update: {
      TableName: db.table,
      Key: keys.campaignUnit(board.campaignId, board.unitId),
      UpdateExpression: `SET #st = :st, submissionId = :sid, campaignId = :cid, unitId = :u, updatedAt = :at${
        board.submittedAt ? ', submittedAt = if_not_exists(submittedAt, :sat)' : ''
      }`,
      ...(board.claim ? { ConditionExpression: 'attribute_not_exists(submissionId)' } : {}),
      ExpressionAttributeNames: { '#st': 'status' },
      ExpressionAttributeValues: {
        ':st': board.status,
        ':sid': board.submissionId,
        ':cid': board.campaignId,
        ':u': board.unitId,
        ':at': at,
        ...(board.submittedAt ? { ':sat': board.submittedAt } : {}),
      },
    },
  };
  const head = {
    Update: {
      TableName: db.table,
      Key: keys.campaign(board.campaignId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: board.claim ? '#st = :open' : 'attribute_exists(PK)',
      ExpressionAttributeNames: { ...names, ...(board.claim ? { '#st': 'status' } : {}) },
      ExpressionAttributeValues: { ...values, ...(board.claim ? { ':open': 'open' } : {}) },
    },
  };
  return [row, head];
}

/** ADD to one shard of the all-viewers counters and one of the unit's (flat attribute names). */
export function statsUpdates(db: Db, stats: StatsChange) {
  const shard = shardOf(stats.shardKey);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(stats.add).map(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:a${i}`] = v;
    return `#a${i} :a${i}`;
  });
  const sets = Object.entries(stats.set ?? {}).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const expr = `ADD ${adds.join(', ')}${sets.length ? ` SET ${sets.join(', ')}` : ''}`;
  return [keys.statsAll(shard), keys.statsUnit(stats.unitId, shard)].map((Key) => ({
    Update: {
      TableName: db.table,
      Key,
      UpdateExpression: expr,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }));
}
