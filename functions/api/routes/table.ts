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
];
