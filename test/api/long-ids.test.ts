import { beforeAll, describe, expect, it } from 'vitest';
import { getItem } from '../../functions/adapters/dynamodb/get-item';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { ROUTES } from '../../functions/api/routes/table';
import { createTestApi, type TestApi } from '../support/api';
import { expectError } from '../support/proof';

/**
 * An address with an id no record can have (thousands of characters: DynamoDB refuses keys over 2 KB / 1 KB) is
 * answered 404 on every route, before any read; and a read of such a key never fails the reads of other requests
 * that share its batch (reads by key are coalesced across requests).
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const LONG = 'x'.repeat(3000);
const withParams = ROUTES.filter((r) => r.path.includes('/:'));

describe('ids that cannot exist', () => {
  it.each(withParams.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s answers 404 NOT_FOUND',
    async (_, route) => {
      const path = route.path.replace(/:[A-Za-z]+/g, LONG);
      const as = route.access === 'admin' ? 'admin' : 'jtj';
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const r = await api.json(route.method, path, { as, body });
      expectError(r, 404, 'NOT_FOUND', `${route.method} ${route.path}`);
    },
  );

  it('a read running beside a 3,000-character id gets its answer', async () => {
    const [long, inbox] = await Promise.all([
      api.json('GET', `/api/submissions/${LONG}`, { as: 'jtj' }),
      api.json('GET', '/api/me', { as: 'jtj' }),
    ]);
    expectError(long, 404, 'NOT_FOUND');
    expect(inbox.status).toBe(200);
    expect(inbox.body.username).toBe('jtj');
  });

  it('get-item: a key over the limits is not found, alone or in a batch with a key that exists', async () => {
    const db = api.deps.db;
    const impossible = keys.submission('中'.repeat(1000));
    // Alone it would be a GetItem, which DynamoDB refuses (ValidationException) for a key over 2,048 bytes.
    expect(await getItem(db, impossible)).toBeUndefined();
    // In a batch the whole BatchGetItem would be refused by DynamoDB (DynamoDB Local lets it pass): it is left out.
    const [none, unit] = await Promise.all([getItem(db, impossible), getItem(db, keys.unit('jtj'))]);
    expect(none).toBeUndefined();
    expect(unit?.id).toBe('jtj');
  });
});
