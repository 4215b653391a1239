import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { loadCatalog } from '../../functions/adapters/catalog/load-catalog';
import { composeDeps, type StorageOptions } from '../../functions/adapters/compose';
import { ensureTable } from '../../functions/adapters/dynamodb/table';
import { type App, createApp } from '../../functions/api/app';
import type { AppOptions } from '../../functions/api/context';
import type { Deps, Logger } from '../../functions/core/ports';
import { installCatalog } from '../../functions/core/use-cases/catalog/install-catalog';

export const DEMO_PASSWORD = 'demo1234';
const silent: Logger = { info() {}, warn() {}, error() {} };
let tableCounter = 0;

export interface TestApi {
  app: App;
  deps: Deps & { db: ReturnType<typeof composeDeps>['db'] };
  table: string;
  /** Bearer token of a demo user (cached per user). */
  token(username: string): Promise<string>;
  /** A JSON request through app.request (no server), as `username` or anonymous. */
  call(
    method: string,
    path: string,
    opts?: { as?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** call() and parse the JSON body. */
  json<T = any>(
    method: string,
    path: string,
    opts?: { as?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; res: Response }>;
  /** Creates project-target from its first valid example as `jtj` and returns the submission. */
  createProjectTarget(as?: string): Promise<any>;
  /** Creates and submits project-target; returns the submission id. */
  submittedProjectTarget(as?: string): Promise<string>;
  /** Decides the open step as `as` (the step id is read from the submission). */
  decide(
    id: string,
    as: string,
    action?: 'approve' | 'return' | 'reject',
    extra?: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
}

/**
 * A fresh table in the run's DynamoDB Local (one per test file, so files run in parallel), seeded
 * with the built-in catalog, and the real Hono app on top of it.
 */
export async function createTestApi(
  options: {
    app?: AppOptions;
    sdk?: Partial<DynamoDBClientConfig>;
    maxAttempts?: number;
    clock?: () => string;
    /** Where attachment bytes live (default: a temporary local directory). */
    storage?: StorageOptions;
  } = {},
): Promise<TestApi> {
  const endpoint = inject('dynamoEndpoint');
  const table = `t_${process.pid}_${Date.now()}_${tableCounter++}_${randomBytes(3).toString('hex')}`;
  const deps = composeDeps({
    tableName: table,
    endpoint,
    auth: { mode: 'local', secret: randomBytes(32) },
    logger: silent,
    sdk: options.sdk,
    maxAttempts: options.maxAttempts,
    clock: options.clock,
    storage: options.storage,
  });
  await ensureTable(deps.db.raw, table);
  await installCatalog(deps, loadCatalog(join(process.cwd(), 'forms')), DEMO_PASSWORD);
  const app = createApp(deps, options.app);
  const tokens = new Map<string, string>();

  const api: TestApi = {
    app,
    deps,
    table,
    async token(username) {
      const hit = tokens.get(username);
      if (hit) return hit;
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
      const { token } = (await res.json()) as { token: string };
      tokens.set(username, token);
      return token;
    },
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.as) headers.authorization = `Bearer ${await api.token(opts.as)}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      return app.request(path, { method, headers, body });
    },
    async json(method, path, opts) {
      const res = await api.call(method, path, opts);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, res };
    },
    async createProjectTarget(as = 'jtj') {
      const form = await api.json('GET', '/api/forms/project-target', { as });
      const example =
        form.body.examples.find((e: { title: string }) => e.title.includes('农村公路日常养护')) ??
        form.body.examples[0];
      const created = await api.json('POST', '/api/submissions', {
        as,
        body: { formId: 'project-target', data: example.data },
      });
      if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body;
    },
    async submittedProjectTarget(as = 'jtj') {
      const sub = await api.createProjectTarget(as);
      const r = await api.json('POST', `/api/submissions/${sub.id}/submit`, { as });
      if (r.status !== 200) throw new Error(`submit failed: ${r.status} ${JSON.stringify(r.body)}`);
      return sub.id;
    },
    async decide(id, as, action = 'approve', extra = {}) {
      const sub = await api.json('GET', `/api/submissions/${id}`, { as });
      const stepId = sub.body?.openSteps?.[0]?.stepId ?? 'none';
      const r = await api.json('POST', `/api/submissions/${id}/decisions`, {
        as,
        body: { stepId, action, comment: action === 'approve' ? '同意' : '请补充年度指标', ...extra },
      });
      return { status: r.status, body: r.body };
    },
  };
  return api;
}
