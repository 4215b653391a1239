import type { Notification } from '../../campaign-model';
import { coded, NotFoundError } from '../../errors';
import type { Actor, Page } from '../../model';
import type { Deps, PageRequest } from '../../ports';

/** The caller's notifications, newest first (`unread` keeps only the unread ones), and the unread count. */
export async function listNotifications(
  deps: Deps,
  input: { actor: Actor; page: PageRequest; unread?: boolean },
): Promise<Page<Notification> & { unread: number }> {
  const [page, unread] = await Promise.all([
    deps.notifications.list(input.actor.id, input.page, { unread: input.unread }),
    deps.notifications.unreadCount(input.actor.id),
  ]);
  return { ...page, unread };
}

/** The caller's unread count (the bell). */
export async function unreadCount(deps: Deps, input: { actor: Actor }): Promise<{ unread: number }> {
  return { unread: await deps.notifications.unreadCount(input.actor.id) };
}

/** Marks one of the caller's notifications read; someone else's id is 404. Marking twice changes nothing. */
export async function readNotification(deps: Deps, input: { actor: Actor; id: string }): Promise<{ unread: number }> {
  const ok = await deps.notifications.markRead(input.actor.id, input.id, deps.clock.now());
  if (!ok) throw coded(new NotFoundError('通知不存在'), 'NOTIFICATION_NOT_FOUND');
  return { unread: await deps.notifications.unreadCount(input.actor.id) };
}
