import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

/**
 * An administrator resets another user's 动态验证码 (the phone is lost): only admins, never their own, the
 * user's open sessions end, sign-in then needs no code, and an audit event keeps who did it and when.
 */
let api: TestApi;
let now = Date.parse('2026-03-02T02:00:00.000Z');
const at = () => new Date(now).toISOString();
const codeAt = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: now,
  });
const PASSWORD = 'Second-admin-2026';
const login = (body: Record<string, unknown>) => api.json('POST', '/api/auth/login', { body });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

let secondId = '';
let secondToken = '';
let secret = '';

beforeAll(async () => {
  api = await createTestApi({ clock: at });
  const made = await api.json('POST', '/api/admin/users', {
    as: 'admin',
    body: { username: 'admin2', name: '第二管理员', unitId: 'wlxx', roles: ['admin'], password: PASSWORD },
  });
  expect(made.status).toBe(201);
  secondId = made.body.id;
  secondToken = (await login({ username: 'admin2', password: PASSWORD })).body.token;
  secret = (await api.json('POST', '/api/me/totp', bearer(secondToken))).body.secret;
  const on = await api.json('POST', '/api/me/totp/verify', { ...bearer(secondToken), body: { code: codeAt(secret) } });
  expect(on.body).toEqual({ enabled: true });
  now += 30_000;
  const signIn = await login({ username: 'admin2', password: PASSWORD, totpCode: codeAt(secret) });
  secondToken = signIn.body.token;
  expect(typeof secondToken).toBe('string');
}, 300_000);

const reset = (id: string, opts: { as?: string; headers?: Record<string, string> } = { as: 'admin' }) =>
  api.json('POST', `/api/admin/users/${encodeURIComponent(id)}/totp/reset`, opts);

describe('who may reset', () => {
  it('个人设置 reads whether the 动态验证码 is on (administrators only)', async () => {
    expect((await api.json('GET', '/api/me/totp', bearer(secondToken))).body).toEqual({
      available: true,
      enabled: true,
    });
    const filler = await api.json('GET', '/api/me/totp', { as: 'jtj' });
    expect(filler.status).toBe(403);
    expect(filler.body.error.code).toBe('FORBIDDEN');
  });

  it('the admin list shows whose 动态验证码 is on, never the secret', async () => {
    const list = await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' });
    const row = list.body.items.find((u: { id: string }) => u.id === secondId);
    expect(row.totp).toBe(true);
    expect(list.body.items.find((u: { username: string }) => u.username === 'jtj').totp).toBe(false);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('a non-admin is refused (403) and nothing changes', async () => {
    const r = await reset(secondId, { as: 'jtj' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect((await login({ username: 'admin2', password: PASSWORD })).body).toEqual({ challenge: 'TOTP_REQUIRED' });
  });

  it('anonymous is refused (401)', async () => {
    const r = await reset(secondId, {});
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHORIZED');
  });

  it('an admin cannot reset their own factor here (个人设置, with a current code)', async () => {
    const r = await reset(secondId, bearer(secondToken));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(r.body.error.message).toContain('个人设置');
    expect((await api.json('GET', '/api/me', bearer(secondToken))).status).toBe(200);
  });

  it('an unknown user is a 404', async () => {
    const r = await reset('no-such-user');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });

  it('a user without a 动态验证码 is a 409 and unchanged', async () => {
    const list = await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' });
    const jtj = list.body.items.find((u: { username: string }) => u.username === 'jtj');
    const r = await reset(jtj.id);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
    expect(await api.deps.userAudit.listEvents(jtj.id, 100)).toEqual([]);
  });
});

describe('the reset', () => {
  it('turns the factor off, ends the open session, records who did it, and sign-in needs no code', async () => {
    now += 60_000;
    const adminId = (await api.json('GET', '/api/me', { as: 'admin' })).body.id;
    const r = await reset(secondId);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: secondId, totp: false });
    // The session opened with password and code answers 401 at once.
    const old = await api.json('GET', '/api/me', bearer(secondToken));
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('UNAUTHORIZED');
    const plain = await login({ username: 'admin2', password: PASSWORD });
    expect(typeof plain.body.token).toBe('string');
    const events = await api.deps.userAudit.listEvents(secondId, 100);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'totpReset',
        userId: secondId,
        actorId: adminId,
        actorName: '系统管理员',
        at: at(),
      }),
    ]);
    const list = await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' });
    expect(list.body.items.find((u: { id: string }) => u.id === secondId).totp).toBe(false);
    const status = await api.json('GET', '/api/me/totp', bearer(plain.body.token));
    expect(status.body).toEqual({ available: true, enabled: false });
  });

  it('shows the account record to administrators: who reset it and when, newest first; 404 for no such user', async () => {
    const adminId = (await api.json('GET', '/api/me', { as: 'admin' })).body.id;
    const record = await api.json('GET', `/api/admin/users/${secondId}/audit`, { as: 'admin' });
    expect(record.status).toBe(200);
    expect(record.body.items).toEqual([
      { id: expect.any(String), type: 'totpReset', actorId: adminId, actorName: '系统管理员', at: at() },
    ]);
    const mine = await api.json('GET', `/api/admin/users/${adminId}/audit`, { as: 'admin' });
    expect(mine.body.items).toEqual([]);
    const nobody = await api.json('GET', '/api/admin/users/no-such-user/audit', { as: 'admin' });
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const clerk = await api.json('GET', `/api/admin/users/${secondId}/audit`, { as: 'jtj' });
    expect([clerk.status, clerk.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('shows the newest 100 events of an account that holds 101, newest first', async () => {
    const made = await api.json('POST', '/api/admin/users', {
      as: 'admin',
      body: { username: 'often-reset', name: '常换手机', unitId: 'jtj', roles: ['filler'], password: PASSWORD },
    });
    expect(made.status).toBe(201);
    const user = await api.deps.users.getById(made.body.id);
    if (!user) throw new Error('user missing');
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 101; i++) {
      const v = (user.version ?? 0) + i;
      const eventAt = new Date(base + i * 60_000).toISOString();
      await api.deps.userAudit.updateUserWithEvent({ ...user, version: v + 1 }, v, {
        id: `E${String(i).padStart(3, '0')}`,
        userId: user.id,
        type: 'totpReset',
        actorId: 'admin',
        actorName: '系统管理员',
        at: eventAt,
      });
    }
    const record = await api.json('GET', `/api/admin/users/${user.id}/audit`, { as: 'admin' });
    expect(record.status).toBe(200);
    const ids = record.body.items.map((e: { id: string }) => e.id);
    expect(ids).toHaveLength(100);
    expect(ids[0]).toBe('E100');
    expect(ids[99]).toBe('E001');
    expect(ids).not.toContain('E000');
  });

  it('a second reset is a 409 and records nothing more', async () => {
    const r = await reset(secondId);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
    expect(await api.deps.userAudit.listEvents(secondId, 100)).toHaveLength(1);
  });

  it('the user can enrol again afterwards with a new secret', async () => {
    const token = (await login({ username: 'admin2', password: PASSWORD })).body.token;
    const again = await api.json('POST', '/api/me/totp', bearer(token));
    expect(again.status).toBe(200);
    expect(again.body.secret).not.toBe(secret);
  });
});
