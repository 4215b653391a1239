import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

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
    expect(((await limited?.json()) as { error: { message: string } }).error.message).toMatch(/请求过于频繁/);
    expect((await api.call('GET', '/api/me', { as: 'kjw' })).status).toBe(200);
  });
});
