import { Hono } from 'hono';
import type { Campaign } from '../../core/campaign-model';
import { ValidationError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { closeCampaign } from '../../core/use-cases/campaigns/close-campaign';
import { type CampaignInput, createCampaign } from '../../core/use-cases/campaigns/create-campaign';
import { type CampaignBoard, getCampaignBoard } from '../../core/use-cases/campaigns/get-campaign';
import { listCampaigns } from '../../core/use-cases/campaigns/list-campaigns';
import { remindCampaign } from '../../core/use-cases/campaigns/remind-campaign';
import { type CampaignEditInput, updateCampaign } from '../../core/use-cases/campaigns/update-campaign';
import { presentCounts } from '../../core/use-cases/support/campaign-rules';
import { BODY, readPage } from '../body-schemas';
import type { AppContext, AppEnv } from '../context';
import { idempotent } from '../middleware/idempotency';
import { jsonBody } from '../validated';

export function presentCampaign(c: Campaign, now: string) {
  return {
    id: c.id,
    formId: c.formId,
    title: c.title,
    year: c.year,
    dueDate: c.dueDate,
    dueAt: c.dueAt,
    dueInWorkingDays: c.dueInWorkingDays ?? null,
    notice: c.notice,
    unitIds: c.unitIds,
    status: c.status,
    closedAt: c.closedAt ?? null,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    updatedAt: c.updatedAt,
    version: c.version,
    counts: presentCounts(c, now),
  };
}

export function presentBoard(b: CampaignBoard, now: string) {
  return {
    ...presentCampaign(b.campaign, now),
    counts: b.counts,
    units: b.units,
    edits: b.edits.map((e) => ({
      seq: e.seq,
      at: e.at,
      type: e.type,
      actor: e.actor,
      changes: e.changes ?? null,
      addedUnitIds: e.addedUnitIds ?? [],
    })),
    permissions: b.permissions,
  };
}

/** ?year=2025 (optional). */
export function readYear(c: AppContext): number | undefined {
  const raw = c.req.query('year');
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}$/.test(raw)) throw new ValidationError('year 参数不正确', [{ path: 'year', message: '应为四位年份' }]);
  return Number(raw);
}

/** 填报任务: issue, list, board, edit, close, remind (the export route lives with the other workbooks). */
export function campaignRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const now = () => deps.clock.now();

  app.post('/', jsonBody<CampaignInput>(BODY.campaign), (c) => {
    const body = c.req.valid('json');
    return idempotent(
      c,
      deps,
      201,
      (r: Campaign) => presentCampaign(r, now()),
      (idem) => createCampaign(deps, { actor: c.get('actor'), body, idem }),
    );
  });

  app.get('/', async (c) => {
    const page = await listCampaigns(deps, { actor: c.get('actor'), page: readPage(c), year: readYear(c) });
    return c.json({
      items: page.items.map((i) => ({ ...presentCampaign(i.campaign, now()), counts: i.counts, mine: i.mine })),
      cursor: page.cursor,
    });
  });

  app.get('/:id', async (c) =>
    c.json(presentBoard(await getCampaignBoard(deps, { actor: c.get('actor'), id: c.req.param('id') }), now())),
  );

  app.patch('/:id', jsonBody<CampaignEditInput>(BODY.campaignEdit), async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    await updateCampaign(deps, { actor, id: c.req.param('id'), body });
    return c.json(presentBoard(await getCampaignBoard(deps, { actor, id: c.req.param('id') }), now()));
  });

  app.post('/:id/close', jsonBody<{ version?: number; reason?: string }>(BODY.campaignClose), async (c) => {
    const actor = c.get('actor');
    const body = c.req.valid('json');
    await closeCampaign(deps, { actor, id: c.req.param('id'), ...body });
    return c.json(presentBoard(await getCampaignBoard(deps, { actor, id: c.req.param('id') }), now()));
  });

  app.post('/:id/reminders', jsonBody<{ unitIds?: string[]; message?: string }>(BODY.reminders), async (c) => {
    const body = c.req.valid('json');
    return c.json(await remindCampaign(deps, { actor: c.get('actor'), id: c.req.param('id'), ...body }));
  });

  return app;
}
