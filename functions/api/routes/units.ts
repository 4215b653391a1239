import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { getDashboard } from '../../core/use-cases/dashboard/get-dashboard';
import { getDashboardCharts } from '../../core/use-cases/dashboard/get-dashboard-charts';
import { whoAmI } from '../../core/use-cases/identity/who-am-i';
import { listUnitsFor } from '../../core/use-cases/org/list-units';
import type { AppEnv } from '../context';
import { readYear } from './campaigns';

const NAMES_TTL_MS = 10_000;
const nameCache = new WeakMap<Deps, { at: number; names: Promise<Map<string, string>> }>();

/**
 * Unit names for list views, cached for a few seconds per process: display only — authorization
 * always reads the unit record itself.
 */
export function unitNames(deps: Deps): Promise<Map<string, string>> {
  const hit = nameCache.get(deps);
  if (hit && Date.now() - hit.at < NAMES_TTL_MS) return hit.names;
  const names = deps.org.listUnits().then((units) => new Map(units.map((u) => [u.id, u.name])));
  names.catch(() => nameCache.delete(deps));
  nameCache.set(deps, { at: Date.now(), names });
  return names;
}

/** Who am I, the organisation, the dashboard. */
export function meRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  // standsInFor: whom the caller stands in for today (delegation while away): the menu then offers 待办.
  app.get('/me', async (c) => c.json(await whoAmI(deps, { actor: c.get('actor') })));
  app.get('/units', async (c) => {
    const units = await listUnitsFor(deps, { actor: c.get('actor') });
    return c.json({
      items: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, managedBy: u.managedBy ?? null })),
      cursor: null,
    });
  });
  app.get('/dashboard', async (c) => c.json(await getDashboard(deps, { actor: c.get('actor') })));
  app.get('/dashboard/charts', async (c) =>
    c.json(await getDashboardCharts(deps, { actor: c.get('actor'), year: readYear(c) })),
  );
  return app;
}
