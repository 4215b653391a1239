/** 消息通知: newest first, unread marked; a click marks it read and opens what it is about. */
import { Alert, Badge, Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { useCursorList } from '../layout/paged-list';
import { formatDateTime } from '../lib/labels';
import { type AppNotification, NOTIFICATION_TYPE_LABELS, notificationApi, safeLink } from './notification-api';
import './notifications.css';

export function NotificationList({ onChange, onOpen }: { onChange(): void; onOpen?(): void }) {
  const list = useCursorList((cursor) => notificationApi.list(cursor), []);
  const [read, setRead] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const isRead = (n: AppNotification) => n.read || read.has(n.id);
  const unread = list.items.filter((n) => !isRead(n));

  const markRead = async (n: AppNotification) => {
    if (isRead(n)) return;
    setRead((s) => new Set(s).add(n.id));
    try {
      await notificationApi.markRead(n.id);
    } catch (e) {
      setError(errorMessage(e));
    }
    onChange();
  };

  const markAll = async () => {
    setError(null);
    try {
      await notificationApi.markAllRead();
    } catch {
      // no bulk route (or it failed): one by one
      try {
        await Promise.all(unread.map((n) => notificationApi.markRead(n.id)));
      } catch (e) {
        setError(errorMessage(e));
      }
    }
    setRead(new Set(list.items.map((n) => n.id)));
    onChange();
  };

  const open = (n: AppNotification) => {
    void markRead(n);
    onOpen?.();
  };

  return (
    <div className="notification-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text type="secondary">{unread.length ? `${unread.length} 条未读` : '没有未读消息'}</Typography.Text>
        <Button size="small" disabled={!unread.length} onClick={() => void markAll()}>
          全部标为已读
        </Button>
      </Space>
      {error || list.error ? (
        <Alert type="error" showIcon title={error ?? errorMessage(list.error)} style={{ marginBottom: 8 }} />
      ) : null}
      <List<AppNotification>
        loading={list.loading}
        dataSource={list.items}
        locale={{ emptyText: '暂无消息' }}
        renderItem={(n) => (
          <List.Item
            className={isRead(n) ? 'notification read' : 'notification unread'}
            data-notification-id={n.id}
            actions={
              isRead(n)
                ? []
                : [
                    <Button key="read" type="link" size="small" onClick={() => void markRead(n)}>
                      标为已读
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  {isRead(n) ? null : <Badge status="processing" />}
                  {NOTIFICATION_TYPE_LABELS[n.type] ? <Tag>{NOTIFICATION_TYPE_LABELS[n.type]}</Tag> : null}
                  {safeLink(n.link) ? (
                    <Link to={safeLink(n.link) as string} onClick={() => open(n)}>
                      {n.title}
                    </Link>
                  ) : (
                    <span>{n.title}</span>
                  )}
                </Space>
              }
              description={
                <>
                  {n.message ? <div className="notification-message">{n.message}</div> : null}
                  <Typography.Text type="secondary">{formatDateTime(n.at)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {list.cursor ? (
        <div style={{ textAlign: 'center' }}>
          <Button onClick={list.loadMore} loading={list.loading}>
            加载更多
          </Button>
        </div>
      ) : null}
    </div>
  );
}

export default function NotificationDrawer({
  open,
  onClose,
  onChange,
}: {
  open: boolean;
  onClose(): void;
  onChange(): void;
}) {
  return (
    <Drawer title="消息通知" open={open} onClose={onClose} size="min(420px, 100vw)" destroyOnHidden>
      <NotificationList onChange={onChange} onOpen={onClose} />
    </Drawer>
  );
}
