import { Hono } from 'hono';
import { coded, ValidationError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { batchApprove, MAX_BATCH_ITEMS } from '../../core/use-cases/review/batch-decide';
import { createDelegation, endDelegation, listDelegations } from '../../core/use-cases/review/delegations';
import { remindStep } from '../../core/use-cases/review/remind-step';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { jsonBody } from '../validated';

/** The approval verbs beyond a single decision: 催办, batch approval, delegation while away. */
export function verbRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.post('/submissions/:id/reminders', jsonBody<{ message?: string }>(BODY.stepReminder), async (c) => {
    const body = c.req.valid('json');
    return c.json(await remindStep(deps, { actor: c.get('actor'), id: c.req.param('id'), message: body.message }));
  });

  type BatchInput = { items: { submissionId: string; stepId: string }[]; comment?: string };
  app.post('/tasks/batch-decisions', jsonBody<BatchInput>(BODY.batchDecisions), async (c) => {
    const body = c.req.valid('json');
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

  type DelegationInput = { deputyId: string; startsOn: string; endsOn: string; reason?: string };
  app.post('/delegations', jsonBody<DelegationInput>(BODY.delegation), async (c) => {
    const body = c.req.valid('json');
    return c.json(await createDelegation(deps, { actor: c.get('actor'), ...body }), 201);
  });

  app.post('/delegations/:id/end', async (c) =>
    c.json(await endDelegation(deps, { actor: c.get('actor'), id: c.req.param('id') })),
  );

  return app;
}
