import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCatalog } from '../../functions/adapters/catalog/load-catalog';
import { composeDeps } from '../../functions/adapters/compose';
import { ensureTable } from '../../functions/adapters/dynamodb/table';
import {
  EMULATOR_CREDENTIALS,
  type EmulatedPool,
  startCognitoEmulator,
} from '../../functions/adapters/identity/cognito-emulator';
import { createApp } from '../../functions/api/app';
import { UnavailableError } from '../../functions/core/errors';
import type { Logger } from '../../functions/core/ports';
import { installCatalog } from '../../functions/core/use-cases/catalog/install-catalog';
import { seedUsersInPool } from '../../functions/core/use-cases/identity/pool-users';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';

/**
 * Sign-in with the first-login password change, wrong passwords, disabled users and resets ending
 * earlier tokens — in both identity modes: Cognito (cognito-local, the tokens verified as RS256 with
 * its keys given by configuration) and the platform's own identity (local / China regions).
 */
const silent: Logger = { info() {}, warn() {}, error() {} };
const NEW_PASSWORD = 'Xinfeng2026ok';

type Call = (
  method: string,
  path: string,
  opts?: { token?: string; body?: unknown; cookie?: string },
) => Promise<{ status: number; body: any; res: Response }>;

function caller(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }): Call {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, res };
  };
}

/** The same journey for both modes. */
function identityJourney(mode: string, setup: () => { call: Call; token: (u: string) => Promise<string> }) {
  describe(`${mode}: first sign-in, wrong password, disable, reset`, () => {
    it('an admin-made user signs in with the temporary password, must choose a new one, then works', async () => {
      const { call, token } = setup();
      const admin = await token('admin');
      const made = await call('POST', '/api/admin/users', {
        token: admin,
        body: { username: 'liwei', name: '李伟', unitId: 'jtj', roles: ['filler'], temporaryPassword: 'Temp-2026a' },
      });
      expect(made.status).toBe(201);
      const first = await call('POST', '/api/auth/login', { body: { username: 'liwei', password: 'Temp-2026a' } });
      expect(first.status).toBe(200);
      expect(first.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
      expect(first.body.token).toBeUndefined();
      const weak = await call('POST', '/api/auth/challenge', {
        body: { username: 'liwei', session: first.body.session, newPassword: 'short1' },
      });
      expect(weak.status).toBe(422);
      expect(weak.body.error.details[0].path).toBe('/newPassword');
      const done = await call('POST', '/api/auth/challenge', {
        body: { username: 'liwei', session: first.body.session, newPassword: NEW_PASSWORD },
      });
      expect(done.status).toBe(200);
      expect(done.body.user.username).toBe('liwei');
      const me = await call('GET', '/api/me', { token: done.body.token });
      expect(me.status).toBe(200);
      expect(me.body.unitId ?? me.body.user?.unitId).toBe('jtj');
      const again = await call('POST', '/api/auth/login', { body: { username: 'liwei', password: NEW_PASSWORD } });
      expect(again.status).toBe(200);
      expect(typeof again.body.token).toBe('string');
    });

    it('a wrong password and an unknown user get the same 401', async () => {
      const { call } = setup();
      const wrong = await call('POST', '/api/auth/login', { body: { username: 'jtj', password: 'not-it-1234' } });
      const unknown = await call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'not-it-1234' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error.code).toBe('UNAUTHORIZED');
      expect(unknown.body.error.message).toBe(wrong.body.error.message);
    });

    it('a disable ends the session at once and refuses sign-in; enabling lets the user back in', async () => {
      const { call, token } = setup();
      const admin = await token('admin');
      const signed = await call('POST', '/api/auth/login', { body: { username: 'jyj', password: DEMO_PASSWORD } });
      expect(signed.status).toBe(200);
      const id = signed.body.user.id;
      expect((await call('GET', '/api/me', { token: signed.body.token })).status).toBe(200);
      const off = await call('PUT', `/api/admin/users/${id}`, { token: admin, body: { disabled: true } });
      expect(off.status).toBe(200);
      expect(off.body.tokensValidAfter).toBeUndefined();
      const after = await call('GET', '/api/me', { token: signed.body.token });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('UNAUTHORIZED');
      const refused = await call('POST', '/api/auth/login', { body: { username: 'jyj', password: DEMO_PASSWORD } });
      expect(refused.status).toBe(401);
      expect((await call('PUT', `/api/admin/users/${id}`, { token: admin, body: { disabled: false } })).status).toBe(
        200,
      );
      const back = await call('POST', '/api/auth/login', { body: { username: 'jyj', password: DEMO_PASSWORD } });
      expect(back.status).toBe(200);
      expect((await call('GET', '/api/me', { token: back.body.token })).status).toBe(200);
    });

    it('a reset ends every earlier token and demands a new password at the next sign-in', async () => {
      const { call, token } = setup();
      const admin = await token('admin');
      const signed = await call('POST', '/api/auth/login', { body: { username: 'jyjld', password: DEMO_PASSWORD } });
      expect(signed.status).toBe(200);
      const reset = await call('PUT', `/api/admin/users/${signed.body.user.id}`, {
        token: admin,
        body: { temporaryPassword: 'Reset-2026b' },
      });
      expect(reset.status).toBe(200);
      expect((await call('GET', '/api/me', { token: signed.body.token })).status).toBe(401);
      const old = await call('POST', '/api/auth/login', { body: { username: 'jyjld', password: DEMO_PASSWORD } });
      // No session from the old password; cognito-local keeps accepting it (into the challenge), real Cognito
      // and the local identity refuse it.
      expect(old.body.token).toBeUndefined();
      if (mode === 'local') expect(old.status).toBe(401);
      const next = await call('POST', '/api/auth/login', { body: { username: 'jyjld', password: 'Reset-2026b' } });
      expect(next.status).toBe(200);
      expect(next.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    });
  });
}

describe('local identity (own accounts in the table, as in the China regions)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  identityJourney('local', () => ({ call: caller(api.app), token: (u) => api.token(u) }));

  it('a challenge session of another user, or a forged one, is refused', async () => {
    const call = caller(api.app);
    const admin = await api.token('admin');
    await call('POST', '/api/admin/users', {
      token: admin,
      body: { username: 'wangfang', name: '王芳', unitId: 'jtj', roles: ['filler'], temporaryPassword: 'Temp-2026c' },
    });
    const first = await call('POST', '/api/auth/login', { body: { username: 'wangfang', password: 'Temp-2026c' } });
    expect(first.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    const forged = await call('POST', '/api/auth/challenge', {
      body: { username: 'wangfang', session: 'eyJhbGciOiJub25lIn0.e30.', newPassword: NEW_PASSWORD },
    });
    expect(forged.status).toBe(401);
    const other = await call('POST', '/api/auth/challenge', {
      body: { username: 'jtj', session: first.body.session, newPassword: NEW_PASSWORD },
    });
    expect(other.status).toBe(401);
    const same = await call('POST', '/api/auth/challenge', {
      body: { username: 'wangfang', session: first.body.session, newPassword: 'Temp-2026c' },
    });
    expect(same.status).toBe(422);
  });
});

describe('Cognito identity (cognito-local)', () => {
  let pool: EmulatedPool;
  let dir: string;
  let call: Call;
  let deps: ReturnType<typeof composeDeps>;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-cognito-'));
    pool = await startCognitoEmulator(dir);
    const table = `cognito_${process.pid}_${Date.now()}`;
    deps = composeDeps({
      tableName: table,
      endpoint: inject('dynamoEndpoint'),
      auth: { mode: 'cognito', ...pool, sdk: { region: 'local', credentials: EMULATOR_CREDENTIALS } },
      logger: silent,
    });
    await ensureTable(deps.db.raw, table);
    const catalog = loadCatalog(join(process.cwd(), 'forms'));
    await installCatalog(deps, catalog, DEMO_PASSWORD);
    const needed = ['admin', 'jtj', 'jyj', 'jyjld'];
    await seedUsersInPool(
      deps,
      catalog.users.filter((u) => needed.includes(u.username)),
      DEMO_PASSWORD,
    );
    call = caller(createApp(deps));
  });
  afterAll(async () => {
    await pool?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const token = async (u: string) => {
    const hit = tokens.get(u);
    if (hit) return hit;
    const r = await call('POST', '/api/auth/login', { body: { username: u, password: DEMO_PASSWORD } });
    tokens.set(u, r.body.token);
    return r.body.token as string;
  };
  identityJourney('cognito', () => ({ call, token }));

  it('tokens are the pool RS256 ID tokens; the refresh token lives only in an httpOnly cookie and sign-out revokes it', async () => {
    const signed = await call('POST', '/api/auth/login', { body: { username: 'jtj', password: DEMO_PASSWORD } });
    expect(JSON.parse(Buffer.from(signed.body.token.split('.')[0], 'base64url').toString()).alg).toBe('RS256');
    expect(JSON.stringify(signed.body)).not.toContain('refresh');
    const setCookie = signed.res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^jx_refresh=[^;]+;/);
    expect(setCookie).toContain('Path=/api/auth');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0];
    const refreshed = await call('POST', '/api/auth/refresh', { cookie });
    expect(refreshed.status).toBe(200);
    expect((await call('GET', '/api/me', { token: refreshed.body.token })).status).toBe(200);
    expect((await call('POST', '/api/auth/logout', { cookie })).status).toBe(204);
    const after = await call('POST', '/api/auth/refresh', { cookie });
    expect(after.status).toBe(401);
  });

  it('a reset and then a disable each refuse the refresh cookie of an earlier sign-in, which the emulator would still honour', async () => {
    const admin = await token('admin');
    const made = await call('POST', '/api/admin/users', {
      token: admin,
      body: { username: 'zhaolei', name: '赵磊', unitId: 'jtj', roles: ['filler'], temporaryPassword: 'Temp-2026e' },
    });
    expect(made.status).toBe(201);
    const first = await call('POST', '/api/auth/login', { body: { username: 'zhaolei', password: 'Temp-2026e' } });
    await call('POST', '/api/auth/challenge', {
      body: { username: 'zhaolei', session: first.body.session, newPassword: NEW_PASSWORD },
    });
    const signIn = async (password: string) => {
      const r = await call('POST', '/api/auth/login', { body: { username: 'zhaolei', password } });
      expect(r.status).toBe(200);
      return (r.res.headers.get('set-cookie') ?? '').split(';')[0];
    };
    const cookie = await signIn(NEW_PASSWORD);
    expect((await call('POST', '/api/auth/refresh', { cookie })).status).toBe(200);
    const reset = await call('PUT', `/api/admin/users/${made.body.id}`, {
      token: admin,
      body: { temporaryPassword: 'Reset-2026e' },
    });
    expect(reset.status).toBe(200);
    // The pool itself still refreshes it (no global sign-out in the emulator); the platform refuses.
    expect((await deps.pool?.refresh(cookie.slice('jx_refresh='.length)))?.idToken).toBeTruthy();
    const refused = await call('POST', '/api/auth/refresh', { cookie });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHORIZED');
    expect(refused.res.headers.get('set-cookie')).toMatch(/^jx_refresh=;/);

    const again = await call('POST', '/api/auth/login', { body: { username: 'zhaolei', password: 'Reset-2026e' } });
    await call('POST', '/api/auth/challenge', {
      body: { username: 'zhaolei', session: again.body.session, newPassword: 'Xinfeng2026two' },
    });
    const later = await signIn('Xinfeng2026two');
    expect((await call('POST', '/api/auth/refresh', { cookie: later })).status).toBe(200);
    const off = await call('PUT', `/api/admin/users/${made.body.id}`, { token: admin, body: { disabled: true } });
    expect(off.status).toBe(200);
    const after = await call('POST', '/api/auth/refresh', { cookie: later });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHORIZED');
  });

  it('a user name taken in the table but free in the pool: 409 and the pool user just made is deleted again', async () => {
    const admin = await token('admin');
    const made = await call('POST', '/api/admin/users', {
      token: admin,
      body: { username: 'jjs', name: '经建股', unitId: 'jjs', roles: ['reviewer'], temporaryPassword: 'Temp-2026d' },
    });
    expect(made.status).toBe(409);
    expect(made.body.error.details[0].path).toBe('/username');
    // Had the pool user stayed, the temporary password would open a challenge.
    await expect(deps.pool?.signIn('jjs', 'Temp-2026d')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('the pool refusing a disable in between: the user record is written back as it was', async () => {
    const admin = await token('admin');
    const jtj = await deps.users.getByUsername('jtj');
    const failing = createApp({
      ...deps,
      pool: {
        ...(deps.pool as NonNullable<typeof deps.pool>),
        setEnabled: async () => {
          throw new UnavailableError('身份认证服务暂时不可用，请稍后再试');
        },
      },
    });
    const r = await caller(failing)('PUT', `/api/admin/users/${jtj?.id}`, { token: admin, body: { disabled: true } });
    expect(r.status).toBe(503);
    const after = await deps.users.getByUsername('jtj');
    expect(after?.disabled).toBeUndefined();
    expect(after?.tokensValidAfter).toBe(jtj?.tokensValidAfter);
    const signed = await call('POST', '/api/auth/login', { body: { username: 'jtj', password: DEMO_PASSWORD } });
    expect(signed.status).toBe(200);
  });
});
