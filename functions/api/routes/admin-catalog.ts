import { Hono } from 'hono';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { saveCalendarYear } from '../../core/use-cases/calendar/admin-save-calendar-year';
import { diffFormVersions } from '../../core/use-cases/catalog/admin-diff-form-versions';
import { dryRunUpgrade } from '../../core/use-cases/catalog/admin-dry-run-upgrade';
import { listChainVersions } from '../../core/use-cases/catalog/admin-list-chain-versions';
import { listFormVersions } from '../../core/use-cases/catalog/admin-list-form-versions';
import { createIndicator } from '../../core/use-cases/indicators/admin-create-indicator';
import { updateIndicator } from '../../core/use-cases/indicators/admin-update-indicator';
import type { IndicatorFields } from '../../core/use-cases/indicators/indicator-checks';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { idempotent } from '../middleware/idempotency';
import { jsonBody, pathParams } from '../validated';
import { unitNames } from './units';

function versionParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,6}$/.test(raw)) throw new NotFoundError('版本不存在');
  return Number(raw);
}

function versionQuery(raw: string | undefined, name: string): number {
  if (!raw || !/^[1-9]\d{0,5}$/.test(raw))
    throw new ValidationError(`参数 ${name} 不正确`, [{ path: name, message: '应为版本号（正整数）' }]);
  return Number(raw);
}

/** Admin: form and chain versions (list, diff, dry run), the 指标库, the holiday calendar. Mounted at /api/admin. */
export function adminCatalogRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/forms/:formId/versions', async (c) => {
    const { head, items } = await listFormVersions(deps, { actor: c.get('actor'), formId: c.req.param('formId') });
    return c.json({
      id: head.id,
      title: head.title,
      latestVersion: head.latestVersion,
      publishedVersion: head.publishedVersion,
      items,
      cursor: null,
    });
  });
  app.get('/forms/:formId/diff', async (c) =>
    c.json(
      await diffFormVersions(deps, {
        actor: c.get('actor'),
        formId: c.req.param('formId'),
        from: versionQuery(c.req.query('from'), 'from'),
        to: versionQuery(c.req.query('to'), 'to'),
      }),
    ),
  );
  app.post('/forms/:formId/versions/:version/dry-run', async (c) => {
    const result = await dryRunUpgrade(deps, {
      actor: c.get('actor'),
      formId: c.req.param('formId'),
      version: versionParam(c.req.param('version')),
    });
    const names = await unitNames(deps);
    return c.json({ ...result, items: result.items.map((i) => ({ ...i, unitName: names.get(i.unitId) ?? i.unitId })) });
  });

  app.get('/chains/:chainId/versions', async (c) => {
    const r = await listChainVersions(deps, { actor: c.get('actor'), chainId: c.req.param('chainId') });
    return c.json({ ...r, cursor: null });
  });

  app.post('/indicators', jsonBody<IndicatorFields & { id?: string }>(BODY.indicator), (c) => {
    const body = c.req.valid('json');
    return idempotent(
      c,
      deps,
      201,
      (r) => r,
      (idem) => createIndicator(deps, { actor: c.get('actor'), indicator: body, idem }),
    );
  });
  app.put('/indicators/:id', jsonBody<IndicatorFields & { version: number }>(BODY.indicatorUpdate), async (c) => {
    const body = c.req.valid('json');
    return c.json(await updateIndicator(deps, { actor: c.get('actor'), id: c.req.param('id'), indicator: body }));
  });

  app.put(
    '/calendar/:year',
    pathParams(({ year }) => {
      if (!/^\d{4}$/.test(year)) throw new NotFoundError('年度不存在');
      return { year: Number(year) };
    }),
    jsonBody<{ holidays: string[]; workdays: string[] }>(BODY.calendar),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await saveCalendarYear(deps, { actor: c.get('actor'), year: c.req.valid('param').year, ...body }));
    },
  );
  return app;
}
