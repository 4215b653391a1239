import { Button, Grid, Layout, Menu, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { isFiller, isReviewer, useAuth } from '../auth';
import { identityLine } from '../lib/person';
import './app-shell.css';

const { Header, Sider, Content } = Layout;
// The bell has its own chunk: the first load of every page stays as it was.
const NotificationBell = lazy(() => import('../notifications/notification-bell'));
// The phone menu's drawer loads the first time ☰ is pressed: a desktop never loads it.
const Drawer = lazy(() => import('antd/es/drawer'));

/** The frame of every signed-in page: header, menu (a drawer behind ☰ below 992 px), content. */
export function AppShell() {
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement `lg` is undefined: start narrow so nothing overflows a phone.
  const wide = screens.lg === true;
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuUsed, setMenuUsed] = useState(false);

  const items = useMemo(() => {
    const list: { key: string; label: string }[] = [{ key: '/', label: '工作台' }];
    // A third-party agency only fills the evaluations assigned to it (第二十六条).
    if (me?.unitKind === 'agency') return [...list, { key: '/submissions', label: '评价任务' }];
    if (isFiller(me)) {
      list.push({ key: '/submissions', label: '我的填报' }, { key: '/submissions/new', label: '新建填报' });
    } else {
      list.push({ key: '/submissions', label: '填报查询' });
    }
    list.push({ key: '/campaigns', label: '填报任务' }, { key: '/statistics', label: '统计分析' });
    if (isReviewer(me)) list.push({ key: '/publications', label: '公开复核' });
    list.push({ key: '/rectifications', label: '整改跟踪' });
    if (me?.unitId === 'jxpj') list.push({ key: '/evaluations/assign', label: '财政评价分派' });
    // A deputy decides their unit's steps on someone's behalf while the delegation lasts.
    if (isReviewer(me) || !isFiller(me) || me?.standsInFor?.length) {
      list.push({ key: '/tasks', label: '待办' }, { key: '/tasks/done', label: '已办' });
    }
    if (me?.roles.includes('admin')) list.push({ key: '/admin', label: '系统管理' });
    if (!me?.roles.includes('admin')) list.push({ key: '/delegations', label: '委托代办' });
    list.push({ key: '/profile', label: '个人设置' });
    return list;
  }, [me]);

  const path = location.pathname;
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the drawer whenever the page changes
  useEffect(() => setMenuOpen(false), [path]);
  const selected =
    items
      .map((i) => i.key)
      .filter((k) => (k === '/' ? path === '/' : path === k || path.startsWith(`${k}/`)))
      .sort((a, b) => b.length - a.length)[0] ?? (path.startsWith('/review') ? '/tasks' : '/');

  const identity = me ? identityLine(me) : '';
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={({ key }) => navigate(key)}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const signOut = () => {
    logout();
    navigate('/login');
  };

  return (
    <Layout className={wide ? 'app-shell' : 'app-shell app-shell-narrow'} style={{ minHeight: '100vh' }}>
      <Header className="app-header">
        {wide ? null : (
          <Button
            className="app-menu-button"
            type="text"
            aria-label="菜单"
            aria-expanded={menuOpen}
            onClick={() => {
              setMenuUsed(true);
              setMenuOpen(true);
            }}
          >
            <span className="app-burger" aria-hidden="true" />
          </Button>
        )}
        <Typography.Text strong className="app-title">
          {wide ? '信丰县预算绩效管理平台' : '预算绩效管理'}
        </Typography.Text>
        <span className="app-user">
          <Suspense fallback={null}>
            <NotificationBell />
          </Suspense>
          {wide ? (
            <span className="app-identity" data-testid="current-user">
              {identity}
            </span>
          ) : null}
          <Button size="small" onClick={signOut}>
            退出
          </Button>
        </span>
      </Header>
      <Layout>
        {wide ? (
          <Sider width={176} theme="light">
            {menu}
          </Sider>
        ) : menuUsed ? (
          <Suspense fallback={null}>
            <Drawer
              placement="left"
              size={260}
              open={menuOpen}
              onClose={() => setMenuOpen(false)}
              title="预算绩效管理"
              className="app-menu-drawer"
              styles={{ body: { padding: 0 } }}
            >
              <div className="app-drawer-identity" data-testid="current-user">
                {identity}
              </div>
              {menu}
            </Drawer>
          </Suspense>
        ) : null}
        <Content className="app-content">
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
