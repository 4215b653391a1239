import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, getToken, setToken, setUnauthorizedHandler } from '../../web/src/api/client';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const expired = () => json({ error: { code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' } }, 401);

/** A server whose valid token is `fresh`; /api/auth/refresh answers `refresh()` and counts its calls. */
function server(refresh: () => Response) {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const auth = new Headers(init?.headers).get('authorization');
    calls.push(`${init?.method ?? 'GET'} ${path} ${auth ?? '-'}`);
    if (path === '/api/auth/refresh') return refresh();
    return auth === 'Bearer fresh' ? json({ ok: path }) : expired();
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

describe('the API client renews an expired cloud sign-in once from the refresh cookie', () => {
  let signedOut = 0;
  beforeEach(() => {
    signedOut = 0;
    setUnauthorizedHandler(() => signedOut++);
    setToken('stale');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    setToken(null);
  });

  it('stores the new token and sends the same request again; parallel requests share one refresh', async () => {
    const calls = server(() => json({ token: 'fresh', expiresAt: '2026-12-01T00:00:00Z' }));
    const [a, b] = await Promise.all([api('GET', '/api/inbox'), api('POST', '/api/x', { n: 1 })]);
    expect(a).toEqual({ ok: '/api/inbox' });
    expect(b).toEqual({ ok: '/api/x' });
    expect(getToken()).toBe('fresh');
    expect(calls.filter((c) => c.startsWith('POST /api/auth/refresh'))).toHaveLength(1);
    expect(signedOut).toBe(0);
  });

  it('sends the user to 登录 when there is nothing to refresh (local identity answers 204)', async () => {
    const calls = server(() => new Response(null, { status: 204 }));
    const err = await api('GET', '/api/inbox').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('UNAUTHORIZED');
    expect(getToken()).toBeNull();
    expect(signedOut).toBe(1);
    expect(calls.filter((c) => c.startsWith('GET /api/inbox'))).toHaveLength(1);
  });

  it('sends the user to 登录 when the refresh itself is refused (disabled or reset), without a loop', async () => {
    const calls = server(() => expired());
    const err = await api('GET', '/api/inbox').catch((e) => e);
    expect((err as ApiError).status).toBe(401);
    expect(signedOut).toBe(1);
    expect(calls).toHaveLength(2);
  });
});
