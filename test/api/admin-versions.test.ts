import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { monitoringChain } from '../support/definitions';
import { expectClear4xx, expectError } from '../support/proof';

/**
 * Forms and chains without code, versioned (issue "Admin: new forms and review chains without code"):
 * versions, pinning, diff, dry run and explicit upgrade, untrusted definitions, admin-only routes.
 */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const CHAIN_ID = 'monitor-chain';
const FORM_ID = 'project-monitor';

const chainV1 = monitoringChain(CHAIN_ID, '项目支出绩效运行监控审核', {
  dueInWorkingDays: 10,
  perfActions: ['approve', 'return'],
});
const chainV2 = {
  ...chainV1,
  steps: [
    ...chainV1.steps,
    {
      id: 'budgetCopy',
      name: '抄送预算股',
      basis: '第二十二条',
      kind: 'notify',
      assignee: { type: 'unit', unitId: 'ysg' },
      actions: [],
    },
  ],
};

const schemaV1 = {
  type: 'object',
  required: ['projectName', 'budget', 'executed'],
  additionalProperties: false,
  properties: {
    projectName: { type: 'string', title: '项目名称', minLength: 2, maxLength: 100 },
    budget: { type: 'string', format: 'money', title: '年度预算（万元）' },
    executed: { type: 'string', format: 'money', title: '已执行（万元）' },
    executionRate: { type: 'number', title: '预算执行率（%）' },
  },
};
const logic = { computed: [{ path: '/executionRate', expr: '$executionRate(executed, budget)' }] };
const formV1 = {
  id: FORM_ID,
  title: '项目支出绩效运行监控表',
  family: 'monitor',
  schema: schemaV1,
  uiSchema: { 'ui:order': ['projectName', 'budget', 'executed', 'executionRate'] },
  logic,
  chainId: CHAIN_ID,
};
/** v2: a new required field (偏差原因), a changed label and the chain version 2 pinned. */
const schemaV2 = {
  ...schemaV1,
  required: [...schemaV1.required, 'deviationReason'],
  properties: {
    ...schemaV1.properties,
    projectName: { ...schemaV1.properties.projectName, title: '项目名称（与预算一体化系统一致）' },
    deviationReason: { type: 'string', title: '偏离绩效目标的原因', maxLength: 500 },
  },
};
const formV2 = { ...formV1, schema: schemaV2, chainVersion: 2 };
const goodData = { projectName: '农村公路养护工程', budget: '100.00', executed: '45.00' };

async function versionsOf(formId = FORM_ID) {
  const r = await api.json('GET', `/api/admin/forms/${formId}/versions`, { as: 'admin' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function createMonitor(as = 'jtj', data: Record<string, unknown> = goodData) {
  const r = await api.json('POST', '/api/submissions', { as, body: { formId: FORM_ID, data } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

describe('versions and pinning', () => {
  let inReview: string;
  /** Drafts and a returned submission made on version 1, before version 2 is published. */
  let draft: any;
  let draftForAdmin: any;
  let toReturn: string;
  let toReturnOther: string;

  it('stores a chain and a form as drafts; a draft is readable by admins only until it is published', async () => {
    const c = await api.json('POST', '/api/admin/chains', { as: 'admin', body: chainV1 });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toEqual({ id: CHAIN_ID, version: 1 });
    const f = await api.json('POST', '/api/admin/forms', { as: 'admin', body: formV1 });
    expect(f.status, JSON.stringify(f.body)).toBe(201);
    expect(f.body).toEqual({ id: FORM_ID, version: 1, status: 'draft' });

    const list = await versionsOf();
    expect(list).toMatchObject({ id: FORM_ID, latestVersion: 1, publishedVersion: null });
    expect(list.items).toEqual([
      expect.objectContaining({
        version: 1,
        status: 'draft',
        current: false,
        chainId: CHAIN_ID,
        chainVersion: 1,
        fieldCount: 4,
      }),
    ]);

    expect((await api.json('GET', `/api/forms/${FORM_ID}/versions/1`, { as: 'admin' })).status).toBe(200);
    expectError(await api.json('GET', `/api/forms/${FORM_ID}/versions/1`, { as: 'jtj' }), 404, 'NOT_FOUND');
    expectError(await api.json('GET', `/api/forms/${FORM_ID}`, { as: 'jtj' }), 404, 'NOT_FOUND');

    const p = await api.json('POST', `/api/admin/forms/${FORM_ID}/versions/1/publish`, { as: 'admin' });
    expect(p.body).toEqual({ id: FORM_ID, version: 1, status: 'published' });
    const form = await api.json('GET', `/api/forms/${FORM_ID}`, { as: 'jtj' });
    expect(form.body).toMatchObject({ version: 1, chainId: CHAIN_ID, chainVersion: 1 });
  });

  it('publishing v2 (with chain v2) changes nothing in submissions under way: they keep version 1 and can still be approved', async () => {
    const sub = await createMonitor();
    expect(sub).toMatchObject({ formVersion: 1, chainVersion: 1 });
    expect(sub.data.executionRate).toBe(45);
    const submitted = await api.json('POST', `/api/submissions/${sub.id}/submit`, { as: 'jtj' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    inReview = sub.id;
    draft = await createMonitor('jtj', { projectName: '县乡道安全生命防护工程', budget: '80.00', executed: '20.00' });
    draftForAdmin = await createMonitor('jtj', { projectName: '管理员升级的草稿', budget: '10.00', executed: '5.00' });
    toReturn = (await createMonitor('jtj', { projectName: '被退回的监控表', budget: '10.00', executed: '5.00' })).id;
    toReturnOther = (
      await createMonitor('jtj', { projectName: '另一份被退回的监控表', budget: '10.00', executed: '5.00' })
    ).id;
    for (const id of [toReturn, toReturnOther])
      expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    const before = await api.json('GET', `/api/submissions/${inReview}`, { as: 'jtj' });

    expect((await api.json('POST', '/api/admin/chains', { as: 'admin', body: chainV2 })).body).toEqual({
      id: CHAIN_ID,
      version: 2,
    });
    const v2 = await api.json('POST', '/api/admin/forms', { as: 'admin', body: formV2 });
    expect(v2.body).toEqual({ id: FORM_ID, version: 2, status: 'draft' });
    expect((await api.json('POST', `/api/admin/forms/${FORM_ID}/versions/2/publish`, { as: 'admin' })).status).toBe(
      200,
    );

    const after = await api.json('GET', `/api/submissions/${inReview}`, { as: 'jtj' });
    expect(after.body).toEqual(before.body);
    expect(after.body).toMatchObject({ formVersion: 1, chainVersion: 1, status: 'in_review' });
    const d = await api.json('GET', `/api/submissions/${draft.id}`, { as: 'jtj' });
    expect(d.body).toMatchObject({ formVersion: 1, chainVersion: 1, status: 'draft', version: 1 });

    // New submissions use v2 at once.
    const fresh = await createMonitor('jyj', { ...goodData, deviationReason: '无' });
    expect(fresh).toMatchObject({ formVersion: 2, chainVersion: 2 });

    // The pinned one runs the two-step chain of version 1 to the end (no 抄送 step of v2).
    expect((await api.decide(inReview, 'jjs')).status).toBe(200);
    const done = await api.decide(inReview, 'jxpj');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'approved', formVersion: 1, chainVersion: 1 });
    expect(done.body.chain.steps.map((s: { id: string }) => s.id)).toEqual(['bizReview', 'perfSummary']);
    const history = await api.json('GET', `/api/submissions/${inReview}/history`, { as: 'jtj' });
    expect(history.body.items.every((e: { formVersion: number }) => e.formVersion === 1)).toBe(true);
    expect(history.body.items.some((e: { type: string }) => e.type === 'notified')).toBe(false);
  });

  it('lists the versions newest first, marks the current one, and lists chain versions', async () => {
    const list = await versionsOf();
    expect(
      list.items
        .slice(-2)
        .map((v: { version: number; status: string; current: boolean }) => [v.version, v.status, v.current]),
    ).toEqual([
      [2, 'published', true],
      [1, 'published', false],
    ]);
    const chains = await api.json('GET', `/api/admin/chains/${CHAIN_ID}/versions`, { as: 'admin' });
    expect(chains.status).toBe(200);
    expect(chains.body.items.map((c: { version: number; steps: unknown[] }) => [c.version, c.steps.length])).toEqual([
      [2, 3],
      [1, 2],
    ]);
    expectError(await api.json('GET', '/api/admin/chains/nope/versions', { as: 'admin' }), 404, 'NOT_FOUND');
  });

  it('diffs two versions structurally: schema, uiSchema, logic and the chain pin', async () => {
    const r = await api.json('GET', `/api/admin/forms/${FORM_ID}/diff?from=1&to=2`, { as: 'admin' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.changes).toEqual(
      expect.arrayContaining([
        { path: '/schema/required/3', kind: 'added', after: 'deviationReason' },
        {
          path: '/schema/properties/projectName/title',
          kind: 'changed',
          before: '项目名称',
          after: '项目名称（与预算一体化系统一致）',
        },
        {
          path: '/schema/properties/deviationReason',
          kind: 'added',
          after: { type: 'string', title: '偏离绩效目标的原因', maxLength: 500 },
        },
        { path: '/chain/version', kind: 'changed', before: 1, after: 2 },
      ]),
    );
    expect(r.body.changes).toHaveLength(4);
    const back = await api.json('GET', `/api/admin/forms/${FORM_ID}/diff?from=2&to=1`, { as: 'admin' });
    expect(back.body.changes.find((c: { path: string }) => c.path === '/schema/properties/deviationReason').kind).toBe(
      'removed',
    );
    expect(
      (await api.json('GET', `/api/admin/forms/${FORM_ID}/diff?from=1&to=1`, { as: 'admin' })).body.changes,
    ).toEqual([]);
    expectError(
      await api.json('GET', `/api/admin/forms/${FORM_ID}/diff?from=1&to=9`, { as: 'admin' }),
      404,
      'NOT_FOUND',
    );
    expectClear4xx(await api.json('GET', `/api/admin/forms/${FORM_ID}/diff?from=x&to=2`, { as: 'admin' }), 422);
  });

  it('dry-runs v2 over the drafts on v1: which validate, which need work (nothing changes)', async () => {
    // A draft on v1 cannot carry deviationReason (additionalProperties false in v1): it fails v2.
    const r = await api.json('POST', `/api/admin/forms/${FORM_ID}/versions/2/dry-run`, { as: 'admin' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const ids = r.body.items.map((i: { submissionId: string }) => i.submissionId);
    expect(ids.sort()).toEqual([draft.id, draftForAdmin.id].sort());
    expect(ids).not.toContain(inReview);
    expect(r.body.items.every((i: { ok: boolean }) => !i.ok)).toBe(true);
    const item = r.body.items.find((i: { submissionId: string }) => i.submissionId === draft.id);
    expect(item).toMatchObject({
      status: 'draft',
      formVersion: 1,
      ok: false,
      unitId: 'jtj',
      unitName: expect.any(String),
    });
    expect(item.errors).toEqual([expect.objectContaining({ path: '/deviationReason' })]);
    // v1 has no drafts on older versions.
    expect(
      (await api.json('POST', `/api/admin/forms/${FORM_ID}/versions/1/dry-run`, { as: 'admin' })).body.items,
    ).toEqual([]);
    expect((await api.json('GET', `/api/submissions/${draft.id}`, { as: 'jtj' })).body).toMatchObject({
      formVersion: 1,
      version: 1,
    });
    expect((await api.json('POST', `/api/admin/forms/${FORM_ID}/versions/9/dry-run`, { as: 'admin' })).status).toBe(
      404,
    );

    // Before publishing a v3 where the new field is optional, the dry run says the v1 drafts fit as they are.
    const v3 = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: { ...formV2, schema: { ...schemaV2, required: schemaV1.required } },
    });
    expect(v3.body).toEqual({ id: FORM_ID, version: 3, status: 'draft' });
    const r3 = await api.json('POST', `/api/admin/forms/${FORM_ID}/versions/3/dry-run`, { as: 'admin' });
    expect(r3.body.items.find((i: { submissionId: string }) => i.submissionId === draft.id)).toMatchObject({
      ok: true,
      errors: [],
    });
  });

  it('upgrades a draft only when asked: recomputes, bumps the version, records an upgraded event', async () => {
    // Who may not: another department (404), a reviewer who cannot see a draft (404).
    expect(
      (await api.json('POST', `/api/submissions/${draft.id}/upgrade`, { as: 'jyj', body: { toVersion: 2 } })).status,
    ).toBe(404);
    expect(
      (await api.json('POST', `/api/submissions/${draft.id}/upgrade`, { as: 'jjs', body: { toVersion: 2 } })).status,
    ).toBe(404);
    // Not to the same or a lower version, not to a draft version, not on a stale version.
    expectClear4xx(
      await api.json('POST', `/api/submissions/${draft.id}/upgrade`, { as: 'jtj', body: { toVersion: 1 } }),
      422,
    );
    expectClear4xx(
      await api.json('POST', `/api/submissions/${draft.id}/upgrade`, { as: 'jtj', body: { toVersion: 3 } }),
      422,
    );
    expectClear4xx(
      await api.json('POST', `/api/submissions/${draft.id}/upgrade`, { as: 'jtj', body: { toVersion: 7 } }),
      422,
    );
    expectClear4xx(
      await api.json('POST', `/api/submissions/${draft.id}/upgrade`, { as: 'jtj', body: { toVersion: 2, version: 9 } }),
      409,
    );
    expectClear4xx(
      await api.json('POST', `/api/submissions/${draft.id}/upgrade`, {
        as: 'jtj',
        body: { toVersion: 2, status: 'draft' },
      }),
      422,
    );

    const r = await api.json('POST', `/api/submissions/${draft.id}/upgrade`, {
      as: 'jtj',
      body: { toVersion: 2, version: 1 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ formVersion: 2, chainVersion: 2, fromVersion: 1, version: 2, status: 'draft' });
    expect(r.body.errors).toEqual([expect.objectContaining({ path: '/deviationReason' })]);
    expect(r.body.data.executionRate).toBe(25);
    const history = await api.json('GET', `/api/submissions/${draft.id}/history`, { as: 'jtj' });
    const last = history.body.items.at(-1);
    expect(last).toMatchObject({
      type: 'upgraded',
      formVersion: 2,
      actor: { id: 'jtj' },
      fields: { fromVersion: 1, toVersion: 2 },
    });
    expect(last.comment).toMatch(/第 1 版升级到第 2 版/);

    // Fill the new field, submit, and the v2 chain (with its 抄送 step) runs.
    const cur = await api.json('GET', `/api/submissions/${draft.id}`, { as: 'jtj' });
    const saved = await api.json('PUT', `/api/submissions/${draft.id}`, {
      as: 'jtj',
      body: { data: { ...cur.body.data, deviationReason: '雨季停工，进度滞后' }, version: cur.body.version },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await api.json('POST', `/api/submissions/${draft.id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect((await api.decide(draft.id, 'jjs')).status).toBe(200);
    const done = await api.decide(draft.id, 'jxpj');
    expect(done.body).toMatchObject({ status: 'approved', formVersion: 2, chainVersion: 2 });

    // Once under way (or done) a submission is never upgraded.
    expectClear4xx(
      await api.json('POST', `/api/submissions/${inReview}/upgrade`, { as: 'jtj', body: { toVersion: 2 } }),
      409,
    );
  });

  it('lets an admin upgrade a draft listed by the dry run, and a returned submission too', async () => {
    const r = await api.json('POST', `/api/submissions/${draftForAdmin.id}/upgrade`, {
      as: 'admin',
      body: { toVersion: 2 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const events = (await api.json('GET', `/api/submissions/${draftForAdmin.id}/history`, { as: 'jtj' })).body.items;
    expect(events.at(-1)).toMatchObject({ type: 'upgraded', actor: { id: 'admin' } });

    expect((await api.decide(toReturn, 'jjs', 'return')).body).toMatchObject({ status: 'returned', formVersion: 1 });
    const up = await api.json('POST', `/api/submissions/${toReturn}/upgrade`, { as: 'jtj', body: { toVersion: 2 } });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ status: 'returned', formVersion: 2, chainVersion: 2 });
    // jjs (a reviewer who sees it) may not upgrade what it reviews.
    await api.decide(toReturnOther, 'jjs', 'return');
    expectClear4xx(
      await api.json('POST', `/api/submissions/${toReturnOther}/upgrade`, { as: 'jjs', body: { toVersion: 2 } }),
      403,
    );
  });
});

describe('untrusted definitions: 422 with the reason, nothing stored', () => {
  const deep = () => {
    let s: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 34; i++) s = { type: 'array', items: s };
    return s;
  };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'a catastrophic regex pattern',
      { type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } },
      /灾难性回溯/,
    ],
    ['a remote $ref', { type: 'object', properties: { x: { $ref: 'https://evil.example/schema.json' } } }, /引用/],
    [
      '$data',
      { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number', minimum: { $data: '1/a' } } } },
      /\$data/,
    ],
    [
      'an unknown format',
      { type: 'object', properties: { card: { type: 'string', format: 'credit-card' } } },
      /未知的格式/,
    ],
    ['a deep schema', { type: 'object', properties: { x: deep() } }, /嵌套过深/],
    [
      'a huge enum',
      { type: 'object', properties: { x: { enum: Array.from({ length: 1000 }, (_, i) => `v${i}`) } } },
      /枚举值过多/,
    ],
    [
      'HTML in a field title',
      { type: 'object', properties: { x: { type: 'string', title: '<img src=x onerror=alert(1)>名称' } } },
      /HTML/,
    ],
    ['an unknown keyword', { type: 'object', properties: { x: { type: 'string', 'ui:widget': 'textarea' } } }, /./],
  ];

  it.each(cases)('refuses %s', async (_name, schema, reason) => {
    const before = (await versionsOf('project-target')).items.length;
    const r = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: { id: 'project-target', title: '项目支出绩效目标申报表', schema, chainId: 'project-target' },
    });
    expectClear4xx(r, 422);
    expect(r.body.error.details.length).toBeGreaterThan(0);
    expect(r.body.error.details.map((d: { message: string }) => d.message).join(' ')).toMatch(reason);
    expect(r.body.error.details.every((d: { path: string }) => d.path.startsWith('/schema'))).toBe(true);
    expect((await versionsOf('project-target')).items.length).toBe(before);
  });

  it('refuses HTML in the form title and a missing chain, and stores nothing', async () => {
    const t = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: { ...formV1, id: 'html-form', title: '<script>alert(1)</script>' },
    });
    expectClear4xx(t, 422);
    expect(t.body.error.details[0].path).toBe('/title');
    const c = await api.json('POST', '/api/admin/forms', {
      as: 'admin',
      body: { ...formV1, id: 'no-chain-form', chainId: 'missing-chain' },
    });
    expectClear4xx(c, 422);
    for (const id of ['html-form', 'no-chain-form'])
      expectError(await api.json('GET', `/api/admin/forms/${id}/versions`, { as: 'admin' }), 404, 'NOT_FOUND');
  });

  it('refuses a chain naming a missing unit or an invalid condition, and stores no version', async () => {
    const bad = await api.json('POST', '/api/admin/chains', {
      as: 'admin',
      body: {
        ...chainV1,
        steps: [
          { ...chainV1.steps[0], assignee: { type: 'unit', unitId: 'nobody' } },
          { ...chainV1.steps[1], when: '$$$(' },
        ],
      },
    });
    expectClear4xx(bad, 422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/steps/0/assignee', '/steps/1/when']);
    expect((await api.json('GET', `/api/admin/chains/${CHAIN_ID}/versions`, { as: 'admin' })).body.latestVersion).toBe(
      2,
    );
  });
});

describe('admin-only routes', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', `/api/admin/forms/${FORM_ID}/versions`],
    ['GET', `/api/admin/forms/${FORM_ID}/diff?from=1&to=2`],
    ['POST', `/api/admin/forms/${FORM_ID}/versions/2/dry-run`],
    ['GET', `/api/admin/chains/${CHAIN_ID}/versions`],
    ['POST', '/api/admin/chains', chainV1],
    ['POST', '/api/admin/forms', formV1],
    ['POST', `/api/admin/forms/${FORM_ID}/versions/1/publish`],
  ];
  it.each(['jtj', 'jjs', 'jxpj'])('answers 403 to %s on every version route', async (who) => {
    for (const [method, path, body] of routes) {
      const r = await api.json(method, path, { as: who, body });
      expect(r.status, `${method} ${path}`).toBe(403);
      expectClear4xx(r, 403);
    }
    expectError(await api.json('GET', `/api/admin/forms/${FORM_ID}/versions`), 401, 'UNAUTHORIZED');
  });
});
