import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { deferred, installFaults, isTransactWrite, pkOf, pksOf, throttlingError } from '../support/faults';
import { atBizReview, CHINESE, expectChineseError, openTasksFor, snapshot } from '../support/proof';

const MAX_ATTEMPTS = 3;
let api: TestApi;
let faults: ReturnType<typeof installFaults>;

beforeAll(async () => {
  api = await createTestApi({ maxAttempts: MAX_ATTEMPTS });
  faults = installFaults(api);
  for (const u of ['jtj', 'jtjld', 'jjs', 'jxpj', 'ysg', 'admin']) await api.token(u);
});

afterEach(() => faults.set(null));

describe('injected throttling', () => {
  it('retries a throttled call a bounded number of times, then answers 503 with Retry-After and a Chinese message', async () => {
    const attempts: string[] = [];
    faults.set(async ({ command }) => {
      attempts.push(command);
      throw throttlingError();
    });
    const r = await api.json('GET', '/api/me', { as: 'jtj' });
    faults.set(null);
    expect(r.status, JSON.stringify(r.body)).toBe(503);
    expect(Number(r.res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expectChineseError(r.body);
    expect(r.body.error.code).toBe('UNAVAILABLE');
    // One DynamoDB call, attempted at most maxAttempts times (and actually retried).
    expect(new Set(attempts).size).toBe(1);
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect((await api.json('GET', '/api/health')).status).toBe(200);
  });

  it('answers 503 with Retry-After, not 500, when a read on a warm user cache meets throttling', async () => {
    // The cached actor lets the handler start beside the user check; both fail, and the answer is thrown away.
    expect((await api.json('GET', '/api/me', { as: 'ysg' })).status).toBe(200);
    faults.set(async () => {
      throw throttlingError();
    });
    const r = await api.json('GET', '/api/me', { as: 'ysg' });
    faults.set(null);
    expect(r.status, JSON.stringify(r.body)).toBe(503);
    expect(r.body.error.code).toBe('UNAVAILABLE');
    expect(Number(r.res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expectChineseError(r.body);
    expect((await api.json('GET', '/api/me', { as: 'ysg' })).status).toBe(200);
  });

  it('answers 503 to a decision whose write stays throttled, and writes nothing', async () => {
    const id = await atBizReview(api);
    const before = await snapshot(api, id);
    let writes = 0;
    faults.set(async ({ command, input, attempt }) => {
      if (!isTransactWrite(command, input)) return attempt();
      writes++;
      throw throttlingError();
    });
    const r = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
    });
    faults.set(null);
    expect(r.status).toBe(503);
    expect(r.res.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(r.body.error.message).toMatch(CHINESE);
    expect(writes).toBeGreaterThan(1);
    expect(writes).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(await snapshot(api, id)).toEqual(before);
    expect(await openTasksFor(api, id, 'jjs')).toHaveLength(1);
  });

  it('hides a throttle that clears within the retry budget: the request succeeds once', async () => {
    const id = await atBizReview(api);
    const before = await snapshot(api, id);
    let throttled = 0;
    faults.set(async ({ command, input, attempt }) => {
      if (isTransactWrite(command, input) && throttled < MAX_ATTEMPTS - 1) {
        throttled++;
        throw throttlingError();
      }
      return attempt();
    });
    const r = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
    });
    faults.set(null);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(throttled).toBe(MAX_ATTEMPTS - 1);
    const after = await snapshot(api, id);
    expect(after.version).toBe(before.version + 1);
    expect(after.history.slice(before.history.length).map((e) => e.type)).toEqual(['approved']);
  });
});

describe('a submission whose pinned form version is missing', () => {
  it('save, validate, submit, decide and the table export all answer the same 409 and change nothing', async () => {
    const draft = await api.createProjectTarget();
    const reviewing = await atBizReview(api);
    const [draftBefore, reviewBefore] = [await snapshot(api, draft.id), await snapshot(api, reviewing)];
    const getVersion = api.deps.forms.getVersion;
    api.deps.forms.getVersion = async () => null;
    try {
      const answers = [
        await api.json('PUT', `/api/submissions/${draft.id}`, {
          as: 'jtj',
          body: { data: draft.data, version: draft.version },
        }),
        await api.json('POST', `/api/submissions/${draft.id}/validate`, { as: 'jtj', body: { data: draft.data } }),
        await api.json('POST', `/api/submissions/${draft.id}/submit`, { as: 'jtj', body: { version: draft.version } }),
        await api.json('POST', `/api/submissions/${reviewing}/decisions`, {
          as: 'jjs',
          body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
        }),
      ];
      for (const r of answers) {
        expect(r.status, JSON.stringify(r.body)).toBe(409);
        expect(r.body.error.code).toBe('CONFLICT');
        expect(r.body.error.message).toBe('该填报所用的表单版本已不存在，请联系系统管理员');
      }
    } finally {
      api.deps.forms.getVersion = getVersion;
    }
    expect(await snapshot(api, draft.id)).toEqual(draftBefore);
    expect(await snapshot(api, reviewing)).toEqual(reviewBefore);
  });
});

describe('a failure between the business check and the write', () => {
  const failures = [
    {
      name: 'a dropped connection (500)',
      error: () => Object.assign(new Error('socket hang up'), { code: 'EPIPE_TEST' }),
      status: 500,
    },
    {
      name: 'the service unavailable (503)',
      error: () => Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }),
      status: 503,
    },
  ];
  const operations = [
    {
      name: 'decision',
      async run(id: string) {
        return api.json('POST', `/api/submissions/${id}/decisions`, {
          as: 'jjs',
          body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
        });
      },
      prepare: () => atBizReview(api),
    },
    {
      name: 'submit',
      run: (id: string) => api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' }),
      prepare: async () => (await api.createProjectTarget('jtj')).id as string,
    },
    {
      name: 'save',
      async run(id: string) {
        const cur = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
        return api.json('PUT', `/api/submissions/${id}`, {
          as: 'jtj',
          body: { data: { ...cur.body.data, projectName: '故障中的保存' }, version: cur.body.version },
        });
      },
      prepare: async () => (await api.createProjectTarget('jtj')).id as string,
    },
  ];
  for (const failure of failures) {
    for (const op of operations) {
      it(`leaves nothing half-written when the ${op.name} transaction meets ${failure.name}`, async () => {
        const id = await op.prepare();
        const before = await snapshot(api, id);
        const tasksBefore = [...(await openTasksFor(api, id, 'jjs')), ...(await openTasksFor(api, id, 'jtjld'))];
        let failed = 0;
        faults.set(async ({ command, input, attempt }) => {
          if (!isTransactWrite(command, input)) return attempt();
          failed++;
          throw failure.error();
        });
        const r = await op.run(id);
        faults.set(null);
        expect(failed).toBeGreaterThan(0);
        expect(r.status, JSON.stringify(r.body)).toBe(failure.status);
        expectChineseError(r.body);
        expect(JSON.stringify(r.body)).not.toMatch(/socket hang up|EPIPE|stack/i);
        expect(await snapshot(api, id)).toEqual(before);
        expect([...(await openTasksFor(api, id, 'jjs')), ...(await openTasksFor(api, id, 'jtjld'))]).toEqual(
          tasksBefore,
        );
        // The same request succeeds once the fault is gone.
        const again = await op.run(id);
        expect(again.status, JSON.stringify(again.body)).toBe(200);
        expect((await snapshot(api, id)).version).toBe(before.version + 1);
      });
    }
  }
});

describe('a response lost after the commit', () => {
  const cases = [
    {
      name: 'POST /decisions',
      prepare: async () => {
        const id = await atBizReview(api);
        return {
          id,
          path: `/api/submissions/${id}/decisions`,
          as: 'jjs',
          body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
          events: ['approved'],
        };
      },
    },
    {
      name: 'POST /submit',
      prepare: async () => {
        const id = (await api.createProjectTarget('jtj')).id as string;
        return { id, path: `/api/submissions/${id}/submit`, as: 'jtj', body: {}, events: ['submitted'] };
      },
    },
    {
      name: 'POST /withdraw',
      prepare: async () => {
        const id = await api.submittedProjectTarget('jtj');
        return { id, path: `/api/submissions/${id}/withdraw`, as: 'jtj', body: {}, events: ['withdrawn'] };
      },
    },
  ];
  for (const c of cases) {
    it(`recovers ${c.name} through the client's retry with the same Idempotency-Key: the committed result is replayed, one transition`, async () => {
      const t = await c.prepare();
      const before = await snapshot(api, t.id);
      const key = `lost-${randomUUID()}`;
      let lost = 0;
      faults.set(async ({ command, input, attempt }) => {
        if (!isTransactWrite(command, input) || lost > 0) return attempt();
        await attempt();
        lost++;
        throw Object.assign(new Error('connection reset after commit'), { code: 'ECONNRESET_TEST' });
      });
      const first = await api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': key } });
      faults.set(null);
      expect(lost).toBe(1);
      // Either the failure reaches the client (it retries), or the server already noticed its own
      // commit and answered with the stored result: never a second transition either way.
      if (first.status === 200) expect(first.res.headers.get('Idempotent-Replayed')).toBe('true');
      else expect(first.status).toBeGreaterThanOrEqual(500);
      const committed = await snapshot(api, t.id);
      expect(committed.version).toBe(before.version + 1);

      const retry = await api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': key } });
      expect(retry.status, JSON.stringify(retry.body)).toBe(200);
      expect(retry.res.headers.get('Idempotent-Replayed')).toBe('true');
      expect(retry.body).toMatchObject({ id: t.id, version: committed.version, status: committed.status });
      const again = await api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': key } });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(retry.body);
      if (first.status === 200) expect(first.body).toEqual(retry.body);
      const after = await snapshot(api, t.id);
      expect(after).toEqual(committed);
      expect(after.history.slice(before.history.length).map((e) => e.type)).toEqual(t.events);
    });
  }
});

describe('a retry that arrives while the first request commits (deterministic interleaving)', () => {
  const cases = [
    {
      name: 'submit',
      prepare: async () => {
        const id = (await api.createProjectTarget('jtj')).id as string;
        return { id, path: `/api/submissions/${id}/submit`, as: 'jtj', body: {} };
      },
    },
    {
      name: 'decisions',
      prepare: async () => {
        const id = await atBizReview(api);
        return {
          id,
          path: `/api/submissions/${id}/decisions`,
          as: 'jjs',
          body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
        };
      },
    },
  ];
  for (const c of cases) {
    it(`replays ${c.name} to a retry that found no record yet but loads the submission after the first commit`, async () => {
      const t = await c.prepare();
      const before = await snapshot(api, t.id);
      const key = `race-${randomUUID()}`;
      const retryLookedUp = deferred();
      const firstCommitted = deferred();
      // Which request a store call belongs to: the hook runs in the request's own async context, so the
      // interleaving does not depend on which request the machine happens to schedule first.
      const who = new AsyncLocalStorage<'first' | 'retry'>();
      let firstLookedUp = false;
      let retryLoads = 0;
      faults.set(async ({ command, input, attempt }) => {
        const pk = pkOf(input) ?? '';
        const role = who.getStore();
        if (role === 'first' && isTransactWrite(command, input)) {
          // The first request's commit waits until the retry has looked for the key (and found nothing).
          await retryLookedUp.promise;
          const out = await attempt();
          firstCommitted.resolve();
          return out;
        }
        if (pk.startsWith('IDEM#')) {
          const out = await attempt();
          if (role === 'first') firstLookedUp = true;
          if (role === 'retry') retryLookedUp.resolve();
          return out;
        }
        // The retry loads the submission only after the first request committed.
        if (role === 'retry' && pksOf(input).includes(`SUB#${t.id}`)) {
          retryLoads++;
          await firstCommitted.promise;
        }
        return attempt();
      });
      const send = (role: 'first' | 'retry') =>
        who.run(role, () => api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': key } }));
      const first = send('first');
      // Let the first request pass its own idempotency lookup before the retry starts.
      while (!firstLookedUp) await new Promise((r) => setTimeout(r, 5));
      const retry = send('retry');
      const [a, b] = await Promise.all([first, retry]);
      faults.set(null);
      expect(retryLoads, 'the retry loaded the submission after the first commit').toBeGreaterThan(0);
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(b.status, `retry: ${JSON.stringify(b.body)}`).toBe(200);
      expect(b.res.headers.get('Idempotent-Replayed')).toBe('true');
      expect(b.body).toEqual(a.body);
      expect((await snapshot(api, t.id)).version).toBe(before.version + 1);
    });
  }
});

describe('publishing new versions never changes a submission under way', () => {
  it('keeps formVersion and chainVersion pinned: the submission is decided to the end on the versions it started with', async () => {
    const id = await atBizReview(api);
    const before = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    expect(before.body).toMatchObject({ formVersion: 1, chainVersion: 1 });

    // A new chain version without the 单位负责人 and 预算股 steps …
    const chain = await api.json('GET', '/api/chains/project-target/versions/1', { as: 'admin' });
    const savedChain = await api.json('POST', '/api/admin/chains', {
      as: 'admin',
      body: {
        id: 'project-target',
        title: chain.body.title,
        description: chain.body.description,
        steps: chain.body.steps.filter((s: { id: string }) => !['leaderSignoff', 'budgetApproval'].includes(s.id)),
      },
    });
    expect(savedChain.status, JSON.stringify(savedChain.body)).toBe(201);
    expect(savedChain.body.version).toBe(2);
    // … and a new form version with a new required field, on that chain, published.
    const form = await api.json('GET', '/api/forms/project-target', { as: 'admin' });
    const schema = structuredClone(form.body.schema);
    schema.properties.reviewNote = { type: 'string', title: '新增说明', minLength: 1, maxLength: 200 };
    schema.required = [...(schema.required ?? []), 'reviewNote'];
    const savedForm = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: {
        id: 'project-target',
        title: `${form.body.title}（修订）`,
        family: form.body.family ?? undefined,
        schema,
        uiSchema: form.body.uiSchema,
        logic: form.body.logic,
        chainId: 'project-target',
        chainVersion: 2,
      },
    });
    expect(savedForm.status, JSON.stringify(savedForm.body)).toBe(201);
    const published = await api.json(
      'POST',
      `/api/admin/forms/project-target/versions/${savedForm.body.version}/publish`,
      { as: 'admin' },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect((await api.json('GET', '/api/forms/project-target', { as: 'jtj' })).body.version).toBe(
      savedForm.body.version,
    );

    const pinned = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    expect(pinned.body).toMatchObject({
      formVersion: 1,
      chainVersion: 1,
      version: before.body.version,
      status: 'in_review',
    });
    expect(pinned.body.data).toEqual(before.body.data);
    expect(pinned.body.chain.steps.map((s: { id: string }) => s.id)).toEqual(
      before.body.chain.steps.map((s: { id: string }) => s.id),
    );

    for (const reviewer of ['jjs', 'jxpj', 'ysg']) {
      const r = await api.decide(id, reviewer);
      expect(r.status, `${reviewer}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    const done = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    expect(done.body).toMatchObject({ status: 'approved', formVersion: 1, chainVersion: 1 });
    const history = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    expect(history.body.items.map((e: { stepId: string | null }) => e.stepId).filter(Boolean)).toEqual([
      'leaderSignoff',
      'bizReview',
      'perfReview',
      'budgetApproval',
    ]);
    expect(new Set(history.body.items.map((e: { formVersion: number }) => e.formVersion))).toEqual(new Set([1]));

    // New submissions get the new versions.
    const fresh = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target' } });
    expect(fresh.status).toBe(201);
    expect(fresh.body).toMatchObject({ formVersion: savedForm.body.version, chainVersion: 2 });
  });
});
