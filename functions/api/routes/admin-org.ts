import { Hono } from 'hono';
import type { Role } from '../../core/model';
import type { Deps } from '../../core/ports';
import { createUnit } from '../../core/use-cases/org/admin-create-unit';
import { listAllUnits } from '../../core/use-cases/org/admin-list-units';
import { readSettings, updateSettings } from '../../core/use-cases/org/admin-update-settings';
import { updateUnit } from '../../core/use-cases/org/admin-update-unit';
import { type UserChanges, updateUser } from '../../core/use-cases/org/admin-update-user';
import type { UnitFields } from '../../core/use-cases/org/org-checks';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { idempotent } from '../middleware/idempotency';
import { jsonBody } from '../validated';

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
  app.post('/units', jsonBody<UnitFields & { id: string }>(BODY.unit), (c) => {
    const body = c.req.valid('json');
    return idempotent(
      c,
      deps,
      201,
      (r) => r,
      (idem) => createUnit(deps, { actor: c.get('actor'), unit: body, idem }),
    );
  });
  app.put('/units/:id', jsonBody<UnitFields & { version?: number }>(BODY.unitUpdate), async (c) => {
    const body = c.req.valid('json');
    return c.json(await updateUnit(deps, { actor: c.get('actor'), id: c.req.param('id'), unit: body }));
  });

  app.get('/settings', async (c) => c.json(await readSettings(deps, { actor: c.get('actor') })));
  app.put('/settings', jsonBody<Parameters<typeof updateSettings>[1]['settings']>(BODY.settings), async (c) => {
    const body = c.req.valid('json');
    return c.json(await updateSettings(deps, { actor: c.get('actor'), settings: body }));
  });

  app.put('/users/:id', jsonBody<UserChanges & { roles?: Role[] }>(BODY.userUpdate), async (c) => {
    const body = c.req.valid('json');
    return c.json(await updateUser(deps, { actor: c.get('actor'), id: c.req.param('id'), changes: body }));
  });
  return app;
}
