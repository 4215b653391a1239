import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarYearRecord } from '../../core/model';
import type { CalendarRepository } from '../../core/ports';
import { type Db, guard, queryAll } from './client';
import { keys } from './keys';

/** Admin-added holiday calendar years: one item per year under one partition (a Query lists them). */
export function createCalendarRepository(db: Db): CalendarRepository {
  return {
    async listYears() {
      // A century of years fits in one page; the read is bounded regardless.
      return queryAll<CalendarYearRecord>(
        db,
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :y)',
          ExpressionAttributeValues: { ':pk': keys.calendarPartition, ':y': keys.calendarYearPrefix },
        },
        10,
      );
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
