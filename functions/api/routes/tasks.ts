import { Hono } from 'hono';
import { ValidationError } from '../../core/errors';
import type { Deps } from '../../core/ports';
import { listTasks } from '../../core/use-cases/review/list-tasks';
import { readPage } from '../body-schemas';
import type { AppEnv } from '../context';
import { readListFilters } from '../list-query';
import { presentTask } from '../presenters';
import { unitNames } from './units';

export function taskRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const status = c.req.query('status') ?? 'open';
    if (status !== 'open' && status !== 'done') {
      throw new ValidationError('status 参数不正确', [{ path: 'status', message: '应为 open 或 done' }]);
    }
    const page = await listTasks(deps, { actor: c.get('actor'), status, page: readPage(c), ...readListFilters(c) });
    const names = await unitNames(deps);
    return c.json({ items: page.items.map((t) => presentTask(t, names)), cursor: page.cursor });
  });
  return app;
}
