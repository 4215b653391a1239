import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDeps } from '../../functions/adapters/compose';
import { DYNAMO_TIMEOUTS } from '../../functions/adapters/dynamodb/client';
import { createApp } from '../../functions/api/app';

/** The API function's timeout (infra/stacks/api-stack.ts): a request must be answered before it. */
const LAMBDA_TIMEOUT_MS = 25_000;

/**
 * A DynamoDB endpoint that accepts every connection, reads the request and never answers: what a store that hangs
 * (a stalled DynamoDB Local, a network path that drops replies) looks like to the SDK.
 */
let server: ReturnType<typeof createServer>;
let endpoint = '';
/** Each request received, as its call and key (`GetItem USER#jtj`). */
const requests: string[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.push(socket);
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      const [head, body] = text.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
      if (body === undefined || Buffer.byteLength(body) < length) return;
      // The call and the key it reads, e.g. "GetItem USER#jtj".
      const target = /X-Amz-Target: DynamoDB_\d+\.(\S+)/i.exec(head)?.[1];
      requests.push(`${target} ${JSON.parse(body).Key?.PK?.S ?? ''}`);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((ok) => server.close(ok));
});

describe('a store that stops answering', () => {
  it('answers 503 with Retry-After and a Chinese message before the function times out, after bounded attempts', async () => {
    const silent = { info() {}, warn() {}, error() {} };
    const deps = composeDeps({
      tableName: 'hanging',
      endpoint,
      auth: { mode: 'local', secret: randomBytes(32) },
      logger: silent,
    });
    const app = createApp(deps);
    const started = Date.now();
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jtj', password: 'demo1234' }),
    });
    const elapsed = Date.now() - started;
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(503);
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.message).toBe('数据服务暂时无法连接，请稍后重试');
    expect(res.headers.get('retry-after')).toBe('2');
    // Each call the login made (they run side by side) had the SDK's 4 attempts, each waiting out its own timeout
    // on a new connection, and all of them ended in time.
    const attempts = new Map<string, number>();
    for (const call of requests) attempts.set(call, (attempts.get(call) ?? 0) + 1);
    expect(attempts.size).toBeGreaterThan(0);
    expect([...attempts.values()], JSON.stringify(Object.fromEntries(attempts))).toEqual(
      [...attempts.values()].map(() => 4),
    );
    expect(elapsed).toBeGreaterThanOrEqual(4 * DYNAMO_TIMEOUTS.requestTimeout - 500);
    expect(elapsed).toBeLessThan(LAMBDA_TIMEOUT_MS);
  }, 60_000);
});
