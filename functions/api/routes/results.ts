import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { getResultLetter, listRectifications } from '../../core/use-cases/cycle/result-letter';
import { readPage } from '../body-schemas';
import type { AppEnv } from '../context';

/** 结果应用函 and 整改 tracking (规程第二十七–二十九条). */
export function resultRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/submissions/:id/result-letter', async (c) =>
    c.json(await getResultLetter(deps, { actor: c.get('actor'), id: c.req.param('id') })),
  );
  app.get('/rectifications', async (c) =>
    c.json(await listRectifications(deps, { actor: c.get('actor'), page: readPage(c) })),
  );
  return app;
}
