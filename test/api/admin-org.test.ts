import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';
import { monitoringChain } from '../support/definitions';
import { expectClear4xx, expectError } from '../support/proof';

/** Organisation (units with 归口, 第九条 routing, users) and the holiday calendar (R-C7) as admin data. */
let api: TestApi;
/** The server clock; null = real time. The calendar scenario runs in 2027. */
let now: string | null = null;
beforeAll(async () => {
  api = await createTestApi({ clock: () => now ?? new Date().toISOString() });
  // A small form whose first step goes to the managing 业务股室 with a deadline in working days.
  const chain = await api.json('POST', '/api/admin/chains', {
    as: 'admin',
    body: monitoringChain('org-test-chain', '运行监控审核（组织测试）', {
      dueInWorkingDays: 5,
      perfActions: ['approve'],
    }),
  });
  expect(chain.status, JSON.stringify(chain.body)).toBe(201);
  const form = await api.json('POST', '/api/admin/forms', {
    as: 'admin',
    body: {
      id: 'org-test-form',
      title: '项目支出绩效运行监控表',
      schema: {
        type: 'object',
        required: ['projectName'],
        properties: {
          projectName: { type: 'string', title: '项目名称', minLength: 2, maxLength: 100 },
          fundType: { type: 'string', title: '资金类型', enum: ['general', 'procurement', 'soeCapital'] },
        },
      },
      chainId: 'org-test-chain',
    },
  });
  expect(form.status, JSON.stringify(form.body)).toBe(201);
  expect((await api.json('POST', '/api/admin/forms/org-test-form/versions/1/publish', { as: 'admin' })).status).toBe(
    200,
  );
});

async function submitAs(as: string, data: Record<string, unknown>) {
  const c = await api.json('POST', '/api/submissions', { as, body: { formId: 'org-test-form', data } });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const s = await api.json('POST', `/api/submissions/${c.body.id}/submit`, { as });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  return s.body;
}

async function login(username: string, password = DEMO_PASSWORD) {
  return api.json('POST', '/api/auth/login', { body: { username, password } });
}

async function createUser(username: string, unitId: string, roles: string[], name: string) {
  const r = await api.json('POST', '/api/admin/users', {
    as: 'admin',
    body: { username, name, unitId, roles, password: DEMO_PASSWORD },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

describe('units with 归口', () => {
  it('adds a department managed by a 业务股室; its submissions go to that 股室', async () => {
    const r = await api.json('POST', '/api/admin/units', {
      as: 'admin',
      body: { id: 'cgj', name: '县城市管理局', kind: 'department', managedBy: 'jjs' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toEqual({ id: 'cgj', name: '县城市管理局', kind: 'department', managedBy: 'jjs', version: 1 });
    expect((await api.json('GET', '/api/units', { as: 'jtj' })).body.items).toContainEqual({
      id: 'cgj',
      name: '县城市管理局',
      kind: 'department',
      managedBy: 'jjs',
    });
    await createUser('cgjtb', 'cgj', ['filler'], '城管填报员');
    const sub = await submitAs('cgjtb', { projectName: '城区道路照明改造' });
    expect(sub.openSteps).toEqual([expect.objectContaining({ stepId: 'bizReview', assigneeUnitId: 'jjs' })]);
  });

  it('refuses a taken id (409) and bad fields (422), storing nothing', async () => {
    expectClear4xx(
      await api.json('POST', '/api/admin/units', {
        as: 'admin',
        body: { id: 'cgj', name: '重复', kind: 'department' },
      }),
      409,
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ id: 'x1', name: '某单位', kind: 'bureau' }, '/kind'],
      [{ id: 'x2', name: '某单位', kind: 'department', managedBy: 'nobody' }, '/managedBy'],
      [{ id: 'x3', name: '某单位', kind: 'department', managedBy: 'jtj' }, '/managedBy'],
      [{ id: 'x4', name: '某股', kind: 'section', managedBy: 'jjs' }, '/managedBy'],
      [{ id: 'x5', name: '<script>alert(1)</script>', kind: 'department' }, '/name'],
      [{ id: 'X 6', name: '某单位', kind: 'department' }, '/id'],
    ];
    for (const [body, path] of cases) {
      const r = await api.json('POST', '/api/admin/units', { as: 'admin', body });
      expectClear4xx(r, 422);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const ids = (await api.json('GET', '/api/admin/units', { as: 'admin' })).body.items.map(
      (u: { id: string }) => u.id,
    );
    expect(ids.filter((id: string) => /^x\d$|^X 6$/.test(id))).toEqual([]);
    expectClear4xx(
      await api.json('POST', '/api/admin/units', {
        as: 'admin',
        body: { id: 'x7', name: '某单位', kind: 'department', version: 3 },
      }),
      422,
    );
  });

  it('changes the 归口 on the loaded version (stale: 409); new submissions follow it, those under way keep theirs', async () => {
    const before = await submitAs('cgjtb', { projectName: '改归口前提交的项目' });
    const r = await api.json('PUT', '/api/admin/units/cgj', {
      as: 'admin',
      body: { name: '县城市管理局', kind: 'department', managedBy: 'kjw', version: 1 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ managedBy: 'kjw', version: 2 });
    expectClear4xx(
      await api.json('PUT', '/api/admin/units/cgj', {
        as: 'admin',
        body: { name: '县城管局', kind: 'department', managedBy: 'jjs', version: 1 },
      }),
      409,
    );
    const after = await submitAs('cgjtb', { projectName: '改归口后提交的项目' });
    expect(after.openSteps[0].assigneeUnitId).toBe('kjw');
    expect(
      (await api.json('GET', `/api/submissions/${before.id}`, { as: 'cgjtb' })).body.openSteps[0].assigneeUnitId,
    ).toBe('jjs');
    expect(
      (await api.json('PUT', '/api/admin/units/nope', { as: 'admin', body: { name: '无', kind: 'department' } }))
        .status,
    ).toBe(404);
  });

  it('edits a seeded unit (version 0) and refuses to disable a 股室 that still manages departments', async () => {
    const units = (await api.json('GET', '/api/admin/units', { as: 'admin' })).body.items;
    const jjs = units.find((u: { id: string }) => u.id === 'jjs');
    expect(jjs).toMatchObject({ kind: 'section', disabled: false, version: 0 });
    const r = await api.json('PUT', '/api/admin/units/jjs', {
      as: 'admin',
      body: { name: jjs.name, kind: 'section', disabled: true, version: 0 },
    });
    expectClear4xx(r, 422);
    expect(r.body.error.details[0]).toMatchObject({
      path: '/disabled',
      message: expect.stringContaining('县交通运输局'),
    });
    const gzzx = units.find((u: { id: string }) => u.id === 'gzzx');
    const g = await api.json('PUT', '/api/admin/units/gzzx', {
      as: 'admin',
      body: { name: gzzx.name, kind: gzzx.kind, disabled: true, version: 0 },
    });
    expectClear4xx(g, 422);
    expect(g.body.error.details[0].message).toMatch(/第九条/);
    const renamed = await api.json('PUT', '/api/admin/units/jjs', {
      as: 'admin',
      body: { name: '经济建设股（交通）', kind: 'section', version: 0 },
    });
    expect(renamed.body).toMatchObject({ name: '经济建设股（交通）', version: 1 });
  });

  it('disables a unit instead of deleting it', async () => {
    const r = await api.json('PUT', '/api/admin/units/cgj', {
      as: 'admin',
      body: { name: '县城市管理局', kind: 'department', managedBy: 'kjw', disabled: true, version: 2 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const cgj = (await api.json('GET', '/api/admin/units', { as: 'admin' })).body.items.find(
      (u: { id: string }) => u.id === 'cgj',
    );
    expect(cgj).toMatchObject({ disabled: true, version: 3 });
  });
});

describe('fund-type routing (第九条)', () => {
  it('reads and changes the routing on the loaded version; new submissions of that fund type follow it', async () => {
    const s = await api.json('GET', '/api/admin/settings', { as: 'admin' });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ fundTypeRouting: { soeCapital: 'gzzx', procurement: 'zfcg' }, version: 0 });
    const procurementBefore = await submitAs('jtj', { projectName: '政府采购项目一', fundType: 'procurement' });
    expect(procurementBefore.openSteps[0].assigneeUnitId).toBe('zfcg');

    const r = await api.json('PUT', '/api/admin/settings', {
      as: 'admin',
      body: { fundTypeRouting: { ...s.body.fundTypeRouting, procurement: 'zhgh' }, version: 0 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ fundTypeRouting: { procurement: 'zhgh' }, version: 1 });
    expectClear4xx(
      await api.json('PUT', '/api/admin/settings', {
        as: 'admin',
        body: { fundTypeRouting: s.body.fundTypeRouting, version: 0 },
      }),
      409,
    );

    const after = await submitAs('jtj', { projectName: '政府采购项目二', fundType: 'procurement' });
    expect(after.openSteps[0].assigneeUnitId).toBe('zhgh');
    expect(
      (await api.json('GET', `/api/submissions/${procurementBefore.id}`, { as: 'jtj' })).body.openSteps[0]
        .assigneeUnitId,
    ).toBe('zfcg');
    const general = await submitAs('jtj', { projectName: '一般公共预算项目', fundType: 'general' });
    expect(general.openSteps[0].assigneeUnitId).toBe('jjs');
  });

  it('refuses unknown fund types, departments and unknown units as targets', async () => {
    for (const [routing, path] of [
      [{ lottery: 'jjs' }, '/fundTypeRouting/lottery'],
      [{ ppp: 'jtj' }, '/fundTypeRouting/ppp'],
      [{ ppp: 'nobody' }, '/fundTypeRouting/ppp'],
    ] as const) {
      const r = await api.json('PUT', '/api/admin/settings', { as: 'admin', body: { fundTypeRouting: routing } });
      expectClear4xx(r, 422);
      expect(r.body.error.details[0].path).toBe(path);
    }
    expect((await api.json('GET', '/api/admin/settings', { as: 'admin' })).body.version).toBe(1);
  });
});

describe('users', () => {
  let id: string;
  let submissionId: string;

  it('changes name, unit and roles on the loaded version', async () => {
    id = await createUser('jtjzhang', 'jtj', ['filler'], '张填报');
    const r = await api.json('PUT', `/api/admin/users/${id}`, {
      as: 'admin',
      body: { name: '张晓填', roles: ['filler', 'leader'], version: 0 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      id,
      username: 'jtjzhang',
      name: '张晓填',
      unitId: 'jtj',
      roles: ['filler', 'leader'],
      version: 1,
      disabled: false,
    });
    expect(r.body.passwordHash).toBeUndefined();
    expectClear4xx(
      await api.json('PUT', `/api/admin/users/${id}`, { as: 'admin', body: { name: '旧版本', version: 0 } }),
      409,
    );
    for (const [body, path] of [
      [{ unitId: 'nobody' }, '/unitId'],
      [{ roles: ['superuser'] }, '/roles'],
      [{ password: 'short' }, '/password'],
      [{ name: '<b>x</b>' }, '/name'],
    ] as const) {
      const bad = await api.json('PUT', `/api/admin/users/${id}`, { as: 'admin', body });
      expectClear4xx(bad, 422);
      expect(bad.body.error.details[0].path).toBe(path);
    }
    expectClear4xx(await api.json('PUT', `/api/admin/users/${id}`, { as: 'admin', body: { username: 'other' } }), 422);
    expectError(
      await api.json('PUT', '/api/admin/users/nobody', { as: 'admin', body: { name: '无' } }),
      404,
      'NOT_FOUND',
    );
  });

  it('disabling a user: their token answers 401, they cannot sign in, their history keeps their name', async () => {
    const signedIn = await login('jtjzhang');
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token as string;
    const auth = { authorization: `Bearer ${token}` };
    const created = await api.app.request('/api/submissions', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ formId: 'org-test-form', data: { projectName: '停用前提交的项目' } }),
    });
    submissionId = ((await created.json()) as { id: string }).id;
    expect(
      (await api.app.request(`/api/submissions/${submissionId}/submit`, { method: 'POST', headers: auth })).status,
    ).toBe(200);

    const off = await api.json('PUT', `/api/admin/users/${id}`, { as: 'admin', body: { disabled: true, version: 1 } });
    expect(off.body).toMatchObject({ disabled: true, version: 2 });
    const me = await api.app.request('/api/me', { headers: auth });
    expectError({ status: me.status, body: await me.json() }, 401, 'UNAUTHORIZED');
    expectError(await login('jtjzhang'), 401, 'UNAUTHORIZED');

    const history = await api.json('GET', `/api/submissions/${submissionId}/history`, { as: 'jtj' });
    expect(history.body.items.map((e: { type: string; actor: { name: string } }) => [e.type, e.actor.name])).toEqual([
      ['created', '张晓填'],
      ['submitted', '张晓填'],
    ]);
    // The record stays: the admin list still has the user, disabled.
    const users = await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' });
    expect(users.body.items.find((u: { id: string }) => u.id === id)).toMatchObject({ disabled: true });
    // Reviewers still act on what the disabled user submitted.
    expect((await api.decide(submissionId, 'jjs')).status).toBe(200);
  });

  it('resets the password and enables the user again', async () => {
    const r = await api.json('PUT', `/api/admin/users/${id}`, {
      as: 'admin',
      body: { disabled: false, password: 'new-pass-2026', version: 2 },
    });
    expect(r.body).toMatchObject({ disabled: false, version: 3 });
    expectError(await login('jtjzhang'), 401, 'UNAUTHORIZED');
    expect((await login('jtjzhang', 'new-pass-2026')).status).toBe(200);
  });

  it('never lets an admin disable or demote themselves', async () => {
    for (const body of [{ disabled: true }, { roles: ['reviewer'] }]) {
      const r = await api.json('PUT', '/api/admin/users/admin', { as: 'admin', body });
      expectClear4xx(r, 422);
    }
    expect((await api.json('GET', '/api/me', { as: 'admin' })).body.roles).toContain('admin');
  });
});

describe('holiday calendar (R-C7)', () => {
  const start = '2027-09-28T02:00:00.000Z'; // 2027-09-28 10:00 Shanghai, a Tuesday before 国庆

  it('lists the built-in years', async () => {
    const r = await api.json('GET', '/api/calendar', { as: 'jtj' });
    expect(r.status).toBe(200);
    expect(r.body.items.map((y: { year: number; source: string }) => [y.year, y.source])).toEqual([
      [2025, 'builtin'],
      [2026, 'builtin'],
    ]);
  });

  it('extending the calendar past 2026 changes a due date computed in 2027', async () => {
    const q = `/api/calendar/due-date?start=${encodeURIComponent(start)}&days=5`;
    expect((await api.json('GET', q, { as: 'jtj' })).body).toEqual({
      dueAt: '2027-10-05T15:59:59.000Z',
      outsideKnownYears: true,
    });
    now = start;
    try {
      const before = await submitAs('jtj', { projectName: '2027年国庆前提交的项目' });
      expect(before.openSteps[0]).toMatchObject({ assigneeUnitId: 'jjs', dueAt: '2027-10-05T15:59:59.000Z' });

      const holidays = [
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
        '2027-10-04',
        '2027-10-05',
        '2027-10-06',
        '2027-10-07',
      ];
      const put = await api.json('PUT', '/api/admin/calendar/2027', {
        as: 'admin',
        body: { holidays, workdays: ['2027-09-26', '2027-10-09'] },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body).toMatchObject({ year: 2027, holidays, workdays: ['2027-09-26', '2027-10-09'] });

      // 9/29, 9/30, (国庆 10/1–10/7 off), 10/8, 10/9 (调休 Saturday), 10/11.
      expect((await api.json('GET', q, { as: 'jtj' })).body).toEqual({
        dueAt: '2027-10-11T15:59:59.000Z',
        outsideKnownYears: false,
      });
      const after = await submitAs('jtj', { projectName: '2027年国庆前提交的另一个项目' });
      expect(after.openSteps[0]).toMatchObject({ assigneeUnitId: 'jjs', dueAt: '2027-10-11T15:59:59.000Z' });
      // A deadline already set stays as it was.
      expect((await api.json('GET', `/api/submissions/${before.id}`, { as: 'jtj' })).body.openSteps[0].dueAt).toBe(
        '2027-10-05T15:59:59.000Z',
      );
    } finally {
      now = null;
    }
    const years = (await api.json('GET', '/api/calendar', { as: 'jyj' })).body.items;
    expect(years.map((y: { year: number; source: string }) => [y.year, y.source])).toEqual([
      [2025, 'builtin'],
      [2026, 'builtin'],
      [2027, 'admin'],
    ]);
  });

  it.each([
    ['a date outside the year', { holidays: ['2028-01-01'], workdays: [] }, '/holidays/0'],
    ['an invalid date', { holidays: ['2027-02-30'], workdays: [] }, '/holidays/0'],
    ['a day both off and working', { holidays: ['2027-10-09'], workdays: ['2027-10-09'] }, '/workdays/0'],
    ['a 调休 workday on a weekday', { holidays: [], workdays: ['2027-10-08'] }, '/workdays/0'],
    ['a duplicate', { holidays: ['2027-10-01', '2027-10-01'], workdays: [] }, '/holidays/1'],
  ])('refuses %s (422) and keeps the stored year', async (_name, body, path) => {
    const r = await api.json('PUT', '/api/admin/calendar/2027', { as: 'admin', body });
    expectClear4xx(r, 422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    const y = (await api.json('GET', '/api/calendar', { as: 'admin' })).body.items.find(
      (i: { year: number }) => i.year === 2027,
    );
    expect(y.holidays).toHaveLength(7);
  });

  it('refuses a year outside 2000–2100 and malformed query parameters', async () => {
    expectClear4xx(
      await api.json('PUT', '/api/admin/calendar/1999', { as: 'admin', body: { holidays: [], workdays: [] } }),
      422,
    );
    expectClear4xx(await api.json('GET', '/api/calendar/due-date?start=tomorrow&days=5', { as: 'jtj' }), 422);
    expectClear4xx(await api.json('GET', '/api/calendar/due-date?start=2027-01-01&days=x', { as: 'jtj' }), 422);
  });
});

describe('admin-only routes', () => {
  it.each(['jtj', 'jjs', 'jxpj'])('answers 403 to %s', async (who) => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/admin/units'],
      ['POST', '/api/admin/units', { id: 'zz', name: '某单位', kind: 'department' }],
      ['PUT', '/api/admin/units/jtj', { name: '县交通运输局', kind: 'department', managedBy: 'kjw' }],
      ['GET', '/api/admin/settings'],
      ['PUT', '/api/admin/settings', { fundTypeRouting: {} }],
      ['PUT', '/api/admin/users/jtj', { roles: ['admin'] }],
      ['PUT', '/api/admin/calendar/2028', { holidays: [], workdays: [] }],
    ];
    for (const [method, path, body] of routes) {
      const r = await api.json(method, path, { as: who, body });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect(
      (await api.json('GET', '/api/units', { as: who })).body.items.find((u: { id: string }) => u.id === 'jtj')
        .managedBy,
    ).toBe('jjs');
    expect((await api.json('GET', '/api/admin/settings', { as: 'admin' })).body.fundTypeRouting).not.toEqual({});
  });
});
