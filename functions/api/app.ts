import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loadRe2 } from '../../forms/lib/re2-regexp';
import type { Deps } from '../core/ports';
import { requireRole } from '../core/use-cases/support/access';
import type { AppEnv, AppOptions } from './context';
import { errorBody, HttpError, toResponse } from './errors';
import { parseJsonBody } from './middleware/json-guard';
import { submissionPrefetch } from './middleware/prefetch';
import { createRateLimiter } from './middleware/rate-limit';
import { actorMiddleware } from './middleware/user-cache';
import { adminRoutes } from './routes/admin';
import { adminCatalogRoutes } from './routes/admin-catalog';
import { adminOrgRoutes } from './routes/admin-org';
import { attachmentRoutes, uploadRoutes } from './routes/attachments';
import { authRoutes } from './routes/auth';
import { campaignRoutes } from './routes/campaigns';
import { evaluationRoutes } from './routes/evaluations';
import { formRoutes } from './routes/forms';
import { monitoringRoutes } from './routes/monitoring';
import { monitoringTaskRoutes } from './routes/monitoring-tasks';
import { notificationRoutes } from './routes/notifications';
import { preferenceRoutes } from './routes/preferences';
import { referenceRoutes } from './routes/reference';
import { resultRoutes } from './routes/results';
import { submissionUpgradeRoutes } from './routes/submission-upgrade';
import { submissionRoutes } from './routes/submissions';
import { taskRoutes } from './routes/tasks';
import { adminTotpRoutes, totpRoutes } from './routes/totp';
import { meRoutes } from './routes/units';
import { verbRoutes } from './routes/verbs';
import { workbookRoutes } from './routes/workbooks';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Characters of one path segment, as sent (percent-encoded): far above any id, far below DynamoDB's key limits. */
const MAX_PATH_SEGMENT = 512;
const API_HEADERS = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cache-Control', 'no-store'],
] as const;
const OVERRIDE_HEADERS = ['x-http-method-override', 'x-http-method', 'x-method-override'];

/** The one Hono app, served by Lambda (handle) and by the local Node server (serve). */
export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const limiter = options.rateLimitPerMinute ? createRateLimiter(options.rateLimitPerMinute) : null;
  // The route table and the document are loaded and built on the first request for them, not at a cold start.
  let openapi: Record<string, unknown> | undefined;

  app.onError((err, c) => toResponse(err, c));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', '接口不存在'), 404));

  // One write, one memo of the reads that rarely change (Deps.requestScope). Reads run without one: they rarely
  // read a key twice, and their reads by key are coalesced across requests (functions/adapters/dynamodb/get-item.ts).
  const scope = deps.requestScope;
  if (scope) app.use('*', (c, next) => (WRITE.has(c.req.method) ? scope(next) : next()));

  // Request id, structured access log (no bodies, no tokens), API security headers.
  app.use('*', async (c, next) => {
    const requestId =
      c.req
        .header('x-request-id')
        ?.slice(0, 64)
        .replace(/[^\w-]/g, '') || randomUUID();
    c.set('requestId', requestId);
    c.set('logger', deps.logger);
    const started = performance.now();
    await next();
    // Set on the answer's own headers: `c.header` after the answer exists copies the whole answer once per call.
    const headers = c.res.headers;
    headers.set('X-Request-Id', requestId);
    // API answers only: the web app's own files carry their headers (caching, CSP) from the static handler.
    if (c.req.path.startsWith('/api/')) for (const [name, value] of API_HEADERS) headers.set(name, value);
    deps.logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      userId: c.get('actor')?.id,
    });
  });

  // No record has an id this long (DynamoDB refuses keys over 1 KB, and no id of ours comes near): such an address is
  // answered 404 before any read, so it never reaches the store as a refused key nor shares a read batch with others.
  app.use('/api/*', async (c, next) => {
    if (c.req.path.split('/').some((segment) => segment.length > MAX_PATH_SEGMENT)) {
      throw new HttpError(404, 'NOT_FOUND', '所请求的内容不存在');
    }
    await next();
  });

  app.route('/api/uploads', uploadRoutes(deps));
  // Writes: no method override, JSON only (415), size limit before any handler (413), safe parsing.
  app.use('*', async (c, next) => {
    if (OVERRIDE_HEADERS.some((h) => c.req.header(h) !== undefined)) {
      throw new HttpError(400, 'METHOD_OVERRIDE', '不支持方法覆盖请求头');
    }
    if (!WRITE.has(c.req.method)) return next();
    // Writes check bodies and decision fields against schemas whose patterns run on re2js (loaded on demand).
    await loadRe2();
    const length = c.req.header('content-length');
    // A DELETE from a browser or curl carries no Content-Length, yet Node hands every request a body stream:
    // without a length or chunked encoding it has no body.
    const hasBody =
      length !== undefined
        ? length !== '0'
        : c.req.header('transfer-encoding') !== undefined || (c.req.method !== 'DELETE' && c.req.raw.body !== null);
    if (hasBody) {
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      if (!/^application\/json\s*(;\s*charset=utf-8\s*)?$/.test(type)) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请求体必须是 JSON（Content-Type: application/json）');
      }
    }
    return bodyLimit({
      maxSize: maxBody,
      onError: (cx) =>
        cx.json(errorBody('PAYLOAD_TOO_LARGE', `请求体过大（上限 ${Math.round(maxBody / 1024)} KB）`), 413),
    })(c, async () => {
      if (hasBody) c.set('body', parseJsonBody(await c.req.text()));
      await next();
    });
  });

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/api/openapi.json', async (c) => {
    openapi ??= (await import('./openapi')).buildOpenApi();
    return c.json(openapi);
  });
  app.get('/api/docs', async (c) => {
    const { docsPage } = await import('./openapi');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(docsPage());
  });

  app.route('/api/auth', authRoutes(deps, options));

  // Everything else needs a bearer token; the user record (not the token) decides what is allowed.
  app.use(
    '/api/*',
    actorMiddleware(deps, {
      onActor: (actor) => limiter?.hit(actor.id),
      again: async (req, env) => app.fetch(req, env),
      prefetch: submissionPrefetch(deps),
    }),
  );
  app.use('/api/admin/*', async (c, next) => {
    requireRole(c.get('actor'), 'admin');
    await next();
  });

  app.route('/api', meRoutes(deps));
  app.route('/api', formRoutes(deps));
  app.route('/api/submissions', submissionRoutes(deps));
  app.route('/api/tasks', taskRoutes(deps));
  app.route('/api/admin', adminRoutes(deps));
  app.route('/api', referenceRoutes(deps));
  app.route('/api/submissions', submissionUpgradeRoutes(deps));
  app.route('/api/admin', adminCatalogRoutes(deps));
  app.route('/api/admin', adminOrgRoutes(deps));
  app.route('/api/campaigns', campaignRoutes(deps));
  app.route('/api/notifications', notificationRoutes(deps));
  app.route('/api', workbookRoutes(deps));
  app.route('/api/submissions', monitoringRoutes(deps));
  app.route('/api', evaluationRoutes(deps));
  app.route('/api', resultRoutes(deps));
  app.route('/api', preferenceRoutes(deps));
  app.route('/api/me/totp', totpRoutes(deps));
  app.route('/api/admin/users', adminTotpRoutes(deps));
  app.route('/api/attachments', attachmentRoutes(deps));
  app.route('/api', verbRoutes(deps));
  app.route('/api', monitoringTaskRoutes(deps));
  // Unknown API paths answer JSON 404 here, so no host app (the local server's web fallback) ever serves them a page.
  app.all('/api/*', (c) => c.json(errorBody('NOT_FOUND', '接口不存在'), 404));
  app.all('/api', (c) => c.json(errorBody('NOT_FOUND', '接口不存在'), 404));
  return app;
}

export type App = ReturnType<typeof createApp>;
