import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { atBizReview, expectClear4xx, expectError, snapshot, together } from '../support/proof';

let api: TestApi;
let exampleData: Record<string, unknown>;

beforeAll(async () => {
  api = await createTestApi();
  for (const u of ['jtj', 'jtjld', 'jyj', 'jjs', 'jxpj']) await api.token(u);
  exampleData = (await api.createProjectTarget('jtj')).data;
});

const key = () => `k-${randomUUID()}`;

async function mySubmissionIds(as: string): Promise<string[]> {
  const r = await api.json('GET', '/api/submissions?limit=100', { as });
  expect(r.status).toBe(200);
  return r.body.items.map((s: { id: string }) => s.id);
}

interface Target {
  name: string;
  /** Prepares a fresh record and returns the request to repeat. */
  prepare(): Promise<{ path: string; as: string; body: unknown; id?: string }>;
  /** How many history events one transition appends. */
  events: string[];
}

const TARGETS: Target[] = [
  {
    name: 'POST /api/submissions',
    async prepare() {
      return {
        path: '/api/submissions',
        as: 'jtj',
        body: {
          formId: 'project-target',
          data: { ...exampleData, projectName: `幂等测试${randomUUID().slice(0, 8)}` },
        },
      };
    },
    events: ['created'],
  },
  {
    name: 'POST /api/submissions/:id/submit',
    async prepare() {
      const sub = await api.createProjectTarget('jtj');
      return { path: `/api/submissions/${sub.id}/submit`, as: 'jtj', body: { comment: '请审核' }, id: sub.id };
    },
    events: ['submitted'],
  },
  {
    name: 'POST /api/submissions/:id/decisions',
    async prepare() {
      const id = await atBizReview(api);
      return {
        path: `/api/submissions/${id}/decisions`,
        as: 'jjs',
        body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
        id,
      };
    },
    events: ['approved'],
  },
  {
    name: 'POST /api/submissions/:id/withdraw',
    async prepare() {
      const id = await api.submittedProjectTarget('jtj');
      return { path: `/api/submissions/${id}/withdraw`, as: 'jtj', body: { comment: '撤回修改' }, id };
    },
    events: ['withdrawn'],
  },
];

/** The state that one transition must change exactly once. */
async function observe(t: { id?: string; as: string }) {
  if (t.id) return snapshot(api, t.id);
  return { ids: await mySubmissionIds(t.as) };
}

function expectOneTransition(target: Target, before: any, after: any, createdId?: string) {
  if (before.ids) {
    const added = after.ids.filter((id: string) => !before.ids.includes(id));
    expect(added).toEqual([createdId]);
    return;
  }
  expect(after.version).toBe(before.version + 1);
  expect(after.history.slice(before.history.length).map((e: { type: string }) => e.type)).toEqual(target.events);
}

describe('Idempotency-Key retried in sequence', () => {
  for (const target of TARGETS) {
    it(`replays the first reply of ${target.name} and transitions once`, async () => {
      const t = await target.prepare();
      const before = await observe(t);
      const k = key();
      const replies = [];
      for (let i = 0; i < 3; i++) {
        replies.push(await api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': k } }));
      }
      expect(replies[0].status, JSON.stringify(replies[0].body)).toBe(
        target.name === 'POST /api/submissions' ? 201 : 200,
      );
      expect(replies[0].res.headers.get('Idempotent-Replayed')).toBeNull();
      for (const r of replies.slice(1)) {
        expect(r.status).toBe(replies[0].status);
        expect(r.body).toEqual(replies[0].body);
        expect(r.res.headers.get('Idempotent-Replayed')).toBe('true');
      }
      const after = await observe(t);
      expectOneTransition(target, before, after, replies[0].body.id);
    });
  }
});

describe('Idempotency-Key retried in parallel (10 at once)', () => {
  for (const target of TARGETS) {
    for (let round = 1; round <= 2; round++) {
      it(`gives 10 identical replies to parallel ${target.name} with one key and transitions once (repeat ${round})`, async () => {
        const t = await target.prepare();
        const before = await observe(t);
        const k = key();
        const replies = await together(10, () =>
          api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': k } }),
        );
        const first = replies.find((r) => r.res.headers.get('Idempotent-Replayed') === null);
        expect(
          replies.map((r) => r.status),
          JSON.stringify(replies.filter((r) => r.status >= 300).map((r) => r.body)),
        ).toEqual(Array(10).fill(target.name === 'POST /api/submissions' ? 201 : 200));
        expect(first, 'exactly one reply is the original').toBeDefined();
        expect(replies.filter((r) => r.res.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(9);
        for (const r of replies) expect(r.body).toEqual(first?.body);
        const after = await observe(t);
        expectOneTransition(target, before, after, first?.body.id);
      });
    }
  }
});

describe('Idempotency-Key retried while the first request is in flight (staggered)', () => {
  for (const target of TARGETS) {
    it(`replays ${target.name} to retries that arrive every few milliseconds during the first request`, async () => {
      const t = await target.prepare();
      const before = await observe(t);
      const k = key();
      const replies = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          new Promise((r) => setTimeout(r, i * 8)).then(() =>
            api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': k } }),
          ),
        ),
      );
      const ok = target.name === 'POST /api/submissions' ? 201 : 200;
      expect(
        replies.map((r) => r.status),
        JSON.stringify(replies.filter((r) => r.status !== ok).map((r) => r.body)),
      ).toEqual(Array(12).fill(ok));
      const originals = replies.filter((r) => r.res.headers.get('Idempotent-Replayed') === null);
      expect(originals).toHaveLength(1);
      for (const r of replies) expect(r.body).toEqual(originals[0].body);
      expectOneTransition(target, before, await observe(t), originals[0].body.id);
    });
  }
});

describe('Idempotency-Key misuse', () => {
  for (const target of TARGETS) {
    it(`refuses the same key with another body on ${target.name} (422) and changes nothing`, async () => {
      const t = await target.prepare();
      const k = key();
      const first = await api.json('POST', t.path, { as: t.as, body: t.body, headers: { 'Idempotency-Key': k } });
      expect(first.status).toBeLessThan(300);
      const before = await observe(t.id ? t : { as: t.as });
      const body = t.body as Record<string, any>;
      const other = body.formId
        ? { ...body, data: { ...body.data, projectName: '另一个请求体的项目' } }
        : { ...body, comment: '另一个请求体' };
      const r = await api.json('POST', t.path, { as: t.as, body: other, headers: { 'Idempotency-Key': k } });
      expectClear4xx(r, 422);
      expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await observe(t.id ? t : { as: t.as })).toEqual(before);
    });
  }

  it('keeps keys per user: the same key used by another user is an independent request', async () => {
    const k = key();
    const a = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'project-target', data: exampleData },
      headers: { 'Idempotency-Key': k },
    });
    const b = await api.json('POST', '/api/submissions', {
      as: 'jyj',
      body: { formId: 'project-target', data: exampleData },
      headers: { 'Idempotency-Key': k },
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.res.headers.get('Idempotent-Replayed')).toBeNull();
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.unitId).toBe('jyj');
    expect(a.body.unitId).toBe('jtj');
    // jyj never sees jtj's draft through the key.
    expectError(await api.json('GET', `/api/submissions/${a.body.id}`, { as: 'jyj' }), 404, 'NOT_FOUND');
  });

  for (const bad of ['short', 'has space in it', 'x'.repeat(129), '汉字汉字汉字汉字汉字', 'semi;colon;key']) {
    it(`refuses a malformed Idempotency-Key ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 10)}…(${bad.length})` : bad)} with 422 and creates nothing`, async () => {
      const before = await mySubmissionIds('jtj');
      const headers = { 'Idempotency-Key': bad };
      let r: { status: number; body: any };
      try {
        r = await api.json('POST', '/api/submissions', {
          as: 'jtj',
          body: { formId: 'project-target', data: exampleData },
          headers,
        });
      } catch (err) {
        // Non-ByteString header values cannot even be sent by a fetch client: that is a refusal too.
        expect([...bad].some((ch) => ch.charCodeAt(0) > 0xff)).toBe(true);
        expect(String(err)).toMatch(/ByteString|header/i);
        return;
      }
      expectClear4xx(r, 422);
      expect(await mySubmissionIds('jtj')).toEqual(before);
    });
  }
});
