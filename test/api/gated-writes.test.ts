import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { User } from '../../functions/core/model';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';

/**
 * Autosave, check, submit and decide start before the caller's check has answered (functions/api/middleware/
 * user-cache.ts); every write they make waits for it. A caller disabled or changed in between writes nothing.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

async function newFiller(username: string) {
  const created = await api.json('POST', '/api/admin/users', {
    as: 'admin',
    body: { username, name: '写入用户', unitId: 'jtj', roles: ['filler'], password: DEMO_PASSWORD },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, token: await api.token(username) };
}

async function changeUser(id: string, change: Partial<User>) {
  const user = (await api.deps.users.getById(id)) as User;
  await api.deps.users.update({ ...user, ...change });
}

const send = (app: TestApi['app'], method: string, path: string, token: string, body: unknown) =>
  app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function draftOf(token: string) {
  const form = await api.json('GET', '/api/forms/project-target', { as: 'jtj' });
  const res = await send(api.app, 'POST', '/api/submissions', token, {
    formId: 'project-target',
    data: form.body.examples[0].data,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; version: number; data: Record<string, unknown> };
}

describe('hot writes checked beside their reads', () => {
  it('an autosave by a user disabled a moment ago is refused with 401 and changes nothing', async () => {
    const { id, token } = await newFiller('gatedisabled');
    const draft = await draftOf(token);
    const save = (version: number, projectName: string) =>
      send(api.app, 'PUT', `/api/submissions/${draft.id}`, token, {
        data: { ...draft.data, projectName },
        version,
      });
    const first = await save(draft.version, '第一次保存');
    expect(first.status).toBe(200);
    const saved = (await first.json()) as { version: number };
    await changeUser(id, { disabled: true });
    const refused = await save(saved.version, '停用后的保存');
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('UNAUTHORIZED');
    const stored = await api.deps.submissions.get(draft.id);
    expect(stored?.version).toBe(saved.version);
    expect(stored?.data.projectName).toBe('第一次保存');
  });

  it('a submit by a user who lost the filler role in between is served again with the new record: 403, nothing written', async () => {
    const { id, token } = await newFiller('gaterole');
    const draft = await draftOf(token);
    // The token is known now (the create above); the role goes before the submit.
    await changeUser(id, { roles: ['reviewer'] });
    const res = await send(api.app, 'POST', `/api/submissions/${draft.id}/submit`, token, {});
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN');
    const stored = await api.deps.submissions.get(draft.id);
    expect(stored?.status).toBe('draft');
    expect(stored?.version).toBe(draft.version);
  });

  it('a decide with a known token reads the submission while the user record is still being read, and writes only after', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    let hold = false;
    const users = Object.create(api.deps.users) as typeof api.deps.users;
    users.getById = async (userId) => {
      if (hold) {
        events.push('user check started');
        await new Promise<void>((r) => {
          release = r;
        });
        events.push('user check done');
      }
      return api.deps.users.getById(userId);
    };
    const submissions = Object.create(api.deps.submissions) as typeof api.deps.submissions;
    submissions.get = async (subId) => {
      if (hold) events.push('submission read');
      return api.deps.submissions.get(subId);
    };
    submissions.commit = async (change) => {
      events.push('commit called');
      return api.deps.submissions.commit(change);
    };
    const app = createApp({ ...api.deps, users, submissions });
    const id = await api.submittedProjectTarget('jtj');
    const token = await api.token('jtjld');
    expect((await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    events.length = 0;
    hold = true;
    const pending = send(app, 'POST', `/api/submissions/${id}/decisions`, token, {
      stepId: 'leaderSignoff',
      action: 'approve',
    });
    while (!events.includes('submission read') || !events.includes('user check started')) {
      await new Promise((r) => setTimeout(r, 5));
    }
    // Let the handler reach its transaction: it must still be waiting for the user check.
    await new Promise((r) => setTimeout(r, 300));
    expect(events).not.toContain('user check done');
    const stillOpen = await api.deps.submissions.get(id);
    expect(stillOpen?.workflow.decisions.leaderSignoff).toBeUndefined();
    release();
    const res = await pending;
    expect(res.status, await res.clone().text()).toBe(200);
    const decided = await api.deps.submissions.get(id);
    expect(decided?.workflow.decisions.leaderSignoff).toBeDefined();
    expect(events.indexOf('user check done')).toBeGreaterThan(events.indexOf('submission read'));
  });
});
