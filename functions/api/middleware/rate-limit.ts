import { RateLimitedError } from '../../core/errors';

/** Fixed-window counters per key, in memory (local server: one process). */
export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key: string): void {
      const t = now();
      const w = windows.get(key);
      if (!w || t - w.start >= 60_000) {
        if (windows.size > 10_000) windows.clear();
        windows.set(key, { start: t, count: 1 });
        return;
      }
      w.count += 1;
      if (w.count > perMinute) {
        throw new RateLimitedError('请求过于频繁，请稍后再试', Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000)));
      }
    },
  };
}
