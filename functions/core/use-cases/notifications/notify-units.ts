import type { Notification, NotificationType } from '../../campaign-model';
import type { User } from '../../model';
import type { Deps } from '../../ports';

/**
 * The platform's one notification mechanism. A notification addresses a unit and is fanned out, when
 * written, to each active user of that unit: read state and unread counts are each user's own.
 */
export async function activeUsersByUnit(deps: Deps): Promise<Map<string, User[]>> {
  const out = new Map<string, User[]>();
  let cursor: string | undefined;
  // Bounded: a county platform has a few hundred users.
  for (let i = 0; i < 20; i++) {
    const page = await deps.users.list({ cursor, limit: 100 });
    for (const u of page.items) {
      if (u.disabled) continue;
      out.set(u.unitId, [...(out.get(u.unitId) ?? []), u]);
    }
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  return out;
}

/** Ids begin with the time (base 36, fixed width) so a user's notifications sort newest first. */
export function notificationId(at: string, unique: string): string {
  return `${Date.parse(at).toString(36).padStart(10, '0')}-${unique.replace(/-/g, '').slice(0, 12)}`;
}

export function notificationsForUnit(
  deps: Deps,
  users: User[],
  base: {
    unitId: string;
    type: NotificationType;
    title: string;
    message: string;
    at: string;
    link: string;
    fromUserId: string | null;
  },
): Notification[] {
  return users.map((u) => ({ ...base, id: notificationId(base.at, deps.ids.newId()), userId: u.id, read: false }));
}
