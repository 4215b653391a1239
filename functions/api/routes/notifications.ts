import { Hono } from 'hono';
import type { Deps } from '../../core/ports';
import { listNotifications, readNotification, unreadCount } from '../../core/use-cases/notifications/notifications';
import { readPage } from '../body-schemas';
import type { AppEnv } from '../context';

/** The notification center (the bell): the caller's own items only. */
export function notificationRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const page = await listNotifications(deps, {
      actor: c.get('actor'),
      page: readPage(c),
      unread: c.req.query('unread') === 'true',
    });
    return c.json({
      items: page.items.map((n) => ({
        id: n.id,
        type: n.type,
        title: n.title,
        message: n.message,
        at: n.at,
        read: n.read,
        readAt: n.readAt ?? null,
        link: n.link,
      })),
      cursor: page.cursor,
      unread: page.unread,
    });
  });
  app.get('/unread-count', async (c) => c.json(await unreadCount(deps, { actor: c.get('actor') })));
  app.post('/:id/read', async (c) =>
    c.json(await readNotification(deps, { actor: c.get('actor'), id: c.req.param('id') })),
  );
  return app;
}
