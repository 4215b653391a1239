import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { BODY } from '../body-schemas';
import type { AppContext, AppEnv } from '../context';
import { readSubmissionFilters } from '../list-query';
import { jsonBody } from '../validated';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook download: the Chinese file name as RFC 5987 filename*, an ASCII fallback. */
function download(c: AppContext, file: { filename: string; bytes: Uint8Array }) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const safe = file.filename.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': XLSX,
    'Content-Disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(safe)}`,
  });
}

// The use cases behind these routes are loaded on first use: a cold start does not read them.
const boardExport = () => import('../../core/use-cases/campaigns/export-campaign-board');
const indicatorImport = () => import('../../core/use-cases/indicators/import-indicators');
const tablesExport = () => import('../../core/use-cases/submissions/export-submission-tables');
const listExport = () => import('../../core/use-cases/submissions/export-submissions');

/** Excel: the board, any submission list, a submission's tables; the 指标库 template and import. */
export function workbookRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/campaigns/:id/export.xlsx', async (c) => {
    const { exportCampaignBoard } = await boardExport();
    return download(c, await exportCampaignBoard(deps, { actor: c.get('actor'), id: c.req.param('id') }));
  });
  app.get('/exports/submissions.xlsx', async (c) => {
    const { exportSubmissions } = await listExport();
    return download(c, await exportSubmissions(deps, { actor: c.get('actor'), ...readSubmissionFilters(c) }));
  });
  app.get('/submissions/:id/export.xlsx', async (c) => {
    const { exportSubmissionTables } = await tablesExport();
    return download(c, await exportSubmissionTables(deps, { actor: c.get('actor'), id: c.req.param('id') }));
  });
  app.get('/admin/indicators/template.xlsx', async (c) =>
    download(c, await (await indicatorImport()).indicatorTemplate(deps)),
  );
  app.post('/admin/indicators/import', jsonBody<{ workbook: string }>(BODY.indicatorImport), async (c) => {
    const body = c.req.valid('json');
    const bytes = new Uint8Array(Buffer.from(body.workbook, 'base64'));
    const { importIndicators } = await indicatorImport();
    return c.json(await importIndicators(deps, { actor: c.get('actor'), workbook: bytes }));
  });
  return app;
}
