import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { sendCorrectionNotice, setPaymentHold } from '../../core/use-cases/cycle/monitoring-actions';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { presentHistory, presentHold } from '../presenters';
import { jsonBody } from '../validated';

/** 绩效运行监控: 纠偏通知 on a monitoring report, 国库股 payment hold on a project target (第七、二十一、二十三条). */
export function monitoringRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.post(
    '/:id/correction-notices',
    jsonBody<{ message: string; dueDate?: string }>(BODY.correctionNotice),
    async (c) => {
      const body = c.req.valid('json');
      const r = await sendCorrectionNotice(deps, { actor: c.get('actor'), id: c.req.param('id'), ...body });
      return c.json({ id: r.submission.id, version: r.submission.version, event: presentHistory(r.event) }, 201);
    },
  );

  type HoldInput = { active: boolean; reason: string; basisSubmissionId?: string };
  app.post('/:id/payment-hold', jsonBody<HoldInput>(BODY.paymentHold), async (c) => {
    const body = c.req.valid('json');
    const r = await setPaymentHold(deps, { actor: c.get('actor'), id: c.req.param('id'), ...body });
    return c.json({
      id: r.submission.id,
      version: r.submission.version,
      paymentHold: presentHold(r.submission.paymentHold),
      event: presentHistory(r.event),
    });
  });

  return app;
}
