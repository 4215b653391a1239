import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import type { MailPreference } from '../../core/ports-mail';
import { getPreferences, updatePreferences } from '../../core/use-cases/notifications/mail-preferences';
import { BODY, readBody } from '../body-schemas';
import type { AppEnv } from '../context';

/** The caller's own settings: how email reaches them. */
export function preferenceRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/me/preferences', async (c) => c.json(await getPreferences(deps, { actor: c.get('actor') })));
  app.put('/me/preferences', async (c) => {
    const body = readBody<{ mailPreference: MailPreference; version?: number }>(c, BODY.preferences);
    return c.json(await updatePreferences(deps, { actor: c.get('actor'), ...body }));
  });
  return app;
}
