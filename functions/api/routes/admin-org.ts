import { Hono } from 'hono';
import type { Role } from '../../core/model';
import type { Deps } from '../../core/ports';
import { createUnit } from '../../core/use-cases/org/admin-create-unit';
import { listAllUnits } from '../../core/use-cases/org/admin-list-units';
import { readSettings, updateSettings } from '../../core/use-cases/org/admin-update-settings';
import { updateUnit } from '../../core/use-cases/org/admin-update-unit';
import { type UserChanges, updateUser } from '../../core/use-cases/org/admin-update-user';
import type { UnitFields } from '../../core/use-cases/org/org-checks';
import { BODY, readBody } from '../body-schemas';
import type { AppEnv } from '../context';
import { idempotent } from '../middleware/idempotency';

/** Admin: units with 归口, the 第九条 fund-type routing, user changes. Mounted at /api/admin. */
export function adminOrgRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/units', async (c) => {
    const units = await listAllUnits(deps, { actor: c.get('actor') });
    return c.json({
      items: units.map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        managedBy: u.managedBy ?? null,
        seesAll: Boolean(u.seesAll),
        disabled: Boolean(u.disabled),
        code: u.code ?? null,
        township: Boolean(u.township),
        version: u.version ?? 0,
      })),
      cursor: null,
    });
  });
  app.post('/units', (c) => {
    const body = readBody<UnitFields & { id: string }>(c, BODY.unit);
    return idempotent(
      c,
      deps,
      201,
      (r) => r,
      (idem) => createUnit(deps, { actor: c.get('actor'), unit: body, idem }),
    );
  });
  app.put('/units/:id', async (c) => {
    const body = readBody<UnitFields & { version?: number }>(c, BODY.unitUpdate);
    return c.json(await updateUnit(deps, { actor: c.get('actor'), id: c.req.param('id'), unit: body }));
  });

  app.get('/settings', async (c) => c.json(await readSettings(deps, { actor: c.get('actor') })));
  app.put('/settings', async (c) => {
    const body = readBody<Parameters<typeof updateSettings>[1]['settings']>(c, BODY.settings);
    return c.json(await updateSettings(deps, { actor: c.get('actor'), settings: body }));
  });

  app.put('/users/:id', async (c) => {
    const body = readBody<UserChanges & { roles?: Role[] }>(c, BODY.userUpdate);
    return c.json(await updateUser(deps, { actor: c.get('actor'), id: c.req.param('id'), changes: body }));
  });
  return app;
}
