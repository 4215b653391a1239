import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { type UpgradeResult, upgradeSubmission } from '../../core/use-cases/submissions/upgrade-submission';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { idempotent } from '../middleware/idempotency';
import { presentCreated } from '../presenters';
import { jsonBody } from '../validated';

/** Explicit move of a draft/returned submission to a newer form version. Mounted at /api/submissions. */
export function submissionUpgradeRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.post('/:id/upgrade', jsonBody<{ toVersion: number; version?: number }>(BODY.upgrade), (c) => {
    const body = c.req.valid('json');
    return idempotent(
      c,
      deps,
      200,
      (r: UpgradeResult) => ({ ...presentCreated(r.submission), fromVersion: r.fromVersion, errors: r.errors }),
      (idem) => upgradeSubmission(deps, { actor: c.get('actor'), id: c.req.param('id'), ...body, idem }),
    );
  });
  return app;
}
