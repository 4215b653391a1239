import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { handle } from 'hono/aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCatalog } from '../../functions/adapters/catalog/load-catalog';
import { composeDeps } from '../../functions/adapters/compose';
import { ensureTable } from '../../functions/adapters/dynamodb/table';
import { createApp } from '../../functions/api/app';
import { installCatalog } from '../../functions/core/use-cases/install-catalog';
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
});
