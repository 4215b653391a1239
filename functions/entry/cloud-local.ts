import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadCatalog } from '../adapters/catalog/load-catalog';
import { composeDeps } from '../adapters/compose';
import { type LocalDynamo, startLocalDynamo } from '../adapters/dynamodb/local-server';
import { ensureTable } from '../adapters/dynamodb/table';
import { lambdaProxy } from '../adapters/http/lambda-proxy';
import { createStaticWeb } from '../adapters/http/static-web';
import { EMULATOR_CREDENTIALS, type EmulatedPool, startCognitoEmulator } from '../adapters/identity/cognito-emulator';
import { createJsonLogger } from '../adapters/logger';
import { installCatalog } from '../core/use-cases/catalog/install-catalog';
import { seedUsersInPool } from '../core/use-cases/identity/pool-users';
import type { Config } from './config';
import type { RunningServer } from './local-server';

/**
 * `npm run start:cloud-local`: the cloud shape on one machine. DynamoDB Local and cognito-local (both
 * under DATA_DIR), the Lambda handler (functions/entry/lambda.ts) configured by environment exactly as
 * in the cloud with AUTH_MODE=cognito, behind a local HTTP API (payload 2.0), and the web app.
 */
export async function startCloudLocal(config: Config, root = process.cwd()): Promise<RunningServer> {
  const dataDir = resolve(root, config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const logger = createJsonLogger(config.logLevel);
  let dynamo: LocalDynamo | undefined;
  let pool: EmulatedPool | undefined;
  try {
    let endpoint = config.dynamoEndpoint;
    if (!endpoint) {
      dynamo = await startLocalDynamo({ dbPath: join(dataDir, 'dynamodb') });
      endpoint = dynamo.endpoint;
    }
    pool = await startCognitoEmulator(join(dataDir, 'cognito'));
    Object.assign(process.env, {
      AUTH_MODE: 'cognito',
      TABLE_NAME: config.tableName,
      DYNAMODB_ENDPOINT: endpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'ap-southeast-1',
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? EMULATOR_CREDENTIALS.secretAccessKey,
      COGNITO_USER_POOL_ID: pool.userPoolId,
      COGNITO_CLIENT_ID: pool.clientId,
      COGNITO_ENDPOINT: pool.endpoint,
      COGNITO_ISSUER: pool.issuer,
      COGNITO_JWKS: JSON.stringify(pool.jwks),
    });
    const deps = composeDeps({
      tableName: config.tableName,
      endpoint,
      region: process.env.AWS_REGION,
      auth: { mode: 'cognito', ...pool },
      logger,
    });
    await ensureTable(deps.db.raw, config.tableName);
    const catalog = loadCatalog(join(root, 'forms'));
    await installCatalog(deps, catalog, config.demoPassword);
    await seedUsersInPool(deps, catalog.users, config.demoPassword);

    const { handler } = await import('./lambda');
    const toLambda = lambdaProxy(handler as Parameters<typeof lambdaProxy>[0]);
    const app = new Hono<{ Bindings: HttpBindings }>();
    app.all('/api/*', (c) => toLambda(c.req.raw, c.env.incoming.socket.remoteAddress ?? '127.0.0.1'));
    app.all('/api', (c) => toLambda(c.req.raw, c.env.incoming.socket.remoteAddress ?? '127.0.0.1'));
    app.get('*', createStaticWeb(join(root, 'web', 'dist')));
    const server = await new Promise<Server>((ok) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ok(s as Server));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const running = pool;
    return {
      url: `http://localhost:${port}`,
      port,
      async stop() {
        await new Promise<void>((ok) => server.close(() => ok()));
        await running.stop();
        await dynamo?.stop();
      },
    };
  } catch (err) {
    await pool?.stop();
    await dynamo?.stop();
    throw err;
  }
}
