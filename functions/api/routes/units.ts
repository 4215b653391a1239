import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { getDashboard } from '../../core/use-cases/get-dashboard';
import type { AppEnv } from '../context';

export async function unitNames(deps: Deps): Promise<Map<string, string>> {
  return new Map((await deps.org.listUnits()).map((u) => [u.id, u.name]));
}

/** Who am I, the organisation, the dashboard. */
export function meRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/me', async (c) => {
    const actor = c.get('actor');
    const unit = await deps.org.getUnit(actor.unitId);
    return c.json({
      id: actor.id,
      username: actor.username,
      name: actor.name,
      unitId: actor.unitId,
      unitName: unit?.name ?? actor.unitId,
      unitKind: unit?.kind ?? null,
      roles: actor.roles,
    });
  });
  app.get('/units', async (c) => {
    const units = await deps.org.listUnits();
    return c.json({
      items: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, managedBy: u.managedBy ?? null })),
      cursor: null,
    });
  });
  app.get('/dashboard', async (c) => c.json(await getDashboard(deps, { actor: c.get('actor') })));
  return app;
}
