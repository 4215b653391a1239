/**
 * The header's bell: the unread count (polled every minute and when the tab comes back), and the list in a
 * drawer. Loaded lazily by the app shell so the first load of every page stays as it was.
 */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { notificationApi } from './notification-api';

const NotificationDrawer = lazy(() => import('./notification-drawer'));
const POLL_MS = 60_000;

export function useUnreadCount(): [number, () => void] {
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    notificationApi
      .unreadCount()
      .then(setCount)
      .catch(() => {
        // keep the last count: the bell is a hint, the list is the truth
      });
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);
  return [count, refresh];
}

export default function NotificationBell() {
  const [count, refresh] = useUnreadCount();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page change is a good moment to look again
  useEffect(refresh, [pathname, refresh]);
  return (
    <>
      <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button
          type="text"
          className="notification-bell"
          aria-label={count ? `消息通知，${count} 条未读` : '消息通知'}
          data-testid="notification-bell"
          icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
          onClick={() => setOpen(true)}
        />
      </Badge>
      {open ? (
        <Suspense fallback={null}>
          <NotificationDrawer open={open} onClose={() => setOpen(false)} onChange={refresh} />
        </Suspense>
      ) : null}
    </>
  );
}
