import { RateLimitedError, UnauthorizedError } from '../../errors';
import type { Deps, LoginFailureCounter, LoginThrottleKey } from '../../ports';

/**
 * Sign-in throttling (issue 16, finding 6). What a bureau of ~150 users needs: a typo never locks anyone
 * out for long, a guesser gets a handful of tries per hour, and a stranger cannot keep a colleague out.
 *
 * - per user name **and** address: 5 failures free, then each further failure locks that pair for 1, 2,
 *   4, 8, then at most 15 minutes; a success clears it, 24 h without failures forget it. A stranger
 *   elsewhere only locks their own pair: the real user's correct password from their own address is
 *   never refused by it.
 * - per address, across user names (password spraying): 30 failures in a 15-minute window lock the
 *   address until the window ends.
 * - per user name, across addresses (guessing from many machines): 100 failures in an hour lock the
 *   name until the hour ends; the only way a stranger can delay a real user, and only with many
 *   addresses, for at most an hour at a time.
 * The counters are items in the table (LoginThrottleStore), so every Lambda instance sees the same ones.
 */
export const LOGIN_POLICY = {
  freeFailures: 5,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  pairMemoryMs: 24 * 3600_000,
  addressWindowMs: 15 * 60_000,
  addressMaxFailures: 30,
  userWindowMs: 3600_000,
  userMaxFailures: 100,
};

interface Limit {
  key: LoginThrottleKey;
  /** When the counter, as read, stops refusing (null: it does not refuse). */
  until(counter: LoginFailureCounter | null, now: number): number | null;
  /** Epoch seconds when the item may be deleted (TTL). */
  expiresAt: number;
  /** Counters whose last failure is older than this start again (the pair's memory). */
  resetBefore?: string;
}

function limits(username: string, address: string, now: number): Limit[] {
  const p = LOGIN_POLICY;
  const name = username.normalize('NFC').toLowerCase();
  const addrWindow = Math.floor(now / p.addressWindowMs) * p.addressWindowMs;
  const userWindow = Math.floor(now / p.userWindowMs) * p.userWindowMs;
  const seconds = (ms: number) => Math.ceil(ms / 1000);
  return [
    {
      key: { scope: 'nameAddress', name, address },
      until: (c, t) => {
        if (!c || c.failures < p.freeFailures) return null;
        const last = Date.parse(c.lastFailureAt);
        if (t - last > p.pairMemoryMs) return null;
        const lock = Math.min(p.firstLockMs * 2 ** (c.failures - p.freeFailures), p.maxLockMs);
        return last + lock;
      },
      expiresAt: seconds(now + p.pairMemoryMs),
      resetBefore: new Date(now - p.pairMemoryMs).toISOString(),
    },
    {
      key: { scope: 'address', address, windowStart: addrWindow },
      until: (c) => (c && c.failures >= p.addressMaxFailures ? addrWindow + p.addressWindowMs : null),
      expiresAt: seconds(addrWindow + p.addressWindowMs * 2),
    },
    {
      key: { scope: 'name', name, windowStart: userWindow },
      until: (c) => (c && c.failures >= p.userMaxFailures ? userWindow + p.userWindowMs : null),
      expiresAt: seconds(userWindow + p.userWindowMs * 2),
    },
  ];
}

/** Wraps a password check: refused (429) while any limit holds, failures counted, a success clears the pair. */
export async function throttledLogin<T>(
  deps: Deps,
  who: { username: string; address: string },
  attempt: () => Promise<T>,
  /** A success that is not yet a sign-in (the password was right, a second factor is still due) keeps the counters. */
  unfinished?: (result: T) => boolean,
): Promise<T> {
  const nowIso = deps.clock.now();
  const now = Date.parse(nowIso);
  const all = limits(who.username, who.address, now);
  const counters = await deps.loginThrottle.read(
    all.map((l) => l.key),
    nowIso,
  );
  const until = Math.max(0, ...all.map((l, i) => l.until(counters[i], now) ?? 0));
  if (until > now) {
    const wait = Math.ceil((until - now) / 1000);
    const text = wait >= 60 ? `${Math.ceil(wait / 60)} 分钟` : `${wait} 秒`;
    throw new RateLimitedError(`登录失败次数过多，请 ${text}后再试`, wait);
  }
  try {
    const result = await attempt();
    if (!unfinished?.(result)) await deps.loginThrottle.clear(all[0].key);
    return result;
  } catch (err) {
    // Only a refused password counts; a storage fault is not the user's failure.
    if (err instanceof UnauthorizedError)
      await Promise.all(all.map((l) => deps.loginThrottle.addFailure(l.key, nowIso, l.expiresAt, l.resetBefore)));
    throw err;
  }
}
