import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import type { MailPreference } from '../../core/ports-mail';
import { getPreferences, updatePreferences } from '../../core/use-cases/notifications/mail-preferences';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { jsonBody } from '../validated';

/** The caller's own settings: how email reaches them. */
export function preferenceRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/me/preferences', async (c) => c.json(await getPreferences(deps, { actor: c.get('actor') })));
  type PreferenceInput = { mailPreference: MailPreference; version?: number };
  app.put('/me/preferences', jsonBody<PreferenceInput>(BODY.preferences), async (c) => {
    const body = c.req.valid('json');
    return c.json(await updatePreferences(deps, { actor: c.get('actor'), ...body }));
  });
  return app;
}
