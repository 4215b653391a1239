import { Hono } from 'hono';
import type { PublicationRecord, Submission } from '../../core/model';
import type { Deps } from '../../core/ports';
import { assignEvaluation } from '../../core/use-cases/cycle/assign-evaluation';
import {
  listPublications,
  type PublicationInput,
  recordPublication,
} from '../../core/use-cases/cycle/record-publication';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { idempotent } from '../middleware/idempotency';
import { jsonBody } from '../validated';

const presentAssigned = (s: Submission) => ({
  id: s.id,
  formId: s.formId,
  title: s.title,
  status: s.status,
  unitId: s.unitId,
  subjectUnitId: s.subjectUnitId ?? null,
  evaluation: s.evaluation ?? null,
  version: s.version,
});

const presentRecord = (s: Submission, r: PublicationRecord) => ({
  submissionId: s.id,
  title: s.title,
  formId: s.formId,
  unitId: s.unitId,
  ...r,
  url: r.url ?? null,
  note: r.note ?? null,
});

/** 财政评价 assignments (第二十六条) and 公开 checks (第三十条). */
export function evaluationRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  type AssignInput = { planId: string; objectIndex: number; assigneeUnitId: string };
  app.post('/evaluations', jsonBody<AssignInput>(BODY.evaluationAssign), (c) => {
    const body = c.req.valid('json');
    return idempotent(c, deps, 201, presentAssigned, (idem) =>
      assignEvaluation(deps, { actor: c.get('actor'), ...body, idem }),
    );
  });
  app.post('/submissions/:id/publications', jsonBody<PublicationInput>(BODY.publication), async (c) => {
    const body = c.req.valid('json');
    const sub = await recordPublication(deps, { actor: c.get('actor'), id: c.req.param('id'), body });
    return c.json({
      id: sub.id,
      version: sub.version,
      publications: (sub.publications ?? []).map((r) => presentRecord(sub, r)),
    });
  });
  app.get('/publications', async (c) => {
    const out = await listPublications(deps, { actor: c.get('actor') });
    return c.json({
      items: out.records.map(({ submission, record }) => presentRecord(submission, record)),
      checkable: out.checkable.map((s) => ({
        id: s.id,
        title: s.title,
        formId: s.formId,
        unitId: s.unitId,
        version: s.version,
      })),
      cursor: null,
    });
  });
  return app;
}
