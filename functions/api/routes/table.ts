/**
 * Every route of the API with who may call it. The OpenAPI document and the authorization-matrix
 * test are generated from this table; a test checks the Hono app registers exactly these routes.
 */
export type Access = 'public' | 'user' | 'admin';

export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  access: Access;
  summary: string;
  tag: string;
  body?: keyof typeof import('../body-schemas').BODY;
  /** Responds with a list `{ items, cursor }`. */
  list?: boolean;
  idempotent?: boolean;
}

export const ROUTES: RouteInfo[] = [
  { method: 'GET', path: '/api/health', access: 'public', summary: '健康检查', tag: '系统' },
  { method: 'POST', path: '/api/auth/login', access: 'public', summary: '登录', tag: '身份', body: 'login' },
  { method: 'GET', path: '/api/openapi.json', access: 'public', summary: 'OpenAPI 文档', tag: '系统' },
  { method: 'GET', path: '/api/docs', access: 'public', summary: '接口文档页面', tag: '系统' },
  { method: 'GET', path: '/api/me', access: 'user', summary: '当前用户', tag: '身份' },
  { method: 'GET', path: '/api/units', access: 'user', summary: '单位列表', tag: '组织', list: true },
  { method: 'GET', path: '/api/dashboard', access: 'user', summary: '工作台统计', tag: '填报' },
  { method: 'GET', path: '/api/forms', access: 'user', summary: '已发布表单', tag: '表单', list: true },
  { method: 'GET', path: '/api/forms/:formId', access: 'user', summary: '表单（已发布版本）', tag: '表单' },
  { method: 'GET', path: '/api/forms/:formId/versions/:version', access: 'user', summary: '表单的某个版本', tag: '表单' },
  { method: 'GET', path: '/api/chains/:chainId/versions/:version', access: 'user', summary: '审核链的某个版本', tag: '表单' },
  { method: 'POST', path: '/api/submissions', access: 'user', summary: '新建填报', tag: '填报', body: 'create', idempotent: true },
  { method: 'GET', path: '/api/submissions', access: 'user', summary: '填报列表（可见范围内）', tag: '填报', list: true },
  { method: 'GET', path: '/api/submissions/:id', access: 'user', summary: '填报详情', tag: '填报' },
  { method: 'PUT', path: '/api/submissions/:id', access: 'user', summary: '保存草稿或退回的填报', tag: '填报', body: 'save' },
  { method: 'POST', path: '/api/submissions/:id/validate', access: 'user', summary: '服务器校验（不保存）', tag: '填报', body: 'validate' },
  { method: 'POST', path: '/api/submissions/:id/submit', access: 'user', summary: '提交', tag: '填报', body: 'submit', idempotent: true },
  { method: 'POST', path: '/api/submissions/:id/withdraw', access: 'user', summary: '撤回', tag: '填报', body: 'withdraw', idempotent: true },
  { method: 'POST', path: '/api/submissions/:id/decisions', access: 'user', summary: '审核决定', tag: '审核', body: 'decide', idempotent: true },
  { method: 'GET', path: '/api/submissions/:id/history', access: 'user', summary: '办理历史', tag: '审核', list: true },
  { method: 'GET', path: '/api/submissions/:id/snapshots', access: 'user', summary: '各轮提交的数据快照', tag: '审核', list: true },
  { method: 'GET', path: '/api/tasks', access: 'user', summary: '待办 / 已办', tag: '审核', list: true },
  { method: 'POST', path: '/api/admin/chains', access: 'admin', summary: '保存审核链（新版本）', tag: '管理', body: 'chain', idempotent: true },
  { method: 'GET', path: '/api/admin/chains', access: 'admin', summary: '审核链列表', tag: '管理', list: true },
  { method: 'POST', path: '/api/admin/forms', access: 'admin', summary: '保存表单（新草稿版本）', tag: '管理', body: 'form', idempotent: true },
  { method: 'GET', path: '/api/admin/forms', access: 'admin', summary: '全部表单及版本', tag: '管理', list: true },
  { method: 'POST', path: '/api/admin/forms/:formId/versions/:version/publish', access: 'admin', summary: '发布表单版本', tag: '管理', idempotent: true },
  { method: 'POST', path: '/api/admin/users', access: 'admin', summary: '新建用户', tag: '管理', body: 'user', idempotent: true },
  { method: 'GET', path: '/api/admin/users', access: 'admin', summary: '用户列表', tag: '管理', list: true },
  // Versions, 指标库, organisation, calendar (issue "Admin: new forms and review chains without code, versioned")
  { method: 'GET', path: '/api/admin/forms/:formId/versions', access: 'admin', summary: '表单的全部版本', tag: '管理', list: true },
  { method: 'GET', path: '/api/admin/forms/:formId/diff', access: 'admin', summary: '两个表单版本的结构差异', tag: '管理' },
  { method: 'POST', path: '/api/admin/forms/:formId/versions/:version/dry-run', access: 'admin', summary: '试运行：在办草稿在该版本下能否通过校验', tag: '管理' },
  { method: 'POST', path: '/api/submissions/:id/upgrade', access: 'user', summary: '将草稿或退回的填报升级到新表单版本', tag: '填报', body: 'upgrade', idempotent: true },
  { method: 'GET', path: '/api/admin/chains/:chainId/versions', access: 'admin', summary: '审核链的全部版本', tag: '管理', list: true },
  { method: 'GET', path: '/api/indicators', access: 'user', summary: '县级预算绩效指标库（第十八条）', tag: '指标库', list: true },
  { method: 'POST', path: '/api/admin/indicators', access: 'admin', summary: '新增指标', tag: '管理', body: 'indicator', idempotent: true },
  { method: 'PUT', path: '/api/admin/indicators/:id', access: 'admin', summary: '修改或停用指标', tag: '管理', body: 'indicatorUpdate' },
  { method: 'GET', path: '/api/admin/units', access: 'admin', summary: '单位（含归口、停用）', tag: '管理', list: true },
  { method: 'POST', path: '/api/admin/units', access: 'admin', summary: '新增单位', tag: '管理', body: 'unit', idempotent: true },
  { method: 'PUT', path: '/api/admin/units/:id', access: 'admin', summary: '修改或停用单位', tag: '管理', body: 'unitUpdate' },
  { method: 'GET', path: '/api/admin/settings', access: 'admin', summary: '资金类型分办设置（第九条）', tag: '管理' },
  { method: 'PUT', path: '/api/admin/settings', access: 'admin', summary: '修改资金类型分办设置（第九条）', tag: '管理', body: 'settings' },
  { method: 'PUT', path: '/api/admin/users/:id', access: 'admin', summary: '修改、停用用户或重置密码', tag: '管理', body: 'userUpdate' },
  { method: 'GET', path: '/api/calendar', access: 'user', summary: '节假日安排（已知年度）', tag: '系统', list: true },
  { method: 'GET', path: '/api/calendar/due-date', access: 'user', summary: '按工作日计算办理期限', tag: '系统' },
  { method: 'PUT', path: '/api/admin/calendar/:year', access: 'admin', summary: '新增或修正某年节假日安排', tag: '管理', body: 'calendar' },
];
