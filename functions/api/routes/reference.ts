import { Hono } from 'hono';
import { ValidationError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { computeDueDate, listCalendarYears } from '../../core/use-cases/calendar/list-calendar';
import { listIndicators } from '../../core/use-cases/indicators/list-indicators';
import type { AppEnv } from '../context';

const LEVEL1 = new Set(['output', 'benefit', 'satisfaction', 'cost']);

/** Reference data every signed-in user reads: the 指标库 (第十八条) and the working-day calendar (R-C7). */
export function referenceRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/indicators', async (c) => {
    const year = c.req.query('year');
    const level1 = c.req.query('level1');
    const formId = c.req.query('formId');
    if (year !== undefined && year !== '' && !/^\d{4}$/.test(year))
      throw new ValidationError('参数 year 不正确', [{ path: 'year', message: '应为四位年度' }]);
    if (level1 && !LEVEL1.has(level1))
      throw new ValidationError('参数 level1 不正确', [
        { path: 'level1', message: '应为 output、benefit、satisfaction 或 cost' },
      ]);
    if (formId !== undefined && formId.length > 40)
      throw new ValidationError('参数 formId 不正确', [{ path: 'formId', message: '过长' }]);
    const items = await listIndicators(deps, {
      actor: c.get('actor'),
      query: {
        formId: formId || undefined,
        year: year ? Number(year) : undefined,
        level1: level1 || undefined,
        includeDisabled: c.req.query('includeDisabled') === 'true',
      },
    });
    return c.json({ items, cursor: null });
  });

  app.get('/calendar', async (c) => c.json({ items: await listCalendarYears(deps), cursor: null }));
  app.get('/calendar/due-date', async (c) => {
    const start = c.req.query('start') ?? '';
    const days = c.req.query('days') ?? '';
    if (!start || start.length > 40)
      throw new ValidationError('参数 start 不正确', [{ path: 'start', message: '应为 ISO 日期或日期时间' }]);
    if (!/^\d{1,3}$/.test(days))
      throw new ValidationError('参数 days 不正确', [{ path: 'days', message: '应为1–365的整数' }]);
    return c.json(await computeDueDate(deps, { start, days: Number(days) }));
  });
  return app;
}
