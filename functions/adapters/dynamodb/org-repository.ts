import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OrgSettings, Unit } from '../../core/model';
import type { OrgRepository } from '../../core/ports';
import { memoized } from '../request-memo';
import { type Db, guard, queryAll, stripKeys } from './client';
import { keys } from './keys';

export function createOrgRepository(db: Db): OrgRepository {
  return {
    getUnit(id) {
      return memoized(`unit:${id}`, async () => {
        const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.unit(id) })));
        return r.Item ? stripKeys<Unit>(r.Item) : null;
      });
    },
    async listUnits() {
      return queryAll<Unit>(db, {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.unitList().GSI1PK },
      });
    },
    async putUnit(unit) {
      await guard(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { ...keys.unit(unit.id), ...keys.unitListSort(unit.id), entity: 'unit', ...unit },
          }),
        ),
      );
    },
    getSettings() {
      return memoized('settings', async () => {
        const r = await guard(() => db.doc.send(new GetCommand({ TableName: db.table, Key: keys.orgSettings() })));
        return r.Item ? stripKeys<OrgSettings>(r.Item) : { fundTypeRouting: {} };
      });
    },
    async putSettings(settings) {
      await guard(() =>
        db.doc.send(
          new PutCommand({ TableName: db.table, Item: { ...keys.orgSettings(), entity: 'settings', ...settings } }),
        ),
      );
    },
  };
}
