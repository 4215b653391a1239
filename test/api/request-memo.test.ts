import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { projectTargetExample } from '../support/project-target';

/**
 * One request reads a unit and the organisation's settings at most once (functions/adapters/request-memo.ts),
 * a write inside the request forgets them, and nothing is carried from one request to the next.
 */
let api: TestApi;
/** The partition of every item read, whether by GetItem or inside a BatchGetItem. */
const reads: string[] = [];
/** The DynamoDB commands sent, by name. */
const commands: string[] = [];
let recording = false;

beforeAll(async () => {
  api = await createTestApi();
  api.deps.db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? '';
      const input = args.input as {
        Key?: { PK?: string };
        RequestItems?: Record<string, { Keys: { PK: string }[] }>;
      };
      if (!recording) return next(args);
      commands.push(name.replace(/Command$/, ''));
      if (name === 'GetItemCommand' && input.Key?.PK) reads.push(String(input.Key.PK));
      if (name === 'BatchGetItemCommand')
        for (const { Keys } of Object.values(input.RequestItems ?? {})) reads.push(...Keys.map((k) => k.PK));
      return next(args);
    },
    { step: 'initialize', name: 'recordReads' },
  );
});

async function recorded<T>(run: () => Promise<T>): Promise<T> {
  reads.length = 0;
  commands.length = 0;
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

  it('a decide is two round trips: the caller, the submission and the unit in one batch, then the transaction', async () => {
    const id = await api.submittedProjectTarget('jtj');
    // The leader's token was seen before (the unit to read with the caller comes from that last request).
    expect((await api.json('GET', '/api/tasks?status=open', { as: 'jtjld' })).status).toBe(200);
    const res = await recorded(() =>
      api.json('POST', `/api/submissions/${id}/decisions`, {
        as: 'jtjld',
        body: { stepId: 'leaderSignoff', action: 'approve' },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // No delegation Query: the leader decides with their own role.
    expect(commands).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(reads.sort()).toEqual([`SUB#${id}`, 'UNIT#jtj', 'USER#jtjld']);
  });

  it('a create is two round trips: the caller, the unit and the form head in one batch, then the transaction', async () => {
    expect((await api.json('GET', '/api/me', { as: 'jtj' })).status).toBe(200); // the token was seen before
    const res = await recorded(() =>
      api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target' } }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(commands).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(reads.sort()).toEqual(['FORM#project-target', 'UNIT#jtj', 'USER#jtj']);
  });

  it('a submit reads the caller, the submission, the unit and the settings in one batch', async () => {
    const created = await api.createProjectTarget('jtj');
    const res = await recorded(() => api.json('POST', `/api/submissions/${created.id}/submit`, { as: 'jtj' }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(commands[0]).toBe('BatchGetItem');
    expect(commands.filter((c) => c === 'BatchGetItem' || c === 'GetItem')).toEqual(['BatchGetItem']);
    expect(commands.at(-1)).toBe('TransactWriteItems');
  });

  it("a project target's submit loads no other submission of the unit to look for results that bind it", async () => {
    // Other submissions of 交通局 that are not results: drafts and one in review.
    for (let i = 0; i < 3; i++) await api.createProjectTarget('jtj');
    await api.submittedProjectTarget('jtj');
    const created = await api.createProjectTarget('jtj');
    const res = await recorded(() => api.json('POST', `/api/submissions/${created.id}/submit`, { as: 'jtj' }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(reads.filter((pk) => pk.startsWith('SUB#'))).toEqual([`SUB#${created.id}`]);
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

describe('reads asked for together go out together (functions/adapters/dynamodb/get-item.ts)', () => {
  it('within a request: one BatchGetItem for distinct keys, a key asked twice read once, a missing item undefined', async () => {
    const { withRequestMemo } = await import('../../functions/adapters/request-memo');
    const { getItem } = await import('../../functions/adapters/dynamodb/get-item');
    const { keys } = await import('../../functions/adapters/dynamodb/keys');
    const db = api.deps.db;
    const got = await recorded(() =>
      withRequestMemo(() =>
        Promise.all([
          getItem(db, keys.unit('jtj')),
          getItem(db, keys.user('jtj'), true),
          getItem(db, keys.unit('jtj')),
          getItem(db, keys.unit('no-such-unit')),
        ]),
      ),
    );
    expect(commands).toEqual(['BatchGetItem']);
    expect(reads.sort()).toEqual(['UNIT#jtj', 'UNIT#no-such-unit', 'USER#jtj']);
    expect(got.map((item) => item?.id ?? null)).toEqual(['jtj', 'jtj', 'jtj', null]);
  });

  it('outside a request, the reads of several callers asked for in the same turn go out together, each with its own copy', async () => {
    const { getItem } = await import('../../functions/adapters/dynamodb/get-item');
    const { keys } = await import('../../functions/adapters/dynamodb/keys');
    const db = api.deps.db;
    // Two readers (two GET requests, say) ask in the same turn: one for the unit, both for the same user.
    const [a, b, c] = await recorded(() =>
      Promise.all([getItem(db, keys.user('jtj')), getItem(db, keys.unit('jtj')), getItem(db, keys.user('jtj'))]),
    );
    expect(commands).toEqual(['BatchGetItem']);
    expect(reads.sort()).toEqual(['UNIT#jtj', 'USER#jtj']);
    expect([a?.id, b?.id, c?.id]).toEqual(['jtj', 'jtj', 'jtj']);
    expect(c).toEqual(a);
    expect(c).not.toBe(a);
  });

  it('a request whose scope outlives another one keeps its memo when the other ends', async () => {
    const { withRequestMemo, requestSlot } = await import('../../functions/adapters/request-memo');
    let endFirst = () => {};
    const first = withRequestMemo(() => new Promise<void>((ok) => (endFirst = ok)));
    const second = withRequestMemo(async () => {
      const mine = requestSlot('probe', () => ({ owner: 'second' }));
      endFirst();
      await first;
      await new Promise((ok) => setTimeout(ok, 5));
      return { same: requestSlot('probe', () => ({ owner: 'other' })) === mine, owner: mine?.owner };
    });
    expect(await second).toEqual({ same: true, owner: 'second' });
    // With no request running, there is no scope.
    expect(requestSlot('probe', () => ({}))).toBeUndefined();
  });

  it('work a request left running sees no scope once no request runs (the storage is switched off)', async () => {
    const { withRequestMemo, requestSlot } = await import('../../functions/adapters/request-memo');
    let later: Promise<unknown> = Promise.resolve();
    await withRequestMemo(async () => {
      expect(requestSlot('probe', () => 'in the request')).toBe('in the request');
      // Left running after the request answers, as a notification sent after a decision would be.
      later = new Promise((ok) => setTimeout(ok, 20)).then(() => requestSlot('late', () => 'still scoped'));
    });
    expect(await later).toBeUndefined();
  });

  it('a GET runs without a request scope, a write inside one (functions/api/app.ts)', async () => {
    const { requestSlot } = await import('../../functions/adapters/request-memo');
    const scoped: Record<'GET' | 'POST', boolean[]> = { GET: [], POST: [] };
    let method: 'GET' | 'POST' | undefined;
    const stack = api.deps.db.raw.middlewareStack;
    stack.add(
      (next) => async (args) => {
        if (method) scoped[method].push(requestSlot('scopeProbe', () => true) !== undefined);
        return next(args);
      },
      { step: 'initialize', name: 'scopeProbe' },
    );
    // Signing in is itself a POST: done before the requests are watched.
    await api.token('jtjld');
    await api.token('jtj');
    try {
      method = 'GET';
      expect((await api.json('GET', '/api/tasks?status=open', { as: 'jtjld' })).status).toBe(200);
      method = 'POST';
      const created = await api.json('POST', '/api/submissions', {
        as: 'jtj',
        body: { formId: 'project-target', data: projectTargetExample() },
      });
      expect(created.status).toBe(201);
    } finally {
      method = undefined;
      stack.remove('scopeProbe');
    }
    expect(scoped.GET.length).toBeGreaterThan(0);
    expect(scoped.GET.every((inScope) => !inScope)).toBe(true);
    expect(scoped.POST.length).toBeGreaterThan(0);
    expect(scoped.POST.every((inScope) => inScope)).toBe(true);
  });

  it('reads one after the other, or outside a request, are plain GetItems', async () => {
    const { withRequestMemo } = await import('../../functions/adapters/request-memo');
    const { getItem } = await import('../../functions/adapters/dynamodb/get-item');
    const { keys } = await import('../../functions/adapters/dynamodb/keys');
    const db = api.deps.db;
    await recorded(async () => {
      await getItem(db, keys.unit('jtj'));
      await withRequestMemo(async () => {
        await getItem(db, keys.unit('jtj'));
        await getItem(db, keys.user('jtj'));
      });
    });
    expect(commands).toEqual(['GetItem', 'GetItem', 'GetItem']);
  });

  it('a batch that fails fails every read waiting on it, with the same error', async () => {
    const { withRequestMemo } = await import('../../functions/adapters/request-memo');
    const { getItem } = await import('../../functions/adapters/dynamodb/get-item');
    const { keys } = await import('../../functions/adapters/dynamodb/keys');
    const broken = { ...api.deps.db, table: 'no_such_table_here' };
    const settled = await withRequestMemo(() =>
      Promise.allSettled([getItem(broken, keys.unit('jtj')), getItem(broken, keys.user('jtj'))]),
    );
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    const reasons = settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).name : ''));
    expect(reasons[0]).toBe(reasons[1]);
    expect(reasons[0]).toBe('ResourceNotFoundException');
  });
});
