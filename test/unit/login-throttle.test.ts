import { describe, expect, it } from 'vitest';
import { RateLimitedError, UnauthorizedError } from '../../functions/core/errors';
import type { Deps, LoginFailureCounter, LoginThrottleStore } from '../../functions/core/ports';
import { LOGIN_POLICY, throttledLogin } from '../../functions/core/use-cases/identity/login-throttle';

/** Issue 16, finding 6: the throttle policy itself (the DynamoDB store is exercised in test/api/rate-limit.test.ts). */
function memoryStore(): LoginThrottleStore {
  const items = new Map<string, LoginFailureCounter>();
  return {
    async read(keys) {
      return keys.map((k) => items.get(JSON.stringify(k)) ?? null);
    },
    async addFailure(k, at, _expiresAt, resetBefore) {
      const key = JSON.stringify(k);
      const c = items.get(key);
      const stale = !c || (resetBefore !== undefined && c.lastFailureAt < resetBefore);
      items.set(key, { failures: stale ? 1 : c.failures + 1, lastFailureAt: at });
    },
    async clear(key) {
      items.delete(JSON.stringify(key));
    },
  };
}

function harness() {
  let now = Date.parse('2026-11-30T08:00:00Z');
  const deps = { loginThrottle: memoryStore(), clock: { now: () => new Date(now).toISOString() } } as unknown as Deps;
  const fail = () => Promise.reject(new UnauthorizedError('用户名或密码错误'));
  const ok = () => Promise.resolve('token');
  const attempt = async (username: string, address: string, good = false) => {
    try {
      await throttledLogin(deps, { username, address }, good ? ok : fail);
      return 200;
    } catch (err) {
      if (err instanceof RateLimitedError) return 429;
      if (err instanceof UnauthorizedError) return 401;
      throw err;
    }
  };
  const advance = (ms: number) => {
    now += ms;
  };
  return { attempt, advance };
}

describe('finding 6: the sign-in throttle policy', () => {
  it('locks a user name tried from many addresses after 100 failures in the hour, until the hour ends', async () => {
    const h = harness();
    for (let i = 0; i < LOGIN_POLICY.userMaxFailures; i++)
      expect(await h.attempt('jtj', `10.0.${i >> 8}.${i & 255}`)).toBe(401);
    expect(await h.attempt('jtj', '203.0.113.99', true)).toBe(429);
    expect(await h.attempt('jyj', '203.0.113.99', true)).toBe(200);
    h.advance(LOGIN_POLICY.userWindowMs);
    expect(await h.attempt('jtj', '203.0.113.99', true)).toBe(200);
  });

  it('caps the growing delay at 15 minutes, and forgets a pair after 24 h without failures', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) await h.attempt('kjw', '10.1.1.1');
    for (let i = 0; i < 8; i++) {
      h.advance(LOGIN_POLICY.maxLockMs);
      expect(await h.attempt('kjw', '10.1.1.1')).toBe(401);
    }
    expect(await h.attempt('kjw', '10.1.1.1', true)).toBe(429);
    h.advance(LOGIN_POLICY.maxLockMs);
    expect(await h.attempt('kjw', '10.1.1.1')).toBe(401);
    h.advance(LOGIN_POLICY.pairMemoryMs + 1000);
    for (let i = 0; i < 5; i++) expect(await h.attempt('kjw', '10.1.1.1')).toBe(401);
  });

  it('does not count a storage fault as a failed password', async () => {
    const h = harness();
    let calls = 0;
    const deps = {
      loginThrottle: {
        read: async () => [null, null, null],
        addFailure: async () => void calls++,
        clear: async () => {},
      },
      clock: { now: () => new Date().toISOString() },
    } as unknown as Deps;
    await expect(
      throttledLogin(deps, { username: 'a', address: 'b' }, () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(calls).toBe(0);
    expect(await h.attempt('x', 'y', true)).toBe(200);
  });
});
