import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../functions/adapters/catalog/load-catalog';
import {
  catalogFingerprint,
  catalogInstalled,
  markCatalogInstalled,
} from '../../functions/adapters/catalog/seed-marker';
import { createTestApi, type TestApi } from '../support/api';

/** `npm start` with data present checks the seed with one read of the catalog's marker (functions/entry/local-server.ts). */
describe('catalog seed marker', () => {
  let api: TestApi;
  const catalog = loadCatalog(join(process.cwd(), 'forms'));
  beforeAll(async () => {
    api = await createTestApi();
  });

  it('is absent until marked, then present for the same catalog only', async () => {
    const fingerprint = catalogFingerprint(catalog);
    expect(await catalogInstalled(api.deps.db, fingerprint)).toBe(false);
    await markCatalogInstalled(api.deps.db, fingerprint, '2026-11-30T00:00:00.000Z');
    expect(await catalogInstalled(api.deps.db, fingerprint)).toBe(true);
    const changed = { ...catalog, units: [...catalog.units, { ...catalog.units[0], id: 'new-unit' }] };
    expect(catalogFingerprint(changed)).not.toBe(fingerprint);
    expect(await catalogInstalled(api.deps.db, catalogFingerprint(changed))).toBe(false);
  });

  it('is a fingerprint of the whole catalog: the same content gives the same key', () => {
    expect(catalogFingerprint(loadCatalog(join(process.cwd(), 'forms')))).toBe(catalogFingerprint(catalog));
    expect(catalogFingerprint(catalog)).toMatch(/^[0-9a-f]{64}$/);
  });
});
