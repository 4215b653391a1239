import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_TIMEOUTS } from '../../functions/adapters/aws-calls';
import { composeDeps } from '../../functions/adapters/compose';
import { createCognitoPool } from '../../functions/adapters/identity/cognito-pool';
import { createS3FileStore } from '../../functions/adapters/storage/s3-file-store';
import { createApp } from '../../functions/api/app';

/** The API function's timeout (infra/stacks/api-stack.ts): a request must be answered before it. */
const LAMBDA_TIMEOUT_MS = 25_000;
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const closers: (() => void)[] = [];

afterAll(() => {
  for (const close of closers) close();
});

/**
 * An endpoint that accepts every connection, reads the request and never answers: what a service that hangs (a
 * stalled DynamoDB Local, a network path that drops replies) looks like to the SDK. `requests` holds each request
 * received as its call and key: `GetItem USER#jtj` for DynamoDB, the request line for the others.
 */
async function hangingEndpoint(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      const [head, body] = text.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (body === undefined || Buffer.byteLength(body) < length) return;
      const target = /X-Amz-Target: DynamoDB_\d+\.(\S+)/i.exec(head)?.[1];
      requests.push(target ? `${target} ${JSON.parse(body).Key?.PK?.S ?? ''}` : head.split('\r\n')[0]);
      text = '';
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  closers.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, requests };
}

/** How many times each call was tried. */
function attemptsOf(requests: string[]): Map<string, number> {
  const attempts = new Map<string, number>();
  for (const call of requests) attempts.set(call, (attempts.get(call) ?? 0) + 1);
  return attempts;
}

/** Runs `call`, returning how long it took and what it threw. */
async function timed(
  call: () => Promise<unknown>,
): Promise<{ ms: number; error: { code?: string; message?: string } | undefined }> {
  const started = Date.now();
  try {
    await call();
    return { ms: Date.now() - started, error: undefined };
  } catch (error) {
    return { ms: Date.now() - started, error: error as { code?: string; message?: string } };
  }
}

/**
 * Runs `call` against a hanging service: it must fail as UNAVAILABLE with `message`, after `attempts` tries of the
 * one request `request`, each waiting out its own timeout, and end before the function's timeout.
 */
async function expectUnavailable(
  service: { requests: string[] },
  call: () => Promise<unknown>,
  expected: { message: string; request: string; attempts: number },
): Promise<void> {
  const { ms, error } = await timed(call);
  expect(error?.code).toBe('UNAVAILABLE');
  expect(error?.message).toBe(expected.message);
  expect(Object.fromEntries(attemptsOf(service.requests))).toEqual({ [expected.request]: expected.attempts });
  expect(ms).toBeGreaterThanOrEqual(expected.attempts * CALL_TIMEOUTS.requestTimeout - 500);
  expect(ms).toBeLessThan(LAMBDA_TIMEOUT_MS);
}

describe.concurrent('a service that stops answering', () => {
  it('DynamoDB: the request answers 503 with Retry-After and a Chinese message, after bounded attempts, in time', async () => {
    const store = await hangingEndpoint();
    const silent = { info() {}, warn() {}, error() {} };
    const deps = composeDeps({
      tableName: 'hanging',
      endpoint: store.url,
      auth: { mode: 'local', secret: randomBytes(32) },
      logger: silent,
    });
    const app = createApp(deps);
    let res = new Response();
    const { ms } = await timed(async () => {
      res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'jtj', password: 'demo1234' }),
      });
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(503);
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.message).toBe('数据服务暂时无法连接，请稍后重试');
    expect(res.headers.get('retry-after')).toBe('2');
    // Each call the sign-in made (its reads run side by side) had the SDK's 4 attempts, each waiting out its own
    // timeout on a new connection, and all of them ended in time.
    const attempts = attemptsOf(store.requests);
    expect(attempts.size).toBeGreaterThan(0);
    expect([...attempts.values()], JSON.stringify(Object.fromEntries(attempts))).toEqual(
      [...attempts.values()].map(() => 4),
    );
    expect(ms).toBeGreaterThanOrEqual(4 * CALL_TIMEOUTS.requestTimeout - 500);
    expect(ms).toBeLessThan(LAMBDA_TIMEOUT_MS);
  }, 60_000);

  it('S3 (attachments): a call ends as 503 文件存储暂时无法连接 after 3 attempts, in time', async () => {
    const s3 = await hangingEndpoint();
    const files = createS3FileStore({ bucket: 'attachments', endpoint: s3.url, client: { credentials: CREDENTIALS } });
    await expectUnavailable(s3, () => files.size('incoming/u1/a1'), {
      message: '文件存储暂时无法连接，请稍后重试',
      request: 'HEAD /attachments/incoming/u1/a1 HTTP/1.1',
      attempts: 3,
    });
  }, 60_000);

  it('Cognito (sign-in in the cloud): ends as 503 身份认证服务暂时不可用 after 3 attempts, in time', async () => {
    const cognito = await hangingEndpoint();
    const pool = createCognitoPool({
      userPoolId: 'ap-southeast-1_local',
      clientId: 'client',
      region: 'ap-southeast-1',
      endpoint: cognito.url,
      sdk: { credentials: CREDENTIALS },
    });
    await expectUnavailable(cognito, () => pool.signIn('jtj', 'demo1234'), {
      message: '身份认证服务暂时不可用，请稍后再试',
      request: 'POST / HTTP/1.1',
      attempts: 3,
    });
  }, 60_000);
});

describe.concurrent('a service that refuses or is busy', () => {
  it('DynamoDB that refuses the connection: the sign-in answers 503 数据服务暂时无法连接, quickly', async () => {
    // A port nobody listens on: every attempt is refused at once.
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((ok) => probe.close(ok));
    const deps = composeDeps({
      tableName: 'refused',
      endpoint: `http://127.0.0.1:${port}`,
      auth: { mode: 'local', secret: randomBytes(32) },
      logger: { info() {}, warn() {}, error() {} },
    });
    const res = await createApp(deps).request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jtj', password: 'demo1234' }),
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(503);
    expect(body.error).toMatchObject({ code: 'UNAVAILABLE', message: '数据服务暂时无法连接，请稍后重试' });
  }, 60_000);

  it('S3 answering SlowDown on every attempt: the call ends as 503 文件存储暂时无法连接, not a bare error', async () => {
    const requests: string[] = [];
    const server = createHttpServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>',
      );
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    closers.push(() => server.close());
    const address = server.address();
    const endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const files = createS3FileStore({ bucket: 'attachments', endpoint, client: { credentials: CREDENTIALS } });
    const { error } = await timed(() => files.head('incoming/u1/a1', 16));
    expect(error?.code).toBe('UNAVAILABLE');
    expect(error?.message).toBe('文件存储暂时无法连接，请稍后重试');
    // The SDK's own retries of a throttled call (3 attempts) came first.
    expect(requests).toEqual(Array(3).fill('GET /attachments/incoming/u1/a1?x-id=GetObject'));
  }, 60_000);
});
