import { Hono } from 'hono';
import { coded, ValidationError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { batchApprove, MAX_BATCH_ITEMS } from '../../core/use-cases/review/batch-decide';
import { createDelegation, endDelegation, listDelegations } from '../../core/use-cases/review/delegations';
import { remindStep } from '../../core/use-cases/review/remind-step';
import { BODY, readBody } from '../body-schemas';
import type { AppEnv } from '../context';

/** The approval verbs beyond a single decision: 催办, batch approval, delegation while away. */
export function verbRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.post('/submissions/:id/reminders', async (c) => {
    const body = readBody<{ message?: string }>(c, BODY.stepReminder);
    return c.json(await remindStep(deps, { actor: c.get('actor'), id: c.req.param('id'), message: body.message }));
  });

  app.post('/tasks/batch-decisions', async (c) => {
    const body = readBody<{ items: { submissionId: string; stepId: string }[]; comment?: string }>(
      c,
      BODY.batchDecisions,
    );
    if (body.items.length > MAX_BATCH_ITEMS) {
      throw coded(
        new ValidationError(`一次最多批量办理 ${MAX_BATCH_ITEMS} 件`, [
          { path: '/items', message: `一次最多 ${MAX_BATCH_ITEMS} 件，请分批办理` },
        ]),
        'BATCH_TOO_LARGE',
      );
    }
    return c.json(await batchApprove(deps, { actor: c.get('actor'), items: body.items, comment: body.comment }));
  });

  app.get('/delegations', async (c) => c.json(await listDelegations(deps, { actor: c.get('actor') })));

  app.post('/delegations', async (c) => {
    const body = readBody<{ deputyId: string; startsOn: string; endsOn: string; reason?: string }>(c, BODY.delegation);
    return c.json(await createDelegation(deps, { actor: c.get('actor'), ...body }), 201);
  });

  app.post('/delegations/:id/end', async (c) =>
    c.json(await endDelegation(deps, { actor: c.get('actor'), id: c.req.param('id') })),
  );

  return app;
}
