import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarYearRecord } from '../../core/model';
import type { CalendarRepository } from '../../core/ports';
import { type Db, guard, stripKeys } from './client';
import { keys } from './keys';

/** Admin-added holiday calendar years: one item per year under one partition (a Query lists them). */
export function createCalendarRepository(db: Db): CalendarRepository {
  return {
    async listYears() {
      const out: CalendarYearRecord[] = [];
      let start: Record<string, unknown> | undefined;
      // A century of years fits in one page; the loop is bounded regardless.
      for (let page = 0; page < 10; page++) {
        const r = await guard(() =>
          db.doc.send(
            new QueryCommand({
              TableName: db.table,
              KeyConditionExpression: 'PK = :pk AND begins_with(SK, :y)',
              ExpressionAttributeValues: { ':pk': keys.calendarPartition, ':y': keys.calendarYearPrefix },
              ExclusiveStartKey: start,
            }),
          ),
        );
        out.push(...(r.Items ?? []).map((i) => stripKeys<CalendarYearRecord>(i)));
        start = r.LastEvaluatedKey;
        if (!start) break;
      }
      return out;
    },
    async putYear(record) {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...keys.calendarYear(record.year), entity: 'calendarYear', ...record },
          }),
        ),
      );
    },
  };
}
