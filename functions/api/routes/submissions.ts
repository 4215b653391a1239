import { Hono } from 'hono';
import { ValidationError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { decideSubmission } from '../../core/use-cases/review/decide-submission';
import { withStandIns } from '../../core/use-cases/review/delegations';
import type { FieldCommentInput } from '../../core/use-cases/review/field-comments';
import { type HandOnInput, handOnStep } from '../../core/use-cases/review/hand-on-step';
import { checkSubmissionData } from '../../core/use-cases/submissions/check-submission-data';
import { createSubmission } from '../../core/use-cases/submissions/create-submission';
import { deleteDraft } from '../../core/use-cases/submissions/delete-draft';
import { listSubmissions } from '../../core/use-cases/submissions/list-submissions';
import { getHistory, getSnapshots, getSubmission } from '../../core/use-cases/submissions/read-submission';
import { saveSubmission } from '../../core/use-cases/submissions/save-submission';
import { type SubmissionResult, submitSubmission } from '../../core/use-cases/submissions/submit-submission';
import { withdrawSubmission } from '../../core/use-cases/submissions/withdraw-submission';
import type { Action } from '../../core/workflow/types';
import { BODY, readPage } from '../body-schemas';
import type { AppEnv } from '../context';
import { readSubmissionFilters } from '../list-query';
import { idempotent } from '../middleware/idempotency';
import { presentCreated, presentHistory, presentSubmission, presentSummary } from '../presenters';
import { jsonBody } from '../validated';
import { unitNames } from './units';

type DecisionInput = {
  stepId: string;
  action: Action | 'transfer' | 'addSigner';
  comment?: string;
  score?: number;
  fields?: Record<string, unknown>;
  version?: number;
  fieldComments?: FieldCommentInput[];
};

export function submissionRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  type CreateInput = {
    formId: string;
    data?: Record<string, unknown>;
    campaignId?: string;
    sourceSubmissionId?: string;
  };
  app.post('/', jsonBody<CreateInput>(BODY.create), (c) => {
    const body = c.req.valid('json');
    return idempotent(c, deps, 201, presentCreated, (idem) =>
      createSubmission(deps, { actor: c.get('actor'), ...body, idem }),
    );
  });

  app.get('/', async (c) => {
    const actor = c.get('actor');
    const page = await listSubmissions(deps, {
      actor,
      page: readPage(c),
      summaryOnly: true,
      ...readSubmissionFilters(c),
    });
    const names = await unitNames(deps);
    return c.json({ items: page.items.map((s) => presentSummary(s, names)), cursor: page.cursor });
  });

  app.get('/:id', async (c) => {
    // A deputy sees the steps they may decide on behalf of someone else (delegation while away).
    const actor = await withStandIns(deps, c.get('actor'));
    return c.json(presentSubmission(await getSubmission(deps, { actor, id: c.req.param('id') }), actor));
  });

  app.put('/:id', jsonBody<{ data: Record<string, unknown>; version: number }>(BODY.save), async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    await saveSubmission(deps, { actor, id: c.req.param('id'), ...body });
    return c.json(presentSubmission(await getSubmission(deps, { actor, id: c.req.param('id') }), actor));
  });

  // A never-submitted draft, by its unit (recorded as a `deleted` history event). `?version=` guards a stale view.
  app.delete('/:id', async (c) => {
    const raw = c.req.query('version');
    if (raw !== undefined && !/^\d{1,9}$/.test(raw))
      throw new ValidationError('参数 version 不正确', [{ path: 'version', message: '应为正整数' }]);
    await deleteDraft(deps, { actor: c.get('actor'), id: c.req.param('id'), version: raw ? Number(raw) : undefined });
    return c.body(null, 204);
  });

  app.post('/:id/validate', jsonBody<{ data: unknown }>(BODY.validate), async (c) => {
    const body = c.req.valid('json');
    return c.json(await checkSubmissionData(deps, { actor: c.get('actor'), id: c.req.param('id'), data: body.data }));
  });

  app.post('/:id/submit', jsonBody<{ version?: number; comment?: string }>(BODY.submit), (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    return idempotent(
      c,
      deps,
      200,
      (r: SubmissionResult) => presentSubmission(r, actor),
      (idem) => submitSubmission(deps, { actor, id: c.req.param('id'), ...body, idem }),
    );
  });

  app.post('/:id/withdraw', jsonBody<{ comment?: string }>(BODY.withdraw), (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    return idempotent(
      c,
      deps,
      200,
      (r: SubmissionResult) => presentSubmission(r, actor),
      (idem) => withdrawSubmission(deps, { actor, id: c.req.param('id'), ...body, idem }),
    );
  });

  app.post('/:id/decisions', jsonBody<DecisionInput>(BODY.decide), (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    refuseForeignVerbFields(body);
    const id = c.req.param('id');
    return idempotent(
      c,
      deps,
      200,
      (r: SubmissionResult) => presentSubmission(r, actor),
      (idem) =>
        body.action === 'transfer' || body.action === 'addSigner'
          ? handOnStep(deps, { ...(body as HandOnInput), actor, id, idem })
          : decideSubmission(deps, { actor, id, ...body, action: body.action, idem }),
    );
  });

  app.get('/:id/history', async (c) => {
    const items = await getHistory(deps, { actor: c.get('actor'), id: c.req.param('id') });
    return c.json({ items: items.map(presentHistory), cursor: null });
  });

  app.get('/:id/snapshots', async (c) => {
    const items = await getSnapshots(deps, { actor: c.get('actor'), id: c.req.param('id') });
    return c.json({ items, cursor: null });
  });

  return app;
}

/** Fields that belong to one verb only: 转交 names `toUnitId`, 加签 names `unitId` and `position`. */
const VERB_FIELDS: Record<string, string[]> = { transfer: ['toUnitId'], addSigner: ['unitId', 'position'] };

/** A decision body carrying another verb's fields is a mistake, not something to ignore (422 at the field). */
function refuseForeignVerbFields(body: Record<string, unknown>): void {
  const allowed = VERB_FIELDS[String(body.action)] ?? [];
  const foreign = Object.values(VERB_FIELDS)
    .flat()
    .filter((field) => body[field] !== undefined && !allowed.includes(field));
  if (foreign.length) {
    throw new ValidationError(
      '请求中包含与该操作无关的字段',
      foreign.map((field) => ({ path: `/${field}`, message: '该操作不使用此字段' })),
    );
  }
}
