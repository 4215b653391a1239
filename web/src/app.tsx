import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, HashRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { installStyleNonce, readCspNonce } from './csp';
import { AppShell } from './layout/app-shell';
import { usePrefersReducedMotion } from './lib/reduced-motion';

/**
 * Routes live in the path, except where the deployment has no SPA fallback at the edge (CloudFront in the China
 * regions has no CloudFront Functions): its index.html carries <meta name="jx-routes" content="hash">.
 */
const Router =
  typeof document !== 'undefined' && document.querySelector('meta[name="jx-routes"][content="hash"]')
    ? HashRouter
    : BrowserRouter;

/** antd's default blue and greys fall below WCAG AA contrast (4.5:1) for normal text; these darker ones do not. */
const ACCESSIBLE_THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.55)',
    colorInfo: '#0958d9',
    colorSuccess: '#237804',
    colorSuccessText: '#135200',
    colorSuccessTextActive: '#092b00',
    colorWarning: '#8a5300',
    colorWarningBg: '#fffbe6',
    colorWarningBgHover: '#fff1b8',
    colorWarningBorder: '#ffe58f',
    colorError: '#cf1322',
  },
};
/** The same, without antd's motion, for people whose system asks for less of it. */
const CALM_THEME = { token: { ...ACCESSIBLE_THEME.token, motion: false } };

dayjs.locale('zh-cn');

// Lists and the dashboard are light; pages that use rjsf/ajv/forms-lib load only when opened.
const LoginPage = lazy(() => import('./pages/login-page').then((m) => ({ default: m.LoginPage })));
const DashboardPage = lazy(() => import('./pages/dashboard-page'));
const MySubmissionsPage = lazy(() => import('./pages/my-submissions-page'));
const NewSubmissionPage = lazy(() => import('./pages/new-submission-page'));
const TasksPage = lazy(() => import('./pages/tasks-page'));
const FillPage = lazy(() => import('./pages/fill-page'));
const ReviewPage = lazy(() => import('./pages/review-page'));
const PrintPage = lazy(() => import('./pages/print-page'));
// 填报任务 and 统计分析 (echarts only in the statistics chunk).
const CampaignsPage = lazy(() => import('./campaigns/campaigns-page'));
const PublicationsPage = lazy(() => import('./publications/publications-page'));
const IssueCampaignPage = lazy(() => import('./campaigns/issue-campaign-page'));
const CampaignBoardPage = lazy(() => import('./campaigns/campaign-board-page'));
const StatisticsPage = lazy(() => import('./statistics/statistics-page'));
// 结果应用函 and 整改跟踪 (规程第二十七–二十九条).
const ResultLetterPage = lazy(() => import('./results/result-letter-page'));
const RectificationsPage = lazy(() => import('./results/rectifications-page'));
const AssignEvaluationsPage = lazy(() => import('./evaluations/assign-evaluations-page'));
// 系统管理 (admin only): designers, versions, 指标库, organisation — its own chunks.
const AdminApp = lazy(() => import('./admin/admin-app'));
const ProfilePage = lazy(() => import('./pages/profile-page'));
const DelegationsPage = lazy(() => import('./pages/delegations-page'));

const nonce = readCspNonce();
installStyleNonce(nonce);

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description="加载中…" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export function App() {
  const reduceMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={zhCN}
      csp={nonce ? { nonce } : undefined}
      button={{ autoInsertSpace: false }}
      theme={reduceMotion ? CALM_THEME : ACCESSIBLE_THEME}
    >
      <AntApp>
        <AuthProvider>
          <Router>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  path="/submissions/:id/print"
                  element={
                    <RequireAuth>
                      <PrintPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/submissions/:id/letter"
                  element={
                    <RequireAuth>
                      <ResultLetterPage />
                    </RequireAuth>
                  }
                />
                <Route
                  element={
                    <RequireAuth>
                      <AppShell />
                    </RequireAuth>
                  }
                >
                  <Route index element={<DashboardPage />} />
                  <Route path="submissions" element={<MySubmissionsPage />} />
                  <Route path="submissions/new" element={<NewSubmissionPage />} />
                  <Route path="submissions/:id" element={<FillPage />} />
                  <Route path="review/:id" element={<ReviewPage />} />
                  <Route path="tasks" element={<TasksPage tab="open" />} />
                  <Route path="tasks/done" element={<TasksPage tab="done" />} />
                  <Route path="campaigns" element={<CampaignsPage />} />
                  <Route path="campaigns/new" element={<IssueCampaignPage />} />
                  <Route path="campaigns/:id" element={<CampaignBoardPage />} />
                  <Route path="statistics" element={<StatisticsPage />} />
                  <Route path="publications" element={<PublicationsPage />} />
                  <Route path="rectifications" element={<RectificationsPage />} />
                  <Route path="evaluations/assign" element={<AssignEvaluationsPage />} />
                  <Route path="admin/*" element={<AdminApp />} />
                  <Route path="profile" element={<ProfilePage />} />
                  <Route path="delegations" element={<DelegationsPage />} />
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Route>
              </Routes>
            </Suspense>
          </Router>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
