import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { handle } from 'hono/aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCatalog } from '../../functions/adapters/catalog/load-catalog';
import { composeDeps } from '../../functions/adapters/compose';
import { ensureTable } from '../../functions/adapters/dynamodb/table';
import { lambdaProxy } from '../../functions/adapters/http/lambda-proxy';
import { createApp } from '../../functions/api/app';
import { installCatalog } from '../../functions/core/use-cases/catalog/install-catalog';
import { DEMO_PASSWORD } from '../support/api';

/**
 * The Lambda entry, in process, with API Gateway HTTP API (payload v2) events against a table in the
 * run's DynamoDB Local.
 */
const table = `lambda_${process.pid}_${randomBytes(3).toString('hex')}`;
const jwtSecret = randomBytes(32).toString('hex');

function event(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'api.example.gov.cn',
      'x-forwarded-proto': 'https',
      ...(text ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.gov.cn',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: `req-${randomBytes(4).toString('hex')}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: text,
    isBase64Encoded: false,
  };
}

type Handler = (
  event: any,
  context?: any,
) => Promise<{ statusCode: number; body: string; headers?: Record<string, string>; isBase64Encoded?: boolean }>;

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  const deps = composeDeps({
    tableName: table,
    endpoint,
    auth: { mode: 'local', secret: new TextEncoder().encode(jwtSecret) },
    logger: { info() {}, warn() {}, error() {} },
  });
  await ensureTable(deps.db.raw, table);
  await installCatalog(deps, loadCatalog(join(process.cwd(), 'forms')), DEMO_PASSWORD);
});

async function exercise(handler: Handler) {
  const health = await handler(event('GET', '/api/health'), {});
  expect(health.statusCode).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ ok: true });

  const login = await handler(event('POST', '/api/auth/login', { username: 'jtj', password: DEMO_PASSWORD }), {});
  expect(login.statusCode, login.body).toBe(200);
  const signedIn = JSON.parse(login.body);
  expect(signedIn.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(signedIn.user).toMatchObject({ username: 'jtj', unitId: 'jtj' });

  const me = await handler(event('GET', '/api/me', undefined, { authorization: `Bearer ${signedIn.token}` }), {});
  expect(me.statusCode).toBe(200);
  expect(JSON.parse(me.body).username).toBe('jtj');

  const bad = await handler(event('POST', '/api/auth/login', { username: 'jtj', password: 'wrong-password' }), {});
  expect(bad.statusCode).toBe(401);
  expect(JSON.parse(bad.body).error.message).toMatch(/[\u4e00-\u9fa5]/);
}

describe('Lambda entry (API Gateway HTTP API, payload v2)', () => {
  it('serves /api/health and /api/auth/login through hono/aws-lambda handle(createApp(deps)) against DynamoDB Local', async () => {
    const deps = composeDeps({
      tableName: table,
      endpoint: inject('dynamoEndpoint'),
      auth: { mode: 'local', secret: new TextEncoder().encode(jwtSecret) },
      logger: { info() {}, warn() {}, error() {} },
    });
    await exercise(handle(createApp(deps)) as unknown as Handler);
  });

  it('serves the same requests through the real functions/entry/lambda.ts handler configured by environment (TABLE_NAME, DYNAMODB_ENDPOINT, JWT_SECRET)', async () => {
    process.env.TABLE_NAME = table;
    process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
    process.env.JWT_SECRET = jwtSecret;
    process.env.AUTH_MODE = 'local';
    process.env.AWS_REGION = 'ap-southeast-1';
    // Guard rails: nothing may leave the machine if the entry ignored DYNAMODB_ENDPOINT.
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    process.env.AWS_MAX_ATTEMPTS = '1';
    const { handler } = await import('../../functions/entry/lambda');
    await exercise(handler as unknown as Handler);
  });

  it('the local HTTP API of start:cloud-local turns requests into payload 2.0 events and answers back: body, query, cookies in and out', async () => {
    const deps = composeDeps({
      tableName: table,
      endpoint: inject('dynamoEndpoint'),
      auth: { mode: 'local', secret: new TextEncoder().encode(jwtSecret) },
      logger: { info() {}, warn() {}, error() {} },
    });
    const events: {
      rawPath: string;
      rawQueryString: string;
      cookies?: string[];
      headers: Record<string, string>;
      requestContext: { http: { method: string; sourceIp: string } };
    }[] = [];
    const lambda = handle(createApp(deps)) as unknown as Handler;
    const proxy = lambdaProxy(async (e, ctx) => {
      events.push(e as (typeof events)[number]);
      return lambda(e, ctx);
    });
    const at = (path: string, init?: RequestInit) =>
      proxy(new Request(`http://127.0.0.1:3999${path}`, init), '10.1.2.3');
    const login = await at('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jtj', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    expect(events[0]).toMatchObject({ version: '2.0', rawPath: '/api/auth/login', isBase64Encoded: true });
    expect(events[0].requestContext.http).toMatchObject({ method: 'POST', sourceIp: '10.1.2.3' });
    const list = await at('/api/submissions?limit=1', { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    expect(events[1].rawQueryString).toBe('limit=1');
    expect(Array.isArray(((await list.json()) as { items: unknown[] }).items)).toBe(true);
    // A refresh cookie reaches the app as the event's cookies; the app's Set-Cookie comes back as a header.
    const refresh = await at('/api/auth/refresh', {
      method: 'POST',
      headers: { cookie: 'a=1; jx_refresh=not-a-token' },
    });
    expect(events[2].cookies).toEqual(['a=1', 'jx_refresh=not-a-token']);
    expect(events[2].headers.cookie).toBeUndefined();
    expect(refresh.status).toBe(401);
    expect(refresh.headers.get('set-cookie')).toMatch(/^jx_refresh=;.*Max-Age=0.*Path=\/api\/auth/);
    const none = await at('/api/auth/refresh', { method: 'POST' });
    expect(none.status).toBe(204);
    expect(await none.text()).toBe('');
  });
});
