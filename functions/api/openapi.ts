import { BODY } from './body-schemas';
import { ROUTES } from './routes/table';

const ERROR = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string', description: '中文错误说明' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

/** The OpenAPI 3.1 document, generated from the route table and the request-body schemas. */
export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = r.list
      ? [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ]
      : [];
    const filters = (r.query ?? []).map((name) => ({ name, in: 'query', schema: { type: 'string' } }));
    const headers = r.idempotent
      ? [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' } }]
      : [];
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      ...(r.access === 'public' ? { security: [] } : {}),
      parameters: [...params, ...query, ...filters, ...headers],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: BODY[r.body] } } } } : {}),
      responses: {
        '200': { description: '成功' },
        ...(r.method === 'POST' ? { '201': { description: '已创建' } } : {}),
        ...(r.method === 'DELETE' ? { '204': { description: '已删除' } } : {}),
        '400': { description: '请求格式错误', content: { 'application/json': { schema: ERROR } } },
        '401': { description: '未登录或登录已失效', content: { 'application/json': { schema: ERROR } } },
        '403': { description: '没有权限', content: { 'application/json': { schema: ERROR } } },
        '404': { description: '不存在或不可见', content: { 'application/json': { schema: ERROR } } },
        '409': { description: '版本或步骤冲突', content: { 'application/json': { schema: ERROR } } },
        '413': { description: '请求体过大' },
        '415': { description: '不是 JSON' },
        '422': { description: '校验未通过', content: { 'application/json': { schema: ERROR } } },
        '429': { description: '请求过于频繁' },
        '503': { description: '服务繁忙，请按 Retry-After 重试' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '绩效 Jixiao API', version: '1.0.0', description: '信丰县财政局预算绩效管理表单与审核平台接口' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

/** A plain, script-free HTML listing of the API (the JSON document is the machine-readable one). */
export function docsPage(): string {
  const rows = ROUTES.map(
    (r) =>
      `<tr><td>${r.method}</td><td><code>${r.path}</code></td><td>${r.summary}</td><td>${{ public: '公开', user: '登录用户', admin: '管理员' }[r.access]}</td></tr>`,
  ).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>绩效 API 文档</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style></head>
<body><h1>绩效 Jixiao API</h1><p>机器可读文档：<a href="/api/openapi.json">/api/openapi.json</a></p>
<table><thead><tr><th>方法</th><th>路径</th><th>说明</th><th>权限</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
