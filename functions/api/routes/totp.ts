import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { confirmTotp, disableTotp, startTotpEnrolment } from '../../core/use-cases/identity/totp';
import { BODY, readBody } from '../body-schemas';
import type { AppEnv } from '../context';

/** An administrator's own second factor (动态验证码): enrol (secret shown once), confirm with a code, turn off. */
export function totpRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => c.json(await startTotpEnrolment(deps, c.get('actor'))));
  app.post('/verify', async (c) =>
    c.json(await confirmTotp(deps, c.get('actor'), readBody<{ code: string }>(c, BODY.totp).code)),
  );
  app.post('/disable', async (c) =>
    c.json(await disableTotp(deps, c.get('actor'), readBody<{ code: string }>(c, BODY.totp).code)),
  );
  return app;
}
