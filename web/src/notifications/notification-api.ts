/** The in-app notification center (催报, and later 催办, results, deadlines): shapes and calls. */
import { api, query } from '../api/client';
import type { ListPage } from '../api/types';

export interface AppNotification {
  id: string;
  type: string;
  title: string;
  message?: string;
  at: string;
  read: boolean;
  /** An app path, e.g. /campaigns/<id> or /submissions/<id>. */
  link?: string | null;
}

export const notificationApi = {
  list: (cursor?: string | null) =>
    api<ListPage<AppNotification> & { unread?: number }>('GET', `/api/notifications${query({ cursor, limit: 20 })}`),
  unreadCount: () =>
    api<{ unread?: number; count?: number }>('GET', '/api/notifications/unread-count').then(
      (r) => r.unread ?? r.count ?? 0,
    ),
  markRead: (id: string) => api<unknown>('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api<unknown>('POST', '/api/notifications/read-all'),
};

/** Only same-app paths are followed (a link is data, never a way off the site). */
export function safeLink(link: string | null | undefined): string | null {
  return link && /^\/(?!\/)/.test(link) ? link : null;
}

export const NOTIFICATION_TYPE_LABELS: Record<string, string> = {
  campaign_reminder: '催报',
  campaign_deadline: '截止提醒',
  campaign_issued: '新任务',
  submission_reminder: '催办',
  rectification_overdue: '整改反馈逾期',
};
