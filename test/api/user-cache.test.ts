import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app';
import type { User } from '../../functions/core/model';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

async function newUser(username: string, unitId = 'jtj', roles = ['filler']) {
  const created = await api.json('POST', '/api/admin/users', {
    as: 'admin',
    body: { username, name: '缓存用户', unitId, roles, password: DEMO_PASSWORD },
  });
  expect(created.status).toBe(201);
  const token = await api.token(username);
  return { id: created.body.id as string, token };
}

const get = (path: string, token: string) => api.app.request(path, { headers: { authorization: `Bearer ${token}` } });

async function changeUser(id: string, change: Partial<User>) {
  const user = (await api.deps.users.getById(id)) as User;
  await api.deps.users.update({ ...user, ...change });
}

describe('the caller, checked on every request, in parallel with the work of a read', () => {
  it('a disabled user loses access at once: the next read and the next write are refused, nothing leaks', async () => {
    const { id, token } = await newUser('cachedisabled');
    expect((await get('/api/submissions', token)).status).toBe(200);
    expect((await get('/api/submissions', token)).status).toBe(200); // now served from the cached actor
    await changeUser(id, { disabled: true });
    const read = await get('/api/submissions', token);
    expect(read.status).toBe(401);
    const body = await read.json();
    expect(body.error.code).toBe('UNAUTHORIZED');
    expect(body.items).toBeUndefined();
    const write = await api.app.request('/api/submissions', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ formId: 'project-target' }),
    });
    expect(write.status).toBe(401);
    const drafts = await api.deps.submissions.listForUnit('jtj', { limit: 100 }, {});
    expect(drafts.items.filter((s) => s.createdBy === id)).toEqual([]);
  });

  it('a changed unit or role counts at once: the read is served again with the user record just read', async () => {
    const { id, token } = await newUser('cachemoved');
    expect((await (await get('/api/me', token)).json()).unitId).toBe('jtj');
    expect((await (await get('/api/me', token)).json()).unitId).toBe('jtj');
    await changeUser(id, { unitId: 'ysg', roles: ['reviewer'] });
    const me = await (await get('/api/me', token)).json();
    expect(me).toMatchObject({ unitId: 'ysg', roles: ['reviewer'] });
  });

  it('a read with a known token starts its own work before the user record has been read', async () => {
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
    const org = Object.create(api.deps.org) as typeof api.deps.org;
    org.getUnit = async (unitId) => {
      events.push('handler read');
      return api.deps.org.getUnit(unitId);
    };
    const app = createApp({ ...api.deps, users, org });
    const token = await api.token('jtj');
    const me = () => app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    events.length = 0;
    hold = true;
    const pending = me();
    while (!events.includes('handler read') || !events.includes('user check started')) {
      await new Promise((r) => setTimeout(r, 5));
    }
    // the handler read its data while the user record was still being read
    expect(events).not.toContain('user check done');
    release();
    expect((await pending).status).toBe(200);
    expect(events.at(-1)).toBe('user check done');
  });

  it('a write on a submission reads it beside the caller, yet a disabled caller is refused and nothing changes', async () => {
    const { id, token } = await newUser('prefetchdisabled', 'jtj', ['leader']);
    expect((await get('/api/tasks?status=open', token)).status).toBe(200); // the token is known now
    const subId = await api.submittedProjectTarget('jtj');
    await changeUser(id, { disabled: true });
    const decide = await api.app.request(`/api/submissions/${subId}/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stepId: 'leaderSignoff', action: 'approve' }),
    });
    expect(decide.status).toBe(401);
    const body = await decide.json();
    expect(body.error.code).toBe('UNAUTHORIZED');
    expect(body.status).toBeUndefined();
    const after = await api.deps.submissions.get(subId);
    expect({ version: after?.version, status: after?.status }).toEqual({ version: 2, status: 'in_review' });
  });

  it('a caller moved to another unit since their last request is judged by the unit they are in now', async () => {
    const { id, token } = await newUser('prefetchmoved', 'jtj', ['leader']);
    expect((await get('/api/tasks?status=open', token)).status).toBe(200); // last seen in 交通局
    const subId = await api.submittedProjectTarget('jtj');
    await changeUser(id, { unitId: 'ysg', roles: ['reviewer'] });
    const decide = await api.app.request(`/api/submissions/${subId}/decisions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stepId: 'leaderSignoff', action: 'approve' }),
    });
    // 预算股 sees the submission but is not the step's unit (with the unit of the last request, 交通局, it would pass).
    expect(decide.status).toBe(403);
    expect((await decide.json()).error.message).toBe('您所在单位不是该步骤的办理单位');
    expect((await api.deps.submissions.get(subId))?.version).toBe(2);
  });

  it('reads started beside the check only save time: one that fails at once does not fail the check', async () => {
    const { resolveActor } = await import('../../functions/core/use-cases/identity/sign-in');
    const token = await api.token('jtj');
    const actor = await resolveActor(api.deps, token, () => {
      throw new Error('a prefetch that failed');
    });
    expect(actor).toMatchObject({ id: 'jtj', unitId: 'jtj' });
  });
});
