import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { listUserAudit, resetUserTotp } from '../../core/use-cases/identity/admin-reset-totp';
import { confirmTotp, disableTotp, startTotpEnrolment, totpStatus } from '../../core/use-cases/identity/totp';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { jsonBody } from '../validated';

/** An administrator's own second factor (动态验证码): enrol (secret shown once), confirm with a code, turn off. */
export function totpRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => c.json(await totpStatus(deps, c.get('actor'))));
  app.post('/', async (c) => c.json(await startTotpEnrolment(deps, c.get('actor'))));
  app.post('/verify', jsonBody<{ code: string }>(BODY.totp), async (c) =>
    c.json(await confirmTotp(deps, c.get('actor'), c.req.valid('json').code)),
  );
  app.post('/disable', jsonBody<{ code: string }>(BODY.totp), async (c) =>
    c.json(await disableTotp(deps, c.get('actor'), c.req.valid('json').code)),
  );
  return app;
}

/**
 * An administrator resets another user's 动态验证码 (lost phone), and reads what was done to an account (who reset
 * it, when). Mounted at /api/admin/users.
 */
export function adminTotpRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/:id/audit', async (c) => {
    const events = await listUserAudit(deps, { actor: c.get('actor'), id: c.req.param('id') });
    return c.json({
      items: events.map(({ id, type, actorId, actorName, at }) => ({ id, type, actorId, actorName, at })),
    });
  });
  app.post('/:id/totp/reset', async (c) =>
    c.json(await resetUserTotp(deps, { actor: c.get('actor'), id: c.req.param('id') })),
  );
  return app;
}
