import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { composeDeps } from '../../functions/adapters/compose';
import { type App, createApp } from '../../functions/api/app';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';
import { expectError } from '../support/proof';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ app: { rateLimitPerMinute: 5 } });
});

describe('per-user rate limit on the local server', () => {
  it('answers 429 with Retry-After and a Chinese message once a user exceeds the budget, while another user is unaffected', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await api.call('GET', '/api/me', { as: 'jjs' });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(limited?.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(((await (limited as Response).json()) as { error: { message: string } }).error.message).toMatch(
      /请求过于频繁/,
    );
    expect((await api.call('GET', '/api/me', { as: 'kjw' })).status).toBe(200);
  });
});

/**
 * Issue 16, finding 6: sign-in throttling. The client address is the socket's peer (or API Gateway's
 * source IP); X-Forwarded-For counts only from a configured proxy. Counters live in the table.
 */
describe('finding 6: sign-in throttling that a header cannot dodge and a stranger cannot turn against a user', () => {
  let clockMs = Date.now();
  const clock = () => new Date(clockMs).toISOString();
  let t: TestApi;
  const PROXY = '192.0.2.1';
  let direct: App;
  let proxied: App;
  beforeAll(async () => {
    t = await createTestApi({ clock });
    direct = t.app;
    proxied = createApp(t.deps, { trustedProxies: [PROXY, '198.51.100.0/24'] });
  });

  async function login(
    app: App,
    username: string,
    password: string,
    peer: string | { lambdaSourceIp: string },
    xff?: string,
  ) {
    const env =
      typeof peer === 'string'
        ? { incoming: { socket: { remoteAddress: peer } } }
        : { event: { requestContext: { http: { sourceIp: peer.lambdaSourceIp } } } };
    const res = await app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) },
        body: JSON.stringify({ username, password }),
      },
      env,
    );
    return { status: res.status, body: (await res.json()) as any, retryAfter: Number(res.headers.get('Retry-After')) };
  }

  it('does not let a made-up X-Forwarded-For reset the count: the peer address is what counts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await login(direct, 'jtj', `wrong-${i}`, '203.0.113.7', `10.1.1.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await login(direct, 'jtj', DEMO_PASSWORD, '203.0.113.7', '10.9.9.9');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/登录失败次数过多/);
    expect(limited.retryAfter).toBeGreaterThan(0);
    // In Lambda the address is API Gateway's source IP, whatever the header says.
    for (let i = 0; i < 5; i++)
      await login(direct, 'jyj', `wrong-${i}`, { lambdaSourceIp: '203.0.113.8' }, `10.2.2.${i}`);
    expectError(
      await login(direct, 'jyj', DEMO_PASSWORD, { lambdaSourceIp: '203.0.113.8' }, '10.3.3.3'),
      429,
      'RATE_LIMITED',
    );
  });

  it('reads X-Forwarded-For only from a trusted proxy, from the right, and a stranger cannot lock the real user out', async () => {
    for (let i = 0; i < 5; i++)
      expectError(await login(proxied, 'jjs', `wrong-${i}`, PROXY, '203.0.113.20'), 401, 'UNAUTHORIZED');
    expectError(await login(proxied, 'jjs', DEMO_PASSWORD, PROXY, '203.0.113.20'), 429, 'RATE_LIMITED');
    // The stranger cannot escape by prepending an address: only the entry the proxy wrote counts.
    expectError(await login(proxied, 'jjs', DEMO_PASSWORD, PROXY, '10.7.7.7, 203.0.113.20'), 429, 'RATE_LIMITED');
    // A proxy inside a trusted CIDR block is skipped as well.
    expectError(await login(proxied, 'jjs', DEMO_PASSWORD, PROXY, '203.0.113.20, 198.51.100.9'), 429, 'RATE_LIMITED');
    // The real user, from their own address, signs in at once.
    expect((await login(proxied, 'jjs', DEMO_PASSWORD, PROXY, '203.0.113.21')).status).toBe(200);
  });

  it('grows the delay per user name and address: 1, 2, 4 minutes; a success clears it', async () => {
    const from = '203.0.113.30';
    for (let i = 0; i < 5; i++) expectError(await login(direct, 'kjw', `wrong-${i}`, from), 401, 'UNAUTHORIZED');
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const r = await login(direct, 'kjw', 'wrong-again', from);
      expect(r.status).toBe(429);
      waits.push(r.retryAfter);
      clockMs += r.retryAfter * 1000 + 1000;
      expectError(await login(direct, 'kjw', 'wrong-after-wait', from), 401, 'UNAUTHORIZED');
    }
    expect(waits[0]).toBeGreaterThan(50);
    expect(waits[0]).toBeLessThanOrEqual(60);
    expect(waits[1]).toBeGreaterThan(110);
    expect(waits[1]).toBeLessThanOrEqual(120);
    expect(waits[2]).toBeGreaterThan(230);
    expect(waits[2]).toBeLessThanOrEqual(240);
    clockMs += 8 * 60_000 + 1000;
    expect((await login(direct, 'kjw', DEMO_PASSWORD, from)).status).toBe(200);
    expectError(await login(direct, 'kjw', 'one-typo', from), 401, 'UNAUTHORIZED');
    expect((await login(direct, 'kjw', DEMO_PASSWORD, from)).status).toBe(200);
  });

  it('caps password spraying: 30 failures across user names lock the address, not the others', async () => {
    const from = '203.0.113.40';
    for (let i = 0; i < 30; i++) expect((await login(direct, `spray${i}`, 'guess-1', from)).status).toBe(401);
    const r = await login(direct, 'ysg', DEMO_PASSWORD, from);
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('RATE_LIMITED');
    expect((await login(direct, 'ysg', DEMO_PASSWORD, '203.0.113.41')).status).toBe(200);
  });

  it('keeps the counters in the table, so a second server instance sees the same failures', async () => {
    const other = createApp(
      composeDeps({
        tableName: t.table,
        endpoint: inject('dynamoEndpoint'),
        auth: { mode: 'local', secret: randomBytes(32) },
        logger: { info() {}, warn() {}, error() {} },
        clock,
      }),
    );
    const from = '203.0.113.50';
    for (let i = 0; i < 3; i++) expectError(await login(direct, 'pszx', `wrong-${i}`, from), 401, 'UNAUTHORIZED');
    for (let i = 0; i < 2; i++) expectError(await login(other, 'pszx', `wrong-${i}`, from), 401, 'UNAUTHORIZED');
    expectError(await login(direct, 'pszx', DEMO_PASSWORD, from), 429, 'RATE_LIMITED');
    expectError(await login(other, 'pszx', DEMO_PASSWORD, from), 429, 'RATE_LIMITED');
  });
});
