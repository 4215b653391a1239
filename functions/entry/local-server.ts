import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { loadCatalog } from '../adapters/catalog/load-catalog';
import { catalogFingerprint, catalogInstalled, markCatalogInstalled } from '../adapters/catalog/seed-marker';
import { composeDeps } from '../adapters/compose';
import { type LocalDynamo, startLocalDynamo } from '../adapters/dynamodb/local-server';
import { ensureTable } from '../adapters/dynamodb/table';
import { createStaticWeb } from '../adapters/http/static-web';
import { createJsonLogger } from '../adapters/logger';
import { type MailCatcher, startMailCatcher } from '../adapters/mail/mail-catcher';
import { createSmtpSender } from '../adapters/mail/smtp-sender';
import { type App, createApp } from '../api/app';
import type { Logger } from '../core/ports';
import { sweepOrphanAttachments } from '../core/use-cases/attachments/sweep-attachments';
import { installCatalog } from '../core/use-cases/catalog/install-catalog';
import { ensureStatusCounts } from '../core/use-cases/dashboard/get-dashboard';
import type { Config } from './config';

/** A JWT secret kept beside the data, so tokens survive restarts (local mode only). */
function localSecret(dataDir: string, configured?: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const path = join(dataDir, 'jwt-secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return new TextEncoder().encode(readFileSync(path, 'utf8').trim());
}

const LOCAL_FROM = '绩效平台 <noreply@jixiao.local>';

/**
 * The local mail catcher (smtp-server, a devDependency like the web build's vite): every message lands in
 * DATA_DIR/outbox as .eml. Without it (port taken, a production-only install) email is off, with a log line.
 */
async function startLocalMail(dir: string, port: number, logger: { info: Logger['info']; warn: Logger['warn'] }) {
  try {
    const catcher = await startMailCatcher(dir, port);
    logger.info('mail catcher', { smtp: `${catcher.host}:${catcher.port}`, outbox: dir });
    return catcher;
  } catch (err) {
    logger.warn('mail catcher not started: no email is sent', { error: String(err) });
    return undefined;
  }
}

/** The API and the built web app on one origin: the API answers every /api path itself (JSON, 404 included). */
export function localApp(api: App, distDir: string): Hono {
  const app = new Hono();
  app.route('/', api);
  app.get('*', createStaticWeb(distDir));
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The whole platform on one port: DynamoDB Local (JVM) under DATA_DIR, the table, idempotent seed of
 * the built-in organisation, users, chains and forms, the API and the built web app.
 */
export async function startLocalServer(
  config: Config,
  root = process.cwd(),
  /** DynamoDB Local already starting (the entry spawns it first); otherwise started here when no endpoint is set. */
  starting?: Promise<LocalDynamo>,
): Promise<RunningServer> {
  const dataDir = resolve(root, config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const logger = createJsonLogger(config.logLevel);
  let dynamo: LocalDynamo | undefined;
  let catcher: MailCatcher | undefined;
  try {
    if (!config.dynamoEndpoint) starting ??= startLocalDynamo({ dbPath: join(dataDir, 'dynamodb') });
    starting?.catch(() => undefined); // a failed start is reported where it is awaited, below
    // What needs no database is done while the JVM starts.
    catcher = await startLocalMail(join(dataDir, 'outbox'), config.mail.catcherPort, logger);
    const catalog = loadCatalog(join(root, 'forms'));
    const fingerprint = catalogFingerprint(catalog);
    dynamo = await starting;
    const endpoint = dynamo?.endpoint ?? config.dynamoEndpoint;
    const deps = composeDeps({
      tableName: config.tableName,
      endpoint,
      region: config.region,
      auth: { mode: 'local', secret: localSecret(dataDir, config.jwtSecret) },
      logger,
      mail: catcher && {
        sender: createSmtpSender({ host: catcher.host, port: catcher.port, from: config.mail.from ?? LOCAL_FROM }),
        appUrl: config.mail.appUrl ?? `http://localhost:${config.port}`,
      },
      // Attachment bytes live beside the data; upload addresses are signed with the same local secret.
      storage: { mode: 'local', dir: join(dataDir, 'files'), secret: localSecret(dataDir, config.jwtSecret) },
    });
    // With data present, the marker read also shows that the table is there: no DescribeTable first.
    const installed = await catalogInstalled(deps.db, fingerprint).catch((err: Error) => {
      if (err.name !== 'ResourceNotFoundException') throw err;
      return undefined;
    });
    if (installed === undefined) await ensureTable(deps.db.raw, config.tableName);
    // The same catalog installed before: one read, no per-item checks.
    if (!installed) {
      const seeded = await installCatalog(deps, catalog, config.demoPassword);
      await markCatalogInstalled(deps.db, fingerprint, new Date().toISOString());
      logger.info('catalog installed', { created: seeded.created.length });
    }
    if (await ensureStatusCounts(deps)) logger.info('status counters rebuilt from the submissions');
    const app = localApp(
      createApp(deps, { rateLimitPerMinute: 6000, trustedProxies: config.trustedProxies }),
      join(root, 'web', 'dist'),
    );
    // Orphan attachments (never pinned by a submitted submission) go a day after upload: checked hourly.
    const sweep = () => sweepOrphanAttachments(deps).catch((err) => logger.error('attachment sweep failed', { err }));
    const sweeper = setInterval(sweep, 60 * 60 * 1000);
    sweeper.unref();
    void sweep();
    const server = await new Promise<Server>((ok) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ok(s as Server));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info('listening', { url: `http://localhost:${port}`, host: config.host });
    return {
      url: `http://localhost:${port}`,
      port,
      async stop() {
        clearInterval(sweeper);
        await new Promise<void>((ok) => server.close(() => ok()));
        await catcher?.stop();
        await dynamo?.stop();
      },
    };
  } catch (err) {
    await catcher?.stop();
    await (dynamo ?? (await starting?.catch(() => undefined)))?.stop();
    throw err;
  }
}
