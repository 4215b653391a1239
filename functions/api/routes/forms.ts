import { Hono } from 'hono';
import { NotFoundError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { getFormVersion } from '../../core/use-cases/catalog/forms-catalog';
import { getChainVersion } from '../../core/use-cases/catalog/get-chain-version';
import { listFormsFor } from '../../core/use-cases/catalog/list-startable-forms';
import type { AppEnv } from '../context';
import { presentForm, presentFormSummary } from '../presenters';

function versionParam(raw: string): number {
  if (!/^\d{1,6}$/.test(raw)) throw new NotFoundError('版本不存在');
  return Number(raw);
}

export function formRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/forms', async (c) => {
    const forms = await listFormsFor(deps, { actor: c.get('actor') });
    return c.json({ items: forms.map(presentFormSummary), cursor: null });
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
  app.get('/chains/:chainId/versions/:version', async (c) =>
    c.json(
      await getChainVersion(deps, { chainId: c.req.param('chainId'), version: versionParam(c.req.param('version')) }),
    ),
  );
  return app;
}
