import { Hono } from 'hono';
import { NotFoundError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { listChainHeads } from '../../core/use-cases/catalog/admin-list-chains';
import { listFormsWithVersions } from '../../core/use-cases/catalog/admin-list-forms';
import { saveChain } from '../../core/use-cases/catalog/admin-save-chain';
import {
  type FormDefinitionInput,
  publishFormVersion,
  saveFormVersion,
} from '../../core/use-cases/catalog/admin-save-form';
import { createUser, type NewUserInput } from '../../core/use-cases/org/admin-create-user';
import { listUsers } from '../../core/use-cases/org/admin-list-users';
import { BODY, readPage } from '../body-schemas';
import type { AppEnv } from '../context';
import { idempotent } from '../middleware/idempotency';
import { presentFormSummary } from '../presenters';
import { jsonBody } from '../validated';

/** Admin routes (role admin, checked in the use cases). */
export function adminRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.post('/chains', jsonBody<Record<string, unknown>>(BODY.chain), (c) => {
    const chain = c.req.valid('json');
    return idempotent(
      c,
      deps,
      201,
      (r) => r,
      (idem) => saveChain(deps, { actor: c.get('actor'), chain, idem }),
    );
  });
  app.get('/chains', async (c) => {
    return c.json({ items: await listChainHeads(deps, { actor: c.get('actor') }), cursor: null });
  });

  app.post('/forms', jsonBody<FormDefinitionInput>(BODY.form), (c) => {
    const form = c.req.valid('json');
    return idempotent(
      c,
      deps,
      201,
      (f: Awaited<ReturnType<typeof saveFormVersion>>) => ({ id: f.id, version: f.version, status: f.status }),
      (idem) => saveFormVersion(deps, { actor: c.get('actor'), form, idem }),
    );
  });
  app.get('/forms', async (c) => {
    const forms = await listFormsWithVersions(deps, { actor: c.get('actor') });
    return c.json({ items: forms.map((f) => ({ ...f, versions: f.versions.map(presentFormSummary) })), cursor: null });
  });
  app.post('/forms/:formId/versions/:version/publish', (c) => {
    const raw = c.req.param('version');
    if (!/^\d{1,6}$/.test(raw)) throw new NotFoundError('表单版本不存在');
    return idempotent(
      c,
      deps,
      200,
      (f: Awaited<ReturnType<typeof publishFormVersion>>) => ({ id: f.id, version: f.version, status: f.status }),
      (idem) =>
        publishFormVersion(deps, { actor: c.get('actor'), formId: c.req.param('formId'), version: Number(raw), idem }),
    );
  });

  app.post('/users', jsonBody<NewUserInput>(BODY.user), (c) => {
    const user = c.req.valid('json');
    return idempotent(
      c,
      deps,
      201,
      (r) => r,
      (idem) => createUser(deps, { actor: c.get('actor'), user, idem }),
    );
  });
  app.get('/users', async (c) => {
    return c.json(await listUsers(deps, { actor: c.get('actor'), page: readPage(c) }));
  });
  return app;
}
