import { Menu } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { ChainDesignerPage } from './chain-designer-page';
import { ChainsPage } from './chains-page';
import { FormDesignerPage } from './form-designer-page';
import { FormsPage } from './forms-page';
import { IndicatorsPage } from './indicators-page';
import OrgCyclePage from './org-cycle-page';
import { OrgPage } from './org-page';
import { VersionsPage } from './versions-page';

const SECTIONS = [
  { key: '/admin/forms', label: '表单' },
  { key: '/admin/chains', label: '审核链' },
  { key: '/admin/indicators', label: '指标库' },
  { key: '/admin/org', label: '组织机构与日历' },
  { key: '/admin/cycle', label: '乡镇与公开复核' },
];

/** 系统管理 (role admin): form and chain designers, versions, 指标库, organisation. Loaded lazily, never in the login/inbox chunks. */
export default function AdminApp() {
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  if (!me?.roles.includes('admin')) return <Navigate to="/" replace />;
  const selected = SECTIONS.find((s) => location.pathname.startsWith(s.key))?.key ?? '/admin/forms';
  return (
    <div className="admin-app">
      <Menu
        mode="horizontal"
        selectedKeys={[selected]}
        items={SECTIONS}
        onClick={({ key }) => navigate(key)}
        style={{ marginBottom: 16 }}
      />
      <Routes>
        <Route index element={<Navigate to="forms" replace />} />
        <Route path="forms" element={<FormsPage />} />
        <Route path="forms/new" element={<FormDesignerPage />} />
        <Route path="forms/:formId/design" element={<FormDesignerPage />} />
        <Route path="forms/:formId/versions" element={<VersionsPage />} />
        <Route path="chains" element={<ChainsPage />} />
        <Route path="chains/new" element={<ChainDesignerPage />} />
        <Route path="chains/:chainId" element={<ChainDesignerPage />} />
        <Route path="indicators" element={<IndicatorsPage />} />
        <Route path="org" element={<OrgPage />} />
        <Route path="cycle" element={<OrgCyclePage />} />
        <Route path="*" element={<Navigate to="forms" replace />} />
      </Routes>
    </div>
  );
}
