import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OrgSettings, Unit } from '../../core/model';
import type { OrgRepository } from '../../core/ports';
import { memoized } from '../request-memo';
import { type Db, guard, queryAll, stripKeys } from './client';
import { getItem } from './get-item';
import { keys } from './keys';

export function createOrgRepository(db: Db): OrgRepository {
  return {
    getUnit(id) {
      return memoized(`unit:${id}`, async () => {
        const item = await getItem(db, keys.unit(id));
        return item ? stripKeys<Unit>(item) : null;
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
        const item = await getItem(db, keys.orgSettings());
        return item ? stripKeys<OrgSettings>(item) : { fundTypeRouting: {} };
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
