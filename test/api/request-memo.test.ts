import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

/**
 * One request reads a unit and the organisation's settings at most once (functions/adapters/request-memo.ts),
 * a write inside the request forgets them, and nothing is carried from one request to the next.
 */
let api: TestApi;
const reads: string[] = [];
let recording = false;

beforeAll(async () => {
  api = await createTestApi();
  api.deps.db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? '';
      const key = (args.input as { Key?: { PK?: string } }).Key;
      if (recording && name === 'GetItemCommand' && key?.PK) reads.push(String(key.PK));
      return next(args);
    },
    { step: 'initialize', name: 'recordReads' },
  );
});

async function recorded<T>(run: () => Promise<T>): Promise<T> {
  reads.length = 0;
  recording = true;
  try {
    return await run();
  } finally {
    recording = false;
  }
}

describe('reads shared within one request', () => {
  it('a submit reads the submitting unit and the settings once each, and still routes to the 归口 section', async () => {
    const created = await api.createProjectTarget('jtj');
    const res = await recorded(() => api.json('POST', `/api/submissions/${created.id}/submit`, { as: 'jtj' }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(reads.filter((pk) => pk === 'UNIT#jtj')).toHaveLength(1);
    expect(reads.filter((pk) => pk === 'ORG')).toHaveLength(1);
    expect(res.body.managingUnitId).toBe('jjs');
  });

  it('a decide reads the unit once', async () => {
    const id = await api.submittedProjectTarget('jtj');
    const res = await recorded(() =>
      api.json('POST', `/api/submissions/${id}/decisions`, {
        as: 'jtjld',
        body: { stepId: 'leaderSignoff', action: 'approve' },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(reads.filter((pk) => pk === 'UNIT#jtj')).toHaveLength(1);
  });

  it('the next request sees a unit changed in between (nothing outlives a request)', async () => {
    const unit = await api.deps.org.getUnit('jtj');
    const original = unit?.managedBy;
    expect(original).toBe('jjs');
    try {
      await api.deps.org.putUnit({ ...(unit as NonNullable<typeof unit>), managedBy: 'kjw' });
      const created = await api.createProjectTarget('jtj');
      const res = await api.json('POST', `/api/submissions/${created.id}/submit`, { as: 'jtj' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.managingUnitId).toBe('kjw');
    } finally {
      await api.deps.org.putUnit({ ...(unit as NonNullable<typeof unit>), managedBy: original });
    }
  });

  it('a write inside the request forgets what was read before it', async () => {
    const { memoized, withRequestMemo } = await import('../../functions/adapters/request-memo');
    const seen = await withRequestMemo(async () => {
      const first = await api.deps.org.getUnit('jtj');
      const again = await api.deps.org.getUnit('jtj');
      await api.deps.org.putUnit({ ...(first as NonNullable<typeof first>), name: `${first?.name}` });
      const afterWrite = await api.deps.org.getUnit('jtj');
      let loads = 0;
      const load = async () => ++loads;
      await Promise.all([memoized('k', load), memoized('k', load)]);
      return { same: first === again, fresh: afterWrite !== first, loads };
    });
    expect(seen).toEqual({ same: true, fresh: true, loads: 1 });
  });
});
