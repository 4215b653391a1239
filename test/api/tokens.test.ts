import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { composeDeps } from '../../functions/adapters/compose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/adapters/identity/local-jwt';
import { createApp } from '../../functions/api/app';
import type { Logger } from '../../functions/core/ports';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';
import { CHINESE, expectError } from '../support/proof';

/**
 * Tokens: HS256 pinned; exp, iss, aud checked; every bad token → 401 with one generic body.
 * The app here runs on the same table as createTestApi but with a secret this test knows, so it can
 * craft tokens that are valid in every respect but one.
 */
const secret = randomBytes(32);
const logLines: string[] = [];
const capture: Logger = {
  info: (msg, data) => void logLines.push(JSON.stringify({ msg, ...data })),
  warn: (msg, data) => void logLines.push(JSON.stringify({ msg, ...data })),
  error: (msg, data) => void logLines.push(JSON.stringify({ msg, ...data })),
};

let api: TestApi;
let app: ReturnType<typeof createApp>;
let jtjId: string;

async function call(path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  const res = await app.request(path, { ...init, headers });
  return { status: res.status, body: await res.json(), res };
}

const PROXY = '10.255.0.1';

async function login(username: string, password: string, ip = '10.0.0.1') {
  const res = await app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ username, password }),
    },
    { incoming: { socket: { remoteAddress: PROXY } } },
  );
  return { status: res.status, body: await res.json(), res };
}

const sign = (
  claims: Record<string, unknown>,
  opts: { key?: Uint8Array; alg?: string; iss?: string; aud?: string; exp?: number; iat?: number; sub?: string } = {},
) => {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .setIssuer(opts.iss ?? LOCAL_ISSUER)
    .setAudience(opts.aud ?? LOCAL_AUDIENCE)
    .setIssuedAt(opts.iat ?? now)
    .setExpirationTime(opts.exp ?? now + 600);
  if (opts.sub !== null) jwt = jwt.setSubject(opts.sub ?? jtjId);
  return jwt.sign(opts.key ?? secret);
};

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

beforeAll(async () => {
  api = await createTestApi();
  const deps = composeDeps({
    tableName: api.table,
    endpoint: inject('dynamoEndpoint'),
    auth: { mode: 'local', secret },
    logger: capture,
  });
  // Sign-ins arrive through a trusted proxy, so each test's X-Forwarded-For address is its own client.
  app = createApp(deps, { trustedProxies: [PROXY] });
  jtjId = (await api.json('GET', '/api/me', { as: 'jtj' })).body.id;
});

describe('a valid token', () => {
  it('signs jtj in with a token crafted with the right key, issuer, audience and expiry (the control case)', async () => {
    const r = await call('/api/me', await sign({ username: 'jtj' }));
    expect(r.status).toBe(200);
    expect(r.body.username).toBe('jtj');
  });
});

describe('bad tokens: 401 with one generic body', () => {
  const cases: [string, () => Promise<string>][] = [
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: jtjId, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: 9_999_999_999, iat: 1 })}.`,
    ],
    [
      'alg none without the trailing dot',
      async () => `${b64({ alg: 'none' })}.${b64({ sub: jtjId, exp: 9_999_999_999 })}`,
    ],
    ['a wrong key', () => sign({}, { key: randomBytes(32) })],
    [
      'HS512 instead of the pinned HS256',
      () => sign({}, { alg: 'HS512', key: new Uint8Array([...secret, ...secret]) }),
    ],
    [
      'a tampered payload (sub changed, signature kept)',
      async () => {
        const [h, , s] = (await sign({})).split('.');
        return `${h}.${b64({ sub: randomUUID(), iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: 9_999_999_999, iat: 1 })}.${s}`;
      },
    ],
    [
      'a tampered signature',
      async () => {
        const t = await sign({});
        return `${t.slice(0, -4)}${t.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      },
    ],
    [
      'an expired token',
      () => sign({}, { exp: Math.floor(Date.now() / 1000) - 120, iat: Math.floor(Date.now() / 1000) - 3600 }),
    ],
    ['a wrong issuer', () => sign({}, { iss: 'someone-else' })],
    ['a wrong audience', () => sign({}, { aud: 'another-app' })],
    ['no subject', () => sign({}, { sub: null as unknown as string })],
    ['a nonexistent user', () => sign({}, { sub: randomUUID() })],
    ['garbage', async () => 'not.a.token'],
    ['an empty bearer', async () => ''],
  ];

  it('answers every bad token with the same 401 JSON body, in Chinese', async () => {
    const bodies = new Map<string, string>();
    for (const [name, make] of cases) {
      const r = await call('/api/me', await make());
      expect(r.status, name).toBe(401);
      expect(r.body.error.message, name).toMatch(CHINESE);
      if (name !== 'an empty bearer') bodies.set(name, JSON.stringify(r.body));
    }
    expect(new Set(bodies.values()).size, JSON.stringify(Object.fromEntries(bodies))).toBe(1);
  });

  it('answers a token of a disabled user with the same 401 body', async () => {
    const created = await api.json('POST', '/api/admin/users', {
      as: 'admin',
      body: { username: 'tokdisabled', name: '停用用户', unitId: 'jtj', roles: ['filler'], password: DEMO_PASSWORD },
    });
    expect(created.status).toBe(201);
    const signedIn = await login('tokdisabled', DEMO_PASSWORD, '10.0.0.9');
    expect(signedIn.status).toBe(200);
    expect((await call('/api/me', signedIn.body.token)).status).toBe(200);
    const user = await api.deps.users.getById(created.body.id);
    await api.deps.users.update({ ...(user as NonNullable<typeof user>), disabled: true });
    const r = await call('/api/me', signedIn.body.token);
    expectError(r, 401, 'UNAUTHORIZED');
    const generic = await call('/api/me', await sign({}, { key: randomBytes(32) }));
    expect(r.body).toEqual(generic.body);
    // And the disabled user cannot sign in again.
    expect((await login('tokdisabled', DEMO_PASSWORD, '10.0.0.9')).status).toBe(401);
  });

  it('never accepts a token from the URL (query parameter or path), only the Authorization header', async () => {
    const token = await sign({});
    for (const path of [
      `/api/me?token=${token}`,
      `/api/me?access_token=${token}`,
      `/api/submissions?authorization=Bearer%20${token}`,
    ]) {
      const r = await call(path);
      expect(r.status, path).toBe(401);
    }
  });

  it('does not accept the token in another scheme or a cookie', async () => {
    const token = await sign({});
    expectError(
      await call('/api/me', undefined, { headers: { authorization: `Basic ${token}` } }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await call('/api/me', undefined, { headers: { authorization: `bearer  ${token}` } }),
      401,
      'UNAUTHORIZED',
    );
    expectError(await call('/api/me', undefined, { headers: { cookie: `token=${token}` } }), 401, 'UNAUTHORIZED');
  });
});

describe('finding 7 (issue 16): an admin password reset or disable ends the tokens handed out before it', () => {
  it('answers 401 to a token from before a reset, while a token from after it works', async () => {
    const created = await api.json('POST', '/api/admin/users', {
      as: 'admin',
      body: { username: 'tokreset', name: '重置用户', unitId: 'jtj', roles: ['filler'], password: DEMO_PASSWORD },
    });
    expect(created.status).toBe(201);
    const before = await login('tokreset', DEMO_PASSWORD, '10.0.7.1');
    expect((await call('/api/me', before.body.token)).status).toBe(200);
    const reset = await api.json('PUT', `/api/admin/users/${created.body.id}`, {
      as: 'admin',
      body: { password: 'a-new-password-7' },
    });
    expect(reset.status).toBe(200);
    expect(reset.body).not.toHaveProperty('tokenVersion');
    const old = await call('/api/me', before.body.token);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('UNAUTHORIZED');
    const after = await login('tokreset', 'a-new-password-7', '10.0.7.1');
    expect(after.status).toBe(200);
    expect((await call('/api/me', after.body.token)).status).toBe(200);
    // A name change does not end sessions.
    const renamed = await api.json('PUT', `/api/admin/users/${created.body.id}`, {
      as: 'admin',
      body: { name: '重置用户乙' },
    });
    expect(renamed.status).toBe(200);
    expect((await call('/api/me', after.body.token)).status).toBe(200);
    // Disabling and enabling again does not bring an old token back.
    for (const disabled of [true, false]) {
      const r = await api.json('PUT', `/api/admin/users/${created.body.id}`, { as: 'admin', body: { disabled } });
      expect(r.status).toBe(200);
    }
    expectError(await call('/api/me', after.body.token), 401, 'UNAUTHORIZED');
    expect((await login('tokreset', 'a-new-password-7', '10.0.7.1')).status).toBe(200);
  });

  it('refuses a correctly signed token that names an older token version', async () => {
    const user = await api.deps.users.getByUsername('jyjld');
    await api.deps.users.update({ ...(user as NonNullable<typeof user>), tokenVersion: 3 });
    const sub = (user as NonNullable<typeof user>).id;
    expectError(await call('/api/me', await sign({ tv: 2 }, { sub })), 401, 'UNAUTHORIZED');
    expectError(await call('/api/me', await sign({}, { sub })), 401, 'UNAUTHORIZED');
    expect((await call('/api/me', await sign({ tv: 3 }, { sub }))).status).toBe(200);
  });
});

describe('login', () => {
  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const wrong = await login('jtj', 'not-the-password', '10.0.1.1');
    const unknown = await login(`nobody${randomUUID().slice(0, 6)}`, DEMO_PASSWORD, '10.0.1.1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toMatch(CHINESE);
  });

  it('rate-limits sign-in attempts per address and user: 429 with Retry-After, while another user is unaffected', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 7; i++) {
      const r = await login('jyj', `wrong-${i}`, '10.0.2.2');
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(limited?.res.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(limited?.body.error.message).toMatch(CHINESE);
    // Even the right password is refused while limited …
    expectError(await login('jyj', DEMO_PASSWORD, '10.0.2.2'), 429, 'RATE_LIMITED');
    // … but another user from the same address is not.
    expect((await login('jyjld', DEMO_PASSWORD, '10.0.2.2')).status).toBe(200);
  });

  it('never writes passwords or tokens into the logs', async () => {
    const r = await login('jtjld', DEMO_PASSWORD, '10.0.3.3');
    expect(r.status).toBe(200);
    expect((await call('/api/me', r.body.token)).status).toBe(200);
    const secretPw = 'S3cret-pw-never-logged';
    await login('jtjld', secretPw, '10.0.3.4');
    const all = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    expect(all).not.toContain(r.body.token);
    expect(all).not.toContain(r.body.token.split('.')[2]);
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain(secretPw);
  });
});
