import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaticWeb } from '../../functions/adapters/http/static-web';
import type { PasswordHasher } from '../../functions/core/ports';
import { localApp } from '../../functions/entry/local-server';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';
import { expectClear4xx, expectError } from '../support/proof';

/** Issue 16 "Hardening", the server findings; each describe names its finding. */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('finding 9: forged list cursors answer 400, never 500', () => {
  const forged = [
    b64({ PK: 'x' }),
    b64({ PK: 'SUB#x', SK: 'SUB' }),
    b64({ PK: 'SUB#x', SK: 'SUB', GSI1PK: 'VIEW#jyj', GSI1SK: '2026#x' }),
    b64({ PK: 'SUB#x', SK: 'SUB', GSI2PK: 'SUBS', GSI2SK: '2026#x', GSI1PK: 'A', GSI1SK: 'B' }),
    b64({ PK: 'USER#x', SK: 'USER', GSI1PK: 'USERS', GSI1SK: 'a', extra: 'x' }),
    b64({ PK: 'SUB#x', SK: 'TASK#x', GSI1PK: 'INBOX#jyj', GSI1SK: 'x' }),
    b64({ PK: 'SUB#x', SK: 'TASK#x', GSI2PK: 'DONE#jyj', GSI2SK: 'x' }),
    b64({ PK: 1, SK: 2 }),
  ];
  const routes: [string, string][] = [
    ['jtj', '/api/submissions'],
    ['jxpj', '/api/submissions'],
    ['jjs', '/api/tasks?status=open'],
    ['jjs', '/api/tasks?status=done'],
    ['admin', '/api/admin/users'],
  ];
  it('answers every forged cursor on every paged list with 400 BAD_REQUEST in Chinese', async () => {
    for (const [as, path] of routes) {
      for (const cursor of forged) {
        const sep = path.includes('?') ? '&' : '?';
        const r = await api.json('GET', `${path}${sep}cursor=${cursor}`, { as });
        expectClear4xx(r, 400);
        expect(r.body.error.code, `${as} ${path} ${cursor}`).toBe('BAD_REQUEST');
      }
    }
  });
  it('still accepts the cursor the server handed out', async () => {
    for (let i = 0; i < 3; i++) await api.createProjectTarget('jtj');
    const first = await api.json('GET', '/api/submissions?limit=1', { as: 'jtj' });
    expect(first.body.cursor).toEqual(expect.any(String));
    const next = await api.json('GET', `/api/submissions?limit=1&cursor=${first.body.cursor}`, { as: 'jtj' });
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe('finding 9: an unknown /api/* path answers a JSON 404, not the web page', () => {
  it('answers unknown API paths on the local server (API + web app) with JSON: 404 NOT_FOUND signed in, 401 without a token', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'h16-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>web</title>');
    const app = localApp(api.app, dist);
    const send = async (method: string, path: string, as?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) headers.authorization = `Bearer ${await api.token(as)}`;
      const res = await app.request(path, { method, headers, ...(method === 'POST' ? { body: '{}' } : {}) });
      return { res, body: await res.text() };
    };
    // The control case: the web app is served for its own paths.
    expect((await send('GET', '/tasks')).body).toContain('<title>web</title>');
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['GET', '/api/submissions/x/nope/deeper'],
      ['POST', '/api/nothing-here'],
      ['GET', '/api/'],
    ]) {
      for (const as of ['jtj', 'admin', undefined]) {
        const r = await send(method, path, as);
        expect(r.res.status, `${method} ${path} ${as}`).toBe(as ? 404 : 401);
        expect(r.res.headers.get('content-type'), `${method} ${path}`).toMatch(/application\/json/);
        expect(JSON.parse(r.body).error.code).toBe(as ? 'NOT_FOUND' : 'UNAUTHORIZED');
      }
    }
    const admin = await send('GET', '/api/admin/nothing', 'admin');
    expect([admin.res.status, JSON.parse(admin.body).error.code]).toEqual([404, 'NOT_FOUND']);
  });
  it('never serves the web page for an API path, even from the static handler alone', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'h16-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>web</title>');
    const app = new Hono();
    app.get('*', createStaticWeb(dist));
    const res = await app.request('/api/anything');
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('NOT_FOUND');
  });
});

describe('finding 9: disabled accounts are not visible by login timing', () => {
  it('runs the password hash for an unknown user, a disabled user and a wrong password alike', async () => {
    const calls: string[] = [];
    const real = api.deps.passwords;
    const counting: PasswordHasher = {
      hash: (p) => real.hash(p),
      verify: (p, h) => {
        calls.push(h);
        return real.verify(p, h);
      },
    };
    api.deps.passwords = counting;
    try {
      const created = await api.json('POST', '/api/admin/users', {
        as: 'admin',
        body: { username: 'h16disabled', name: '停用甲', unitId: 'jtj', roles: ['filler'], password: DEMO_PASSWORD },
      });
      expect(created.status).toBe(201);
      const off = await api.json('PUT', `/api/admin/users/${created.body.id}`, {
        as: 'admin',
        body: { disabled: true },
      });
      expect(off.status).toBe(200);
      const attempts = [
        ['h16disabled', DEMO_PASSWORD],
        ['h16disabled', 'wrong-password'],
        ['h16-nobody', DEMO_PASSWORD],
        ['jyj', 'wrong-password'],
      ];
      for (const [username, password] of attempts) {
        calls.length = 0;
        const r = await api.json('POST', '/api/auth/login', { body: { username, password } });
        expectError(r, 401, 'UNAUTHORIZED', username);
        expect(calls.length, `${username}: the hash must run once`).toBe(1);
      }
    } finally {
      api.deps.passwords = real;
    }
  });
});

describe('finding 8: separation of duties — whoever changed or submitted the data does not decide its steps', () => {
  const decideAs = async (id: string, as: string) => {
    const r = await api.decide(id, as);
    return r;
  };
  const save = async (id: string, as: string) => {
    const sub = await api.json('GET', `/api/submissions/${id}`, { as });
    const r = await api.json('PUT', `/api/submissions/${id}`, {
      as,
      body: {
        data: { ...sub.body.data, projectName: `${sub.body.data.projectName}（负责人修改）` },
        version: sub.body.version,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('refuses the 负责人 (jtjld) who edited and submitted the filler’s draft: 403 SEPARATION_OF_DUTIES, nothing changes', async () => {
    const draft = await api.createProjectTarget('jtj');
    await save(draft.id, 'jtjld');
    const submitted = await api.json('POST', `/api/submissions/${draft.id}/submit`, { as: 'jtjld' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const view = await api.json('GET', `/api/submissions/${draft.id}`, { as: 'jtjld' });
    expect(view.body.decidable).toEqual([]);
    const r = await decideAs(draft.id, 'jtjld');
    expectClear4xx(r, 403);
    expect(r.body.error.code).toBe('SEPARATION_OF_DUTIES');
    const after = await api.json('GET', `/api/submissions/${draft.id}`, { as: 'jtj' });
    expect(after.body.version).toBe(view.body.version);
    expect(after.body.openSteps[0].stepId).toBe('leaderSignoff');
  });

  it('refuses the 负责人 who only changed the draft, even when the filler submits it', async () => {
    const draft = await api.createProjectTarget('jtj');
    await save(draft.id, 'jtjld');
    const submitted = await api.json('POST', `/api/submissions/${draft.id}/submit`, { as: 'jtj' });
    expect(submitted.status).toBe(200);
    const r = await decideAs(draft.id, 'jtjld');
    expectClear4xx(r, 403);
    expect(r.body.error.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('refuses the 负责人 who resubmitted the data after a return, in the next round too', async () => {
    const id = await api.submittedProjectTarget('jtj');
    expect((await decideAs(id, 'jtjld')).status).toBe(200);
    expect((await api.decide(id, 'jjs', 'return')).status).toBe(200);
    const resubmitted = await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtjld' });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    const r = await decideAs(id, 'jtjld');
    expectClear4xx(r, 403);
    expect(r.body.error.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('lets the 负责人 sign off what the filler alone wrote and submitted (the control case)', async () => {
    const id = await api.submittedProjectTarget('jtj');
    const view = await api.json('GET', `/api/submissions/${id}`, { as: 'jtjld' });
    expect(view.body.decidable.map((s: { stepId?: string; id?: string }) => s.stepId ?? s.id)).toEqual([
      'leaderSignoff',
    ]);
    expect((await decideAs(id, 'jtjld')).status).toBe(200);
  });
});
