import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { keyMonitoringScope } from '../../core/use-cases/cycle/key-monitoring-scope';
import { monitoringTaskSources } from '../../core/use-cases/cycle/monitoring-task-sources';
import { BODY } from '../body-schemas';
import type { AppEnv } from '../context';
import { jsonBody } from '../validated';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import and its template, loaded on first use (a cold start does not read them). */
const taskImport = () => import('../../core/use-cases/cycle/import-monitoring-tasks');

/**
 * 监控任务 from the 预算管理一体化系统 (第二十条, R-M1): the import template and the import itself; the sources a
 * monitoring report starts from, and the rows a 财政重点监控报告 imports.
 */
export function monitoringTaskRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/monitoring-tasks/template.xlsx', async (c) => {
    const file = await (await taskImport()).monitoringTaskTemplate(deps);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': XLSX,
      'Content-Disposition': `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  });
  app.post('/monitoring-tasks/import', jsonBody<{ workbook: string }>(BODY.indicatorImport), async (c) => {
    const body = c.req.valid('json');
    const bytes = new Uint8Array(Buffer.from(body.workbook, 'base64'));
    const { importMonitoringTasks } = await taskImport();
    return c.json(await importMonitoringTasks(deps, { actor: c.get('actor'), workbook: bytes }), 201);
  });
  app.get('/monitoring-tasks/sources', async (c) =>
    c.json(await monitoringTaskSources(deps, { actor: c.get('actor'), formId: c.req.query('formId') ?? '' })),
  );
  // 「从监控表导入」 of the 财政重点监控报告: its 监控对象与范围 rows from the monitoring reports of a year and cutoff month.
  app.get('/key-monitoring/scope', async (c) => {
    const int = (name: string) => {
      const raw = c.req.query(name) ?? '';
      return /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
    };
    return c.json(
      await keyMonitoringScope(deps, {
        actor: c.get('actor'),
        fiscalYear: int('fiscalYear'),
        cutoffMonth: int('cutoffMonth'),
      }),
    );
  });
  return app;
}
