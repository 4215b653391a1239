import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';

/**
 * The optional second factor (动态验证码) of administrators under the platform's own identity: enrolment
 * shows the secret once, a code confirms it, sign-in then asks for the code; a wrong code, a replayed code and
 * guessing codes under the sign-in throttle are refused. The server clock is the test's, so codes are exact.
 */
let api: TestApi;
let now = Date.parse('2026-03-02T02:00:00.000Z');
const tick = (seconds: number) => {
  now += seconds * 1000;
};
const codeAt = (secret: string, at = now) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
const login = (body: Record<string, unknown>) => api.json('POST', '/api/auth/login', { body });

let secret = '';

beforeAll(async () => {
  api = await createTestApi({ clock: () => new Date(now).toISOString() });
}, 300_000);

describe('enrolment', () => {
  it('is for administrators only', async () => {
    const r = await api.json('POST', '/api/me/totp', { as: 'jtj' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });

  it('hands out the secret once, as an otpauth:// URI and a text key, and is not active until confirmed', async () => {
    const r = await api.json('POST', '/api/me/totp', { as: 'admin' });
    expect(r.status).toBe(200);
    secret = r.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(r.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(r.body.uri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(r.body.uri)).toContain('issuer=信丰县预算绩效管理平台');
    // Pending only: sign-in still needs no code.
    const plain = await login({ username: 'admin', password: DEMO_PASSWORD });
    expect(typeof plain.body.token).toBe('string');
    // The secret never comes back through the admin pages.
    const list = await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' });
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });

  it('refuses a wrong code with the field path and stays pending', async () => {
    const wrong = String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
    const r = await api.json('POST', '/api/me/totp/verify', { as: 'admin', body: { code: wrong } });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].path).toBe('/code');
    expect((await login({ username: 'admin', password: DEMO_PASSWORD })).body.token).toBeDefined();
  });

  it('turns on with a code from the authenticator', async () => {
    const r = await api.json('POST', '/api/me/totp/verify', { as: 'admin', body: { code: codeAt(secret) } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ enabled: true });
    const again = await api.json('POST', '/api/me/totp', { as: 'admin' });
    expect(again.status).toBe(409);
  });
});

describe('sign-in with the 动态验证码', () => {
  it('asks for the code after the right password, and gives no token without it', async () => {
    tick(30);
    const r = await login({ username: 'admin', password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ challenge: 'TOTP_REQUIRED' });
  });

  it('a wrong password with a valid code is the generic refusal (the code tells nothing)', async () => {
    const r = await login({ username: 'admin', password: 'not-the-password', totpCode: codeAt(secret) });
    expect(r.status).toBe(401);
    expect(r.body.error.message).toBe('用户名或密码错误');
  });

  it('signs in with password and code; the same code again (replay within its window) is refused', async () => {
    const code = codeAt(secret);
    const ok = await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: code });
    expect(ok.status).toBe(200);
    expect(typeof ok.body.token).toBe('string');
    const me = await api.json('GET', '/api/me', { headers: { authorization: `Bearer ${ok.body.token}` } });
    expect(me.status).toBe(200);
    const replay = await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('UNAUTHORIZED');
    expect(replay.body.error.message).toContain('动态验证码');
    // An older code (the previous step, still inside the drift window) is refused too.
    expect(
      (await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: codeAt(secret, now - 30_000) })).status,
    ).toBe(401);
    tick(30);
    const next = await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: codeAt(secret) });
    expect(next.status).toBe(200);
  });

  it('guessing codes is throttled like passwords; asking for the code step does not reset the count', async () => {
    tick(30);
    const bad = String((Number(codeAt(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i++)
      expect((await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: bad })).status).toBe(401);
    // The right password alone is not a finished sign-in: it must not clear the four failures.
    expect((await login({ username: 'admin', password: DEMO_PASSWORD })).body.challenge).toBe('TOTP_REQUIRED');
    expect((await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: bad })).status).toBe(401);
    const locked = await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: codeAt(secret) });
    expect(locked.status).toBe(429);
    tick(120);
    expect((await login({ username: 'admin', password: DEMO_PASSWORD, totpCode: codeAt(secret) })).status).toBe(200);
  });

  it('the login page offers the 动态验证码 field', async () => {
    const { readFileSync } = await import('node:fs');
    const page = readFileSync(new URL('../../web/src/pages/login-page.tsx', import.meta.url), 'utf8');
    expect(page).toContain('动态验证码');
  });
});

describe('turning it off', () => {
  it('needs a current code; then sign-in needs none', async () => {
    tick(30);
    const wrong = await api.json('POST', '/api/me/totp/disable', { as: 'admin', body: { code: '12345' } });
    expect(wrong.status).toBe(422);
    const r = await api.json('POST', '/api/me/totp/disable', { as: 'admin', body: { code: codeAt(secret) } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ enabled: false });
    const plain = await login({ username: 'admin', password: DEMO_PASSWORD });
    expect(typeof plain.body.token).toBe('string');
  });
});
