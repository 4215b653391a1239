import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { expectError } from '../support/proof';

/**
 * Non-admin routes read their body through `jsonBody` (functions/api/validated.ts): a body that is
 * absent or has the wrong shape still gets the app's own Chinese 422 with field paths, never Hono's
 * English "Malformed JSON" 400.
 */
let api: TestApi;
let draft: string;

beforeAll(async () => {
  api = await createTestApi();
  draft = (await api.createProjectTarget('jtj')).id;
});

/** A raw request as jtj: `body` sent as is with a JSON Content-Type. */
async function send(method: string, path: string, body: string, headers: Record<string, string> = {}) {
  const res = await api.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.token('jtj')}`, ...headers },
    body,
  });
  return { status: res.status, body: await res.json() };
}

const paths = (r: { body: { error: { details: { path: string }[] } } }) => r.body.error.details.map((d) => d.path);

describe('a converted route answers a bad body with the app’s own 422', () => {
  it('POST /api/submissions/:id/validate with an empty JSON body: 422 VALIDATION_FAILED at /data', async () => {
    const r = await send('POST', `/api/submissions/${draft}/validate`, '', { 'content-length': '0' });
    expectError(r, 422, 'VALIDATION_FAILED');
    expect(r.body.error.message).toBe('请求内容不正确');
    expect(JSON.stringify(r.body)).not.toMatch(/Malformed/i);
    expect(paths(r)).toEqual(['/data']);
  });

  it('POST /api/submissions/:id/validate with data of the wrong type: 422 at /data', async () => {
    const r = await send('POST', `/api/submissions/${draft}/validate`, JSON.stringify({ data: '文本' }));
    expectError(r, 422, 'VALIDATION_FAILED');
    expect(paths(r)).toEqual(['/data']);
  });

  it('POST /api/submissions with a field the server owns: 422 naming it, nothing created', async () => {
    const before = (await api.json('GET', '/api/submissions?limit=100', { as: 'jtj' })).body.items.length;
    const r = await send('POST', '/api/submissions', JSON.stringify({ formId: 'project-target', status: 'approved' }));
    expectError(r, 422, 'VALIDATION_FAILED');
    expect(JSON.stringify(r.body.error.details)).toContain('status');
    expect((await api.json('GET', '/api/submissions?limit=100', { as: 'jtj' })).body.items).toHaveLength(before);
  });
});

describe('a route that checks its address first keeps that order', () => {
  it('PUT /api/admin/calendar/:year answers 404 for a year that cannot exist before looking at the body', async () => {
    const bad = { holidays: '不是列表' };
    const r = await api.json('PUT', '/api/admin/calendar/20x7', { as: 'admin', body: bad });
    expectError(r, 404, 'NOT_FOUND');
    const body = await api.json('PUT', '/api/admin/calendar/2027', { as: 'admin', body: bad });
    expectError(body, 422, 'VALIDATION_FAILED');
    expect(paths(body)).toContain('/holidays');
  });
});

describe('the body is parsed once', () => {
  it('POST /api/submissions/:id/validate parses its JSON text exactly once, however large', async () => {
    const body = JSON.stringify({ data: { projectName: '一次解析', note: 'x'.repeat(50_000) } });
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const r = await send('POST', `/api/submissions/${draft}/validate`, body);
      expect(r.status).toBe(200);
      expect(parse.mock.calls.filter(([text]) => text === body)).toHaveLength(1);
    } finally {
      parse.mockRestore();
    }
  });
});
