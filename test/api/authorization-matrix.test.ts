import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes/table';
import { isValidator } from '../../functions/api/validated';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';
import {
  atBizReview,
  CHINESE,
  createUsers,
  expectChineseError,
  expectError,
  returnedSubmission,
  snapshot,
} from '../support/proof';

/**
 * Every route of ROUTES × every kind of caller. The table below must have a row for each route:
 * a route added to ROUTES without one fails the first test, so no route can be forgotten.
 */
const ACTORS = ['jtj', 'jyj', 'jjs', 'kjw', 'jxpj', 'ysg', 'admin', 'anonymous', 'tampered'] as const;
type ActorKey = (typeof ACTORS)[number];
const ACTOR_ROLE: Record<ActorKey, string> = {
  jtj: '本单位填报人',
  jyj: '其他单位填报人',
  jjs: '归口业务股室',
  kjw: '其他业务股室',
  jxpj: '绩效评价服务股',
  ysg: '预算股',
  admin: '管理员',
  anonymous: '未登录',
  tampered: '篡改的令牌',
};

let api: TestApi;
let tamperedToken: string;
/** jtj's submission with bizReview (jjs) open. */
let inReview: string;

interface Req {
  path: string;
  body?: unknown;
}
interface Row {
  /** Builds the request; called again after a cell that changed the record. */
  prepare: () => Promise<Req>;
  expect: Record<ActorKey, number>;
}

const everyone = (status: number): Record<ActorKey, number> =>
  Object.fromEntries(ACTORS.map((a) => [a, status])) as Record<ActorKey, number>;
const users = (status: number): Record<ActorKey, number> => ({ ...everyone(status), anonymous: 401, tampered: 401 });
const adminOnly = (status: number): Record<ActorKey, number> => ({ ...users(403), admin: status });
/** Visibility of a submitted jtj submission: own unit, the managing section, and the global units. */
const onSubmitted = (own: number, viewers: number): Record<ActorKey, number> => ({
  jtj: own,
  jyj: 404,
  jjs: viewers,
  kjw: 404,
  jxpj: viewers,
  ysg: viewers,
  admin: viewers,
  anonymous: 401,
  tampered: 401,
});

const fixed = (path: string, body?: unknown) => async () => ({ path, body });

let target: string | undefined;
/** jtj's project target, approved through its whole chain (once). */
async function approvedTarget(): Promise<string> {
  if (target) return target;
  const id = await api.submittedProjectTarget('jtj');
  for (const who of ['jtjld', 'jjs', 'jxpj', 'ysg']) await api.decide(id, who);
  target = id;
  return id;
}

/** A 年度财政评价对象建议表 filed by 绩效评价服务股 and approved by 预算股 and the 领导小组. */
async function approvedPlan(): Promise<string> {
  const data = {
    planYear: 2026,
    objects: [
      {
        objectType: 'project',
        objectName: '农村公路日常养护项目',
        competentDeptCode: '118001',
        competentDeptName: '信丰县交通运输局',
        amount: '1325.00',
        proposedBy: 'business',
        reasons: '资金量大',
        mode: 'thirdParty',
        feeEstimate: '8.00',
      },
    ],
    preparedUnit: '绩效评价服务股',
    preparedBy: '陈某',
    contactPhone: '0797-3310001',
  };
  const plan = await api.json('POST', '/api/submissions', {
    as: 'jxpjtb',
    body: { formId: 'fiscal-evaluation-plan', data },
  });
  await api.json('POST', `/api/submissions/${plan.body.id}/submit`, { as: 'jxpjtb' });
  for (const who of ['ysg', 'ldxz']) await api.decide(plan.body.id, who);
  return plan.body.id;
}

let challengeUsers = 0;
/** An admin-made user's first sign-in: the session of its NEW_PASSWORD_REQUIRED challenge. */
async function pendingChallenge() {
  const username = `mchal${challengeUsers++}`;
  await api.json('POST', '/api/admin/users', {
    as: 'admin',
    body: { username, name: '矩阵用户', unitId: 'jtj', roles: ['filler'], temporaryPassword: 'Temp-2026m' },
  });
  const first = await api.json('POST', '/api/auth/login', { body: { username, password: 'Temp-2026m' } });
  return {
    path: '/api/auth/challenge',
    body: { username, session: first.body.session, newPassword: 'Xinfeng2026ok' },
  };
}

/** A fresh open campaign addressed to jtj only. */
async function jtjCampaign(): Promise<string> {
  const r = await api.json('POST', '/api/campaigns', {
    as: 'jxpj',
    body: {
      formId: 'project-target',
      title: '矩阵任务（交通局）',
      year: 2026,
      dueDate: '2026-03-31',
      unitIds: ['jtj'],
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}
/** A completed PDF uploaded by jtj (not yet in any submission). */
async function jtjFile(): Promise<string> {
  const bytes = '%PDF-1.4 matrix';
  const r = await api.json('POST', '/api/attachments', {
    as: 'jtj',
    body: { name: 'a.pdf', size: bytes.length, contentType: 'application/pdf' },
  });
  await api.app.request(r.body.upload.url, { method: 'PUT', body: bytes });
  expect((await api.json('POST', `/api/attachments/${r.body.id}/complete`, { as: 'jtj' })).status).toBe(200);
  return r.body.id;
}
/** A campaign addressed to jtj: jtj sees its row, units outside it get 404, issuers act. */
const onCampaign = (own: number, issuers: number): Record<ActorKey, number> => ({
  ...users(404),
  jtj: own,
  jxpj: issuers,
  ysg: issuers,
  admin: issuers,
});

const MATRIX: Record<string, Row> = {
  'GET /api/health': { prepare: fixed('/api/health'), expect: everyone(200) },
  'POST /api/auth/login': {
    prepare: fixed('/api/auth/login', { username: 'jyjld', password: DEMO_PASSWORD }),
    expect: everyone(200),
  },
  // A fresh user with a temporary password each time: the challenge is open to anyone holding its session.
  'POST /api/auth/challenge': { prepare: pendingChallenge, expect: everyone(200) },
  'POST /api/auth/refresh': { prepare: fixed('/api/auth/refresh'), expect: everyone(204) },
  'POST /api/auth/logout': { prepare: fixed('/api/auth/logout'), expect: everyone(204) },
  'GET /api/openapi.json': { prepare: fixed('/api/openapi.json'), expect: everyone(200) },
  'GET /api/docs': { prepare: fixed('/api/docs'), expect: everyone(200) },
  'GET /api/me': { prepare: fixed('/api/me'), expect: users(200) },
  'GET /api/me/preferences': { prepare: fixed('/api/me/preferences'), expect: users(200) },
  // Each caller changes only their own preference (no version: the stored one is used).
  'PUT /api/me/preferences': {
    prepare: fixed('/api/me/preferences', { mailPreference: 'digest' }),
    expect: users(200),
  },
  // 动态验证码: admins only; the admin's enrolment stays pending (never confirmed here), so verify with a
  // non-code answers 422 and disable answers 409 (nothing on).
  'GET /api/me/totp': { prepare: fixed('/api/me/totp'), expect: adminOnly(200) },
  'POST /api/me/totp': { prepare: fixed('/api/me/totp'), expect: adminOnly(200) },
  'POST /api/me/totp/verify': {
    prepare: async () => {
      await api.json('POST', '/api/me/totp', { as: 'admin' });
      return { path: '/api/me/totp/verify', body: { code: 'abcdef' } };
    },
    expect: adminOnly(422),
  },
  'POST /api/me/totp/disable': { prepare: fixed('/api/me/totp/disable', { code: '123456' }), expect: adminOnly(409) },
  'GET /api/units': { prepare: fixed('/api/units'), expect: users(200) },
  'GET /api/dashboard': { prepare: fixed('/api/dashboard'), expect: users(200) },
  'GET /api/dashboard/charts': { prepare: fixed('/api/dashboard/charts'), expect: users(200) },
  'GET /api/forms': { prepare: fixed('/api/forms'), expect: users(200) },
  'GET /api/forms/:formId': { prepare: fixed('/api/forms/project-target'), expect: users(200) },
  'GET /api/forms/:formId/versions/:version': {
    prepare: fixed('/api/forms/project-target/versions/1'),
    expect: users(200),
  },
  'GET /api/chains/:chainId/versions/:version': {
    prepare: fixed('/api/chains/project-target/versions/1'),
    expect: users(200),
  },
  'POST /api/submissions': {
    prepare: fixed('/api/submissions', { formId: 'project-target' }),
    // Only fillers of a department create; reviewers, global units and admins cannot.
    expect: { ...users(403), jtj: 201, jyj: 201 },
  },
  'GET /api/submissions': { prepare: fixed('/api/submissions'), expect: users(200) },
  'GET /api/submissions/:id': {
    prepare: async () => ({ path: `/api/submissions/${inReview}` }),
    expect: onSubmitted(200, 200),
  },
  'DELETE /api/submissions/:id': {
    prepare: async () => ({ path: `/api/submissions/${(await api.createProjectTarget('jtj')).id}` }),
    // A never-submitted draft: only its unit's filler deletes it; to everyone else it does not exist.
    expect: { ...users(404), jtj: 204 },
  },
  'PUT /api/submissions/:id': {
    prepare: async () => {
      const id = await returnedSubmission(api);
      const cur = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
      return { path: `/api/submissions/${id}`, body: { data: cur.body.data, version: cur.body.version } };
    },
    // Reviewers who can see the submission may not edit what they review.
    expect: onSubmitted(200, 403),
  },
  'POST /api/submissions/:id/validate': {
    prepare: async () => {
      const cur = await api.json('GET', `/api/submissions/${inReview}`, { as: 'jtj' });
      return { path: `/api/submissions/${inReview}/validate`, body: { data: cur.body.data } };
    },
    expect: onSubmitted(200, 200),
  },
  'POST /api/submissions/:id/submit': {
    prepare: async () => ({ path: `/api/submissions/${await returnedSubmission(api)}/submit`, body: {} }),
    expect: onSubmitted(200, 403),
  },
  'POST /api/submissions/:id/withdraw': {
    prepare: async () => ({ path: `/api/submissions/${await api.submittedProjectTarget('jtj')}/withdraw`, body: {} }),
    expect: onSubmitted(200, 403),
  },
  'POST /api/submissions/:id/decisions': {
    prepare: async () => ({
      path: `/api/submissions/${await atBizReview(api)}/decisions`,
      body: { stepId: 'bizReview', action: 'approve', comment: '同意' },
    }),
    // The creator never decides (403); only the assignee unit (jjs) acts on the open step.
    expect: { ...onSubmitted(403, 403), jjs: 200 },
  },
  'GET /api/submissions/:id/history': {
    prepare: async () => ({ path: `/api/submissions/${inReview}/history` }),
    expect: onSubmitted(200, 200),
  },
  'GET /api/submissions/:id/snapshots': {
    prepare: async () => ({ path: `/api/submissions/${inReview}/snapshots` }),
    expect: onSubmitted(200, 200),
  },
  'GET /api/tasks': { prepare: fixed('/api/tasks'), expect: users(200) },
  'POST /api/admin/chains': {
    prepare: fixed('/api/admin/chains', {
      id: 'matrix-chain',
      title: '权限矩阵测试审核链',
      steps: [
        {
          id: 'recheck',
          name: '复核',
          basis: '第十六条',
          assignee: { type: 'unit', unitId: 'jxpj' },
          actions: ['approve', 'return'],
        },
      ],
    }),
    expect: adminOnly(201),
  },
  'GET /api/admin/chains': { prepare: fixed('/api/admin/chains'), expect: adminOnly(200) },
  'POST /api/admin/forms': {
    prepare: fixed('/api/admin/forms', {
      id: 'matrix-form',
      title: '权限矩阵测试表',
      schema: { type: 'object', properties: { note: { type: 'string', title: '说明', maxLength: 100 } } },
      uiSchema: {},
      chainId: 'project-target',
    }),
    expect: adminOnly(201),
  },
  'GET /api/admin/forms': { prepare: fixed('/api/admin/forms'), expect: adminOnly(200) },
  'POST /api/admin/forms/:formId/versions/:version/publish': {
    prepare: fixed('/api/admin/forms/matrix-form/versions/1/publish'),
    expect: adminOnly(200),
  },
  'POST /api/admin/users': {
    prepare: async () => ({
      path: '/api/admin/users',
      body: {
        username: `m${randomUUID().slice(0, 8)}`,
        name: '矩阵测试用户',
        unitId: 'jtj',
        roles: ['filler'],
        password: DEMO_PASSWORD,
      },
    }),
    expect: adminOnly(201),
  },
  'GET /api/admin/users': { prepare: fixed('/api/admin/users'), expect: adminOnly(200) },
  'GET /api/admin/forms/:formId/versions': {
    prepare: fixed('/api/admin/forms/project-target/versions'),
    expect: adminOnly(200),
  },
  'GET /api/admin/forms/:formId/diff': {
    prepare: fixed('/api/admin/forms/project-target/diff?from=1&to=1'),
    expect: adminOnly(200),
  },
  'POST /api/admin/forms/:formId/versions/:version/dry-run': {
    prepare: fixed('/api/admin/forms/project-target/versions/1/dry-run'),
    expect: adminOnly(200),
  },
  'POST /api/submissions/:id/upgrade': {
    // No newer version is published: the submitting unit (and the admin) get past authorization to a 422.
    prepare: async () => ({
      path: `/api/submissions/${await returnedSubmission(api)}/upgrade`,
      body: { toVersion: 99 },
    }),
    expect: { ...onSubmitted(422, 403), admin: 422 },
  },
  'GET /api/admin/chains/:chainId/versions': {
    prepare: fixed('/api/admin/chains/project-target/versions'),
    expect: adminOnly(200),
  },
  'GET /api/indicators': { prepare: fixed('/api/indicators'), expect: users(200) },
  'POST /api/admin/indicators': {
    prepare: async () => ({
      path: '/api/admin/indicators',
      body: {
        level1: 'output',
        level2: 'quantity',
        name: `矩阵测试指标${randomUUID().slice(0, 6)}`,
        unit: '个',
        operator: 'gte',
        content: '权限矩阵测试用指标',
      },
    }),
    expect: adminOnly(201),
  },
  'PUT /api/admin/indicators/:id': {
    prepare: async () => {
      const list = await api.json('GET', '/api/indicators', { as: 'admin' });
      const it = list.body.items.find((i: { id: string }) => i.id === 'jt-road-maint-mileage') ?? list.body.items[0];
      const { level1, level2, name, content, version } = it;
      return { path: `/api/admin/indicators/${it.id}`, body: { level1, level2, name, content, version } };
    },
    expect: adminOnly(200),
  },
  'GET /api/admin/units': { prepare: fixed('/api/admin/units'), expect: adminOnly(200) },
  'POST /api/admin/units': {
    prepare: async () => ({
      path: '/api/admin/units',
      body: { id: `mx${randomUUID().slice(0, 6)}`, name: '矩阵测试股', kind: 'section' },
    }),
    expect: adminOnly(201),
  },
  'PUT /api/admin/units/:id': {
    prepare: async () => {
      const u = (await api.json('GET', '/api/admin/units', { as: 'admin' })).body.items.find(
        (x: { id: string }) => x.id === 'zhgh',
      );
      return { path: '/api/admin/units/zhgh', body: { name: u.name, kind: u.kind, version: u.version } };
    },
    expect: adminOnly(200),
  },
  'GET /api/admin/settings': { prepare: fixed('/api/admin/settings'), expect: adminOnly(200) },
  'PUT /api/admin/settings': {
    prepare: async () => {
      const cur = (await api.json('GET', '/api/admin/settings', { as: 'admin' })).body;
      return {
        path: '/api/admin/settings',
        body: { fundTypeRouting: cur.fundTypeRouting, ...(cur.version !== undefined ? { version: cur.version } : {}) },
      };
    },
    expect: adminOnly(200),
  },
  'PUT /api/admin/users/:id': {
    prepare: async () => {
      const u = (await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' })).body.items.find(
        (x: { username: string }) => x.username === 'pszx',
      );
      return { path: `/api/admin/users/${u.id}`, body: { name: u.name, version: u.version ?? 0 } };
    },
    expect: adminOnly(200),
  },
  // pszx has no 动态验证码: the admin reaches the use case and is told so (409); the reset itself in totp-reset.test.ts.
  'POST /api/admin/users/:id/totp/reset': {
    prepare: async () => {
      const u = (await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' })).body.items.find(
        (x: { username: string }) => x.username === 'pszx',
      );
      return { path: `/api/admin/users/${u.id}/totp/reset` };
    },
    expect: adminOnly(409),
  },
  'GET /api/admin/users/:id/audit': {
    prepare: async () => {
      const u = (await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' })).body.items.find(
        (x: { username: string }) => x.username === 'pszx',
      );
      return { path: `/api/admin/users/${u.id}/audit` };
    },
    expect: adminOnly(200),
  },
  'GET /api/calendar': { prepare: fixed('/api/calendar'), expect: users(200) },
  'GET /api/calendar/due-date': {
    prepare: fixed('/api/calendar/due-date?start=2025-03-03&days=5'),
    expect: users(200),
  },
  'PUT /api/admin/calendar/:year': {
    prepare: fixed('/api/admin/calendar/2031', { holidays: ['2031-01-01'], workdays: [] }),
    expect: adminOnly(200),
  },
  // 填报任务: issuers are 绩效评价服务股, 预算股 and admins; the addressed unit sees its row (403 to act), others 404.
  'POST /api/campaigns': {
    prepare: fixed('/api/campaigns', {
      formId: 'project-target',
      title: '矩阵任务',
      year: 2026,
      dueDate: '2026-03-31',
    }),
    expect: { ...users(403), jxpj: 201, ysg: 201, admin: 201 },
  },
  'GET /api/campaigns': { prepare: fixed('/api/campaigns'), expect: users(200) },
  'GET /api/campaigns/:id': {
    prepare: async () => ({ path: `/api/campaigns/${await jtjCampaign()}` }),
    expect: onCampaign(200, 200),
  },
  'PATCH /api/campaigns/:id': {
    prepare: async () => ({
      path: `/api/campaigns/${await jtjCampaign()}`,
      body: { notice: '截止日期不变，请抓紧填报' },
    }),
    expect: onCampaign(403, 200),
  },
  'POST /api/campaigns/:id/close': {
    prepare: async () => ({ path: `/api/campaigns/${await jtjCampaign()}/close`, body: {} }),
    expect: onCampaign(403, 200),
  },
  'POST /api/campaigns/:id/reminders': {
    prepare: async () => ({ path: `/api/campaigns/${await jtjCampaign()}/reminders`, body: { message: '请尽快填报' } }),
    expect: onCampaign(403, 200),
  },
  // On a target in review: only reviewers reach the checks (this one is no monitoring report / not approved).
  'POST /api/submissions/:id/correction-notices': {
    prepare: async () => ({ path: `/api/submissions/${inReview}/correction-notices`, body: { message: '请纠偏' } }),
    expect: { ...users(403), jjs: 422, kjw: 404, jxpj: 422, ysg: 422 },
  },
  'POST /api/submissions/:id/payment-hold': {
    prepare: async () => ({
      path: `/api/submissions/${inReview}/payment-hold`,
      body: { active: true, reason: '核查' },
    }),
    expect: { ...users(403), jxpj: 422 },
  },
  // 结果应用函 and 整改: the letter exists only after the chain issued it (404 before, to everyone).
  'GET /api/submissions/:id/result-letter': {
    prepare: async () => ({ path: `/api/submissions/${inReview}/result-letter` }),
    expect: users(404),
  },
  'GET /api/rectifications': { prepare: fixed('/api/rectifications'), expect: users(200) },
  // 催办: a fresh submission per caller (once an hour per step); the submitter and the issuing sections may.
  'POST /api/submissions/:id/reminders': {
    prepare: async () => ({ path: `/api/submissions/${await atBizReview(api)}/reminders`, body: {} }),
    expect: { ...users(404), jtj: 200, jjs: 403, jxpj: 200, ysg: 200, admin: 200 },
  },
  // Batch: the request itself is everyone's; each item answers on its own (a stranger's item fails inside).
  'POST /api/tasks/batch-decisions': {
    prepare: async () => ({
      path: '/api/tasks/batch-decisions',
      body: { items: [{ submissionId: inReview, stepId: 'bizReview' }], action: 'approve', comment: '同意' },
    }),
    expect: users(200),
  },
  'GET /api/delegations': { prepare: fixed('/api/delegations'), expect: users(200) },
  // Fillers and the admin may not delegate (403); a 负责人 or reviewer naming a user of another unit: 422.
  'POST /api/delegations': {
    prepare: async () => {
      const deputy = await api.deps.users.getByUsername('jtjld');
      return {
        path: '/api/delegations',
        body: { deputyId: deputy?.id, startsOn: '2026-12-01', endsOn: '2026-12-02', reason: '出差' },
      };
    },
    expect: { ...users(422), jtj: 403, jyj: 403, admin: 403 },
  },
  // Only the principal ends a delegation; anyone else gets 404.
  'POST /api/delegations/:id/end': {
    prepare: async () => {
      const deputy = await api.deps.users.getByUsername('jtj');
      const made = await api.json('POST', '/api/delegations', {
        as: 'jtjld',
        body: { deputyId: deputy?.id, startsOn: '2026-12-01', endsOn: '2026-12-02' },
      });
      return { path: `/api/delegations/${made.body.id}/end` };
    },
    expect: users(404),
  },
  'GET /api/notifications': { prepare: fixed('/api/notifications'), expect: users(200) },
  'GET /api/notifications/unread-count': { prepare: fixed('/api/notifications/unread-count'), expect: users(200) },
  'POST /api/notifications/:id/read': {
    prepare: async () => {
      const id = await jtjCampaign();
      await api.json('POST', `/api/campaigns/${id}/reminders`, { as: 'jxpj', body: {} });
      const list = await api.json('GET', '/api/notifications', { as: 'jtj' });
      return { path: `/api/notifications/${list.body.items[0].id}/read` };
    },
    // Notifications are each user's own: anyone else's id is 404.
    expect: { ...users(404), jtj: 200 },
  },
  // Attachments: only the uploading unit's fillers create and complete; a file outside a visible submission is 404.
  'POST /api/attachments': {
    prepare: fixed('/api/attachments', { name: '纪要.pdf', size: 100, contentType: 'application/pdf' }),
    expect: { ...users(403), jtj: 201, jyj: 201 },
  },
  'POST /api/attachments/:id/complete': {
    prepare: async () => ({ path: `/api/attachments/${await jtjFile()}/complete` }),
    expect: { ...users(404), jtj: 200 },
  },
  'GET /api/attachments/:id': {
    prepare: async () => ({ path: `/api/attachments/${await jtjFile()}` }),
    expect: { ...users(404), jtj: 200 },
  },
  'GET /api/attachments/:id/content': {
    prepare: async () => ({ path: `/api/attachments/${await jtjFile()}/content` }),
    expect: { ...users(404), jtj: 200 },
  },
  // The signed upload address is the authorization, whoever sends the bytes.
  'PUT /api/uploads/:token': {
    prepare: async () => {
      const r = await api.json('POST', '/api/attachments', {
        as: 'jtj',
        body: { name: 'a.pdf', size: 100, contentType: 'application/pdf' },
      });
      return { path: r.body.upload.url, body: '%PDF-1.4 matrix' };
    },
    expect: everyone(200),
  },
  // Excel: exports follow the visibility of the board and the lists.
  'GET /api/campaigns/:id/export.xlsx': {
    prepare: async () => ({ path: `/api/campaigns/${await jtjCampaign()}/export.xlsx` }),
    expect: onCampaign(200, 200),
  },
  'GET /api/exports/submissions.xlsx': { prepare: fixed('/api/exports/submissions.xlsx'), expect: users(200) },
  'GET /api/submissions/:id/export.xlsx': {
    prepare: async () => ({ path: `/api/submissions/${inReview}/export.xlsx` }),
    expect: onSubmitted(200, 200),
  },
  'GET /api/admin/indicators/template.xlsx': {
    prepare: fixed('/api/admin/indicators/template.xlsx'),
    expect: adminOnly(200),
  },
  'POST /api/evaluations': {
    // A fresh approved 财政评价 list per call: only its organiser (绩效评价服务股) assigns; others who see it get 403.
    prepare: async () => ({
      path: '/api/evaluations',
      body: { planId: await approvedPlan(), objectIndex: 0, assigneeUnitId: 'dsfjg' },
    }),
    expect: { ...onSubmitted(404, 403), jjs: 404, jxpj: 201 },
  },
  'POST /api/submissions/:id/publications': {
    prepare: async () => ({
      path: `/api/submissions/${await approvedTarget()}/publications`,
      body: { checkResult: 'passed', channel: '部门预算公开' },
    }),
    // 第三十条: 预算股 checks 预算公开 information; the unit and other sections may see it but not check it.
    expect: { ...onSubmitted(403, 403), ysg: 200 },
  },
  'GET /api/publications': { prepare: fixed('/api/publications'), expect: users(200) },
  'GET /api/monitoring-tasks/template.xlsx': {
    prepare: fixed('/api/monitoring-tasks/template.xlsx'),
    expect: users(200),
  },
  'POST /api/monitoring-tasks/import': {
    // R-M1: only a campaign issuer imports; each call a new task number so a repeat is not "already imported".
    prepare: async () => {
      const tpl = await api.call('GET', '/api/monitoring-tasks/template.xlsx', { as: 'jxpj' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await tpl.arrayBuffer());
      wb.worksheets[0].getRow(2).getCell(1).value = `MX-${randomUUID().slice(0, 8)}`;
      return {
        path: '/api/monitoring-tasks/import',
        body: { workbook: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') },
      };
    },
    expect: { ...users(403), jxpj: 201, ysg: 201, admin: 201 },
  },
  'GET /api/monitoring-tasks/sources': {
    prepare: fixed('/api/monitoring-tasks/sources?formId=project-monitoring'),
    expect: users(200),
  },
  'GET /api/key-monitoring/scope': {
    prepare: fixed('/api/key-monitoring/scope?fiscalYear=2025&cutoffMonth=7'),
    expect: { ...users(403), jxpj: 200 },
  },
  'POST /api/admin/indicators/import': {
    prepare: async () => {
      const tpl = await api.call('GET', '/api/admin/indicators/template.xlsx', { as: 'admin' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await tpl.arrayBuffer());
      wb.worksheets[0].getRow(2).getCell(3).value = `矩阵导入指标${randomUUID().slice(0, 6)}`;
      return {
        path: '/api/admin/indicators/import',
        body: { workbook: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') },
      };
    },
    expect: adminOnly(200),
  },
};

const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

async function callAs(actor: ActorKey, method: string, req: Req) {
  const headers: Record<string, string> = {};
  if (actor === 'tampered') headers.authorization = `Bearer ${tamperedToken}`;
  const as = actor === 'anonymous' || actor === 'tampered' ? undefined : actor;
  const res = await api.call(method, req.path, { as, body: req.body, headers });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // HTML pages (/api/docs)
  }
  return { status: res.status, body, res };
}

beforeAll(async () => {
  api = await createTestApi();
  for (const u of ['jtj', 'jtjld', 'jyj', 'jjs', 'kjw', 'jxpj', 'ysg', 'admin']) await api.token(u);
  // jtj's own token with the subject changed to the admin's id: the signature no longer matches.
  const adminId = (await api.json('GET', '/api/me', { as: 'admin' })).body.id as string;
  const [h, p, s] = (await api.token('jtj')).split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  tamperedToken = [h, Buffer.from(JSON.stringify({ ...payload, sub: adminId })).toString('base64url'), s].join('.');
  inReview = await atBizReview(api);
  // The publish row needs a saved draft version of matrix-form.
  const saved = await api.json('POST', '/api/admin/forms', {
    as: 'admin',
    body: await MATRIX['POST /api/admin/forms'].prepare().then((r) => r.body),
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
});

describe('route table', () => {
  it('has an expectation row for every route in ROUTES and no row for a route that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('matches the routes the Hono app registers (method + path), no more, no less', () => {
    const registered = api.app.routes.filter((r) => r.method !== 'ALL' && !isValidator(r.handler)).map(routeKey);
    expect([...new Set(registered)].sort()).toEqual(ROUTES.map(routeKey).sort());
    expect(registered).toHaveLength(new Set(registered).size);
  });

  it('declares access consistent with the matrix: public routes answer anonymous callers, the others 401, admin routes 403 to non-admins', () => {
    for (const r of ROUTES) {
      const row = MATRIX[routeKey(r)];
      if (r.access === 'public') expect(row.expect.anonymous, routeKey(r)).toBeLessThan(300);
      else expect(row.expect.anonymous, routeKey(r)).toBe(401);
      if (r.access === 'admin')
        for (const a of ['jtj', 'jjs', 'jxpj', 'ysg'] as const) expect(row.expect[a], `${routeKey(r)} ${a}`).toBe(403);
    }
  });
});

describe('authorization matrix: every route × every caller', () => {
  for (const route of ROUTES) {
    const key = routeKey(route);
    it(`${key}: ${ACTORS.map((a) => `${a}→${MATRIX[key]?.expect[a] ?? '?'}`).join(' ')}`, async () => {
      const row = MATRIX[key];
      expect(row, `no matrix row for ${key}`).toBeDefined();
      // Refusals first on one shared record; a successful write gets its own fresh record.
      const order = [...ACTORS].sort((a, b) => Number(row.expect[a] < 300) - Number(row.expect[b] < 300));
      let req = await row.prepare();
      let dirty = false;
      const seen: Record<string, number> = {};
      for (const actor of order) {
        if (dirty) {
          req = await row.prepare();
          dirty = false;
        }
        const r = await callAs(actor, route.method, req);
        seen[actor] = r.status;
        expect
          .soft(r.status, `${key} as ${actor} (${ACTOR_ROLE[actor]}): ${JSON.stringify(r.body)?.slice(0, 300)}`)
          .toBe(row.expect[actor]);
        if (r.status >= 400) expectChineseError(r.body, r.status);
        if (r.status < 300 && route.method !== 'GET') dirty = true;
      }
      expect(seen).toEqual(row.expect);
    });
  }
});

describe('scoping and separation of duties', () => {
  it('answers 404 (not 403) for ids that do not exist, to every signed-in caller', async () => {
    const ghost = randomUUID();
    for (const actor of ['jtj', 'jjs', 'jxpj', 'admin'] as const) {
      for (const [method, path, body] of [
        ['GET', `/api/submissions/${ghost}`],
        ['GET', `/api/submissions/${ghost}/history`],
        ['PUT', `/api/submissions/${ghost}`, { data: {}, version: 1 }],
        ['POST', `/api/submissions/${ghost}/submit`, {}],
        ['POST', `/api/submissions/${ghost}/decisions`, { stepId: 'bizReview', action: 'approve', comment: '同意' }],
      ] as const) {
        const r = await api.json(method, path, { as: actor, body });
        expect(r.status, `${actor} ${method} ${path}`).toBe(404);
        expectChineseError(r.body);
      }
    }
  });

  it('keeps a draft that was never submitted invisible (404) to everyone outside the unit, including global units and admins', async () => {
    const draft = await api.createProjectTarget('jtj');
    const before = await snapshot(api, draft.id);
    for (const actor of ['jyj', 'jjs', 'kjw', 'jxpj', 'ysg', 'admin'] as const) {
      for (const [method, path, body] of [
        ['GET', `/api/submissions/${draft.id}`],
        ['GET', `/api/submissions/${draft.id}/history`],
        ['GET', `/api/submissions/${draft.id}/snapshots`],
        ['POST', `/api/submissions/${draft.id}/validate`, { data: draft.data }],
        ['PUT', `/api/submissions/${draft.id}`, { data: draft.data, version: 1 }],
        ['POST', `/api/submissions/${draft.id}/submit`, {}],
        ['POST', `/api/submissions/${draft.id}/withdraw`, {}],
        [
          'POST',
          `/api/submissions/${draft.id}/decisions`,
          { stepId: 'leaderSignoff', action: 'approve', comment: '同意' },
        ],
        ...(actor === 'admin' ? [] : ([['POST', `/api/submissions/${draft.id}/upgrade`, { toVersion: 2 }]] as const)),
      ] as const) {
        const r = await api.json(method, path, { as: actor, body });
        expect(r.status, `${actor} ${method} ${path}`).toBe(404);
      }
      const list = await api.json('GET', '/api/submissions?limit=100', { as: actor });
      expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(draft.id);
    }
    expect((await api.json('GET', `/api/submissions/${draft.id}`, { as: 'jtjld' })).status).toBe(200);
    expect(await snapshot(api, draft.id)).toEqual(before);
  });

  it('refuses reviewers who can see a returned submission the right to edit its data (403), and changes nothing', async () => {
    const id = await returnedSubmission(api);
    const before = await snapshot(api, id);
    for (const actor of ['jjs', 'jxpj', 'ysg', 'admin']) {
      const r = await api.json('PUT', `/api/submissions/${id}`, {
        as: actor,
        body: { data: { ...(before.data as object), projectName: '审核人改的' }, version: before.version },
      });
      expectError(r, 403, 'FORBIDDEN', actor);
      expectChineseError(r.body);
    }
    expect(await snapshot(api, id)).toEqual(before);
  });

  it('refuses a decision on one’s own submission even when the creator holds the leader role (403), while the unit leader may sign it off', async () => {
    await createUsers(api, [{ username: 'jtjboth', unitId: 'jtj', roles: ['filler', 'leader', 'reviewer'] }]);
    const id = await api.submittedProjectTarget('jtjboth');
    const view = await api.json('GET', `/api/submissions/${id}`, { as: 'jtjboth' });
    expect(view.body.decidable).toEqual([]);
    const before = await snapshot(api, id);
    const own = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jtjboth',
      body: { stepId: 'leaderSignoff', action: 'approve', comment: '同意' },
    });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(CHINESE);
    expect(await snapshot(api, id)).toEqual(before);
    expect((await api.decide(id, 'jtjld')).status).toBe(200);
  });

  it('lets only the assignee unit act on an open step: a section that can see the record gets 403, a step not yet open gets 409', async () => {
    // jyj's submission: kjw (its managing section) approves bizReview and so keeps seeing it.
    const id = await api.submittedProjectTarget('jyj');
    expect((await api.decide(id, 'jyjld')).status).toBe(200);
    expect((await api.decide(id, 'kjw')).status).toBe(200);
    const before = await snapshot(api, id, 'jyj');
    expect(before.openSteps).toEqual([{ stepId: 'perfReview', assigneeUnitId: 'jxpj' }]);

    const kjw = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'kjw',
      body: { stepId: 'perfReview', action: 'approve', comment: '同意' },
    });
    expect(kjw.status).toBe(403);
    expect(kjw.body.error.message).toMatch(CHINESE);
    const ysg = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'ysg',
      body: { stepId: 'budgetApproval', action: 'approve', comment: '同意' },
    });
    expect(ysg.status).toBe(409);
    expect(ysg.body.error.message).toMatch(CHINESE);
    const jjs = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'perfReview', action: 'approve', comment: '同意' },
    });
    expectError(jjs, 404, 'NOT_FOUND');
    expect(await snapshot(api, id, 'jyj')).toEqual(before);
  });

  it('keeps admin routes closed (403) to department, section and global-unit users', async () => {
    for (const actor of ['jtj', 'jjs', 'jxpj', 'ysg']) {
      const r = await api.json('POST', '/api/admin/users', {
        as: actor,
        body: {
          username: `x${actor}evil`,
          name: '越权用户',
          unitId: 'wlxx',
          roles: ['admin'],
          password: DEMO_PASSWORD,
        },
      });
      expectError(r, 403, 'FORBIDDEN', actor);
      expectChineseError(r.body);
    }
    const users = await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' });
    expect(users.body.items.map((u: { username: string }) => u.username)).not.toContain('xjtjevil');
  });
});
