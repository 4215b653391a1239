import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { isFiller, isReviewer, useAuth } from '../auth';
import { ROLE_LABELS } from '../lib/labels';
import './shell.css';

const { Header, Sider, Content } = Layout;
// The bell has its own chunk: the first load of every page stays as it was.
const NotificationBell = lazy(() => import('../notifications/notification-bell'));

export function AppShell() {
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [folded, setFolded] = useState(false);

  const items = useMemo(() => {
    const list: { key: string; label: string }[] = [{ key: '/', label: '工作台' }];
    if (isFiller(me)) {
      list.push({ key: '/submissions', label: '我的填报' }, { key: '/submissions/new', label: '新建填报' });
    } else {
      list.push({ key: '/submissions', label: '填报查询' });
    }
    list.push({ key: '/campaigns', label: '填报任务' }, { key: '/statistics', label: '统计分析' });
    if (isReviewer(me) || !isFiller(me)) {
      list.push({ key: '/tasks', label: '待办' }, { key: '/tasks/done', label: '已办' });
    }
    if (me?.roles.includes('admin')) list.push({ key: '/admin', label: '系统管理' });
    return list;
  }, [me]);

  const path = location.pathname;
  const selected =
    items
      .map((i) => i.key)
      .filter((k) => (k === '/' ? path === '/' : path === k || path.startsWith(`${k}/`)))
      .sort((a, b) => b.length - a.length)[0] ?? (path.startsWith('/review') ? '/tasks' : '/');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        className="app-header"
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}
      >
        <Typography.Text strong className="app-title" style={{ color: '#fff', fontSize: 18 }}>
          信丰县预算绩效管理平台
        </Typography.Text>
        <Space size="middle">
          <Suspense fallback={null}>
            <NotificationBell />
          </Suspense>
          <span className="app-user" style={{ color: 'rgba(255,255,255,0.85)' }} data-testid="current-user">
            {me?.unitName} · {me?.name}
            {me?.roles.length ? `（${me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}）` : ''}
          </span>
          <Button
            size="small"
            onClick={() => {
              logout();
              navigate('/login');
            }}
          >
            退出
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider width={176} theme="light" breakpoint="md" collapsedWidth={0} collapsed={folded} onCollapse={setFolded}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            onClick={({ key }) => {
              navigate(key);
              if (window.innerWidth < 768) setFolded(true);
            }}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Sider>
        <Content className="app-content" style={{ padding: 20, minWidth: 0 }}>
          <Suspense
            fallback={
              <div style={{ padding: 48, textAlign: 'center' }}>
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
