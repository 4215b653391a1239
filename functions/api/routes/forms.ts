import { Hono } from 'hono';
import { NotFoundError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { getFormVersion, listPublishedForms } from '../../core/use-cases/catalog/forms-catalog';
import { listableForms } from '../../core/use-cases/support/access';
import type { AppEnv } from '../context';
import { presentForm, presentFormSummary } from '../presenters';

function versionParam(raw: string): number {
  if (!/^\d{1,6}$/.test(raw)) throw new NotFoundError('版本不存在');
  return Number(raw);
}

export function formRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/forms', async (c) => {
    const [forms, unit] = await Promise.all([listPublishedForms(deps), deps.org.getUnit(c.get('actor').unitId)]);
    return c.json({ items: listableForms(unit, forms).map(presentFormSummary), cursor: null });
  });
  app.get('/forms/:formId', async (c) =>
    c.json(presentForm(await getFormVersion(deps, c.get('actor'), c.req.param('formId')))),
  );
  app.get('/forms/:formId/versions/:version', async (c) =>
    c.json(
      presentForm(
        await getFormVersion(deps, c.get('actor'), c.req.param('formId'), versionParam(c.req.param('version'))),
      ),
    ),
  );
  app.get('/chains/:chainId/versions/:version', async (c) => {
    const chain = await deps.chains.getVersion(c.req.param('chainId'), versionParam(c.req.param('version')));
    if (!chain) throw new NotFoundError('审核链不存在');
    return c.json(chain);
  });
  return app;
}
