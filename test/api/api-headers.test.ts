import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

/**
 * Every API answer carries the request id and the API's security headers (functions/api/app.ts), whatever produced
 * it, and setting them does not rebuild the answer.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

describe('API answers and their headers', () => {
  it('a success, a refusal, an unknown path, a wrong body type and a body too large all carry them', async () => {
    const token = await api.token('jtj');
    const answers = [
      await api.app.request('/api/me', { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'abc-123' } }),
      await api.app.request('/api/me'),
      await api.app.request('/api/no-such-thing', { headers: { authorization: `Bearer ${token}` } }),
      await api.app.request('/api/submissions', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
        body: 'x',
      }),
      await api.app.request('/api/submissions', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ formId: 'project-target', data: { pad: 'x'.repeat(1_100_000) } }),
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 415, 413]);
    const codes = await Promise.all(answers.slice(1).map(async (r) => (await r.json()).error.code));
    expect(codes).toEqual(['UNAUTHORIZED', 'NOT_FOUND', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE']);
    for (const r of answers) {
      for (const [name, value] of Object.entries(API_HEADERS)) expect(r.headers.get(name), name).toBe(value);
      expect(r.headers.get('x-request-id')).toMatch(/^[\w-]{1,64}$/);
    }
    expect(answers[0].headers.get('x-request-id')).toBe('abc-123');
    expect(answers[0].headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('a request id sent with other characters is cleaned, and a long one cut to 64 characters', async () => {
    const odd = await api.app.request('/api/health', { headers: { 'x-request-id': 'a<b>c d;e' } });
    expect(odd.headers.get('x-request-id')).toBe('abcde');
    const long = await api.app.request('/api/health', { headers: { 'x-request-id': 'z'.repeat(300) } });
    expect(long.headers.get('x-request-id')).toBe('z'.repeat(64));
  });

  it('the headers are set on the answer itself: one Response is made for a JSON answer, not one per header', async () => {
    const token = await api.token('jtj');
    const Original = globalThis.Response;
    let made = 0;
    globalThis.Response = new Proxy(Original, {
      construct(target, args, newTarget) {
        made++;
        return Reflect.construct(target, args, newTarget);
      },
    });
    let res: Response;
    try {
      res = await api.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    } finally {
      globalThis.Response = Original;
    }
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe('jtj');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(made).toBe(1);
  });
});
