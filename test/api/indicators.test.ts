import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../functions/adapters/catalog/load-catalog';
import { installCatalog } from '../../functions/core/use-cases/catalog/install-catalog';
import { createTestApi, DEMO_PASSWORD, type TestApi } from '../support/api';
import { expectClear4xx, expectError } from '../support/proof';

/** 县级预算绩效指标库 (第十八条): seeded from forms/indicators/library.json, maintained by admins, read by everyone. */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const base = {
  level1: 'output',
  level2: 'quantity',
  name: '新改建农村公路里程',
  unit: '公里',
  operator: 'gte',
  content: '年度内完成新建、改建并交工验收的农村公路里程。',
  forms: ['project-target'],
  years: [2026],
};

const list = async (query = '', as = 'jtj') => {
  const r = await api.json('GET', `/api/indicators${query}`, { as });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as any[];
};

describe('the seeded library', () => {
  it('offers the 交通 and 教育 indicators with their explanation to a department user', async () => {
    const items = await list();
    const ids = items.map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'jt-road-maint-mileage',
        'jt-road-good-rate',
        'jy-student-aid-count',
        'jy-parent-satisfaction',
      ]),
    );
    expect(items.find((i) => i.id === 'jt-road-good-rate')).toMatchObject({
      level1: 'output',
      level2: 'quality',
      name: '农村公路优良中等路率',
      unit: '%',
      operator: 'gte',
      content: expect.stringContaining('优良中等路率='),
      scoringStandard: expect.any(String),
      version: 1,
    });
    // Ordered by level1, level2, name (the GSI1 sort key).
    const keys = items.map((i) => `${i.level1}#${i.level2}#${i.name}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('filters by level1, form and year', async () => {
    const sat = await list('?level1=satisfaction');
    expect(sat.length).toBeGreaterThanOrEqual(2);
    expect(sat.every((i) => i.level1 === 'satisfaction')).toBe(true);
    expect((await list('?formId=project-target&year=2026')).length).toBeGreaterThanOrEqual(12);
    expect(await list('?formId=ex-ante-assessment')).toEqual([]);
    expectClear4xx(await api.json('GET', '/api/indicators?level1=foo', { as: 'jtj' }), 422);
    expectClear4xx(await api.json('GET', '/api/indicators?year=20x6', { as: 'jtj' }), 422);
    expectError(await api.json('GET', '/api/indicators'), 401, 'UNAUTHORIZED');
  });

  it('seeding again adds only what is missing and keeps what an admin changed', async () => {
    const seeded = (await list()).find((i) => i.id === 'jt-hazard-fix-rate');
    const r = await api.json('PUT', '/api/admin/indicators/jt-hazard-fix-rate', {
      as: 'admin',
      body: { ...strip(seeded), disabled: true, version: seeded.version },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const again = await installCatalog(api.deps, loadCatalog(join(process.cwd(), 'forms')), DEMO_PASSWORD);
    expect(again.created).toEqual([]);
    expect((await list()).map((i) => i.id)).not.toContain('jt-hazard-fix-rate');
    const all = await list('?includeDisabled=true', 'admin');
    expect(all.find((i) => i.id === 'jt-hazard-fix-rate')).toMatchObject({ disabled: true, version: 2 });
  });
});

/** The editable fields of an indicator as the admin page sends them back. */
function strip(i: any) {
  const { id: _i, version: _v, createdAt: _c, updatedAt: _u, updatedBy: _b, ...rest } = i;
  return rest;
}

describe('admin maintenance', () => {
  let created: any;

  it('adds an indicator (201) and answers an Idempotency-Key retry with the same result', async () => {
    const headers = { 'Idempotency-Key': 'indicator-create-0001' };
    const r = await api.json('POST', '/api/admin/indicators', { as: 'admin', body: base, headers });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    created = r.body;
    expect(created).toMatchObject({ ...base, version: 1, id: expect.any(String) });
    const again = await api.json('POST', '/api/admin/indicators', { as: 'admin', body: base, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(created);
    expect((await list('?year=2026')).filter((i) => i.name === base.name)).toHaveLength(1);
    expect(await list('?year=2025')).not.toContainEqual(expect.objectContaining({ id: created.id }));
  });

  it('refuses a second indicator of the same name under the same 二级指标 (409), but allows it under another', async () => {
    expectClear4xx(await api.json('POST', '/api/admin/indicators', { as: 'admin', body: base }), 409);
    const other = await api.json('POST', '/api/admin/indicators', {
      as: 'admin',
      body: { ...base, level2: 'timeliness', id: 'jt-new-road-timely' },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.body.id).toBe('jt-new-road-timely');
    expectClear4xx(
      await api.json('POST', '/api/admin/indicators', {
        as: 'admin',
        body: { ...base, level2: 'quality', id: 'jt-new-road-timely' },
      }),
      409,
    );
  });

  it.each([
    ['a level2 that does not belong to the level1', { level2: 'social' }, '/level2'],
    ['an unknown level1', { level1: 'impact' }, '/level1'],
    ['HTML in the name', { name: '<b>里程</b>' }, '/name'],
    ['an unknown form', { forms: ['no-such-form'] }, '/forms/0'],
    ['a year out of range', { years: [1999] }, '/years/0'],
    ['a quantitative indicator without unit', { unit: '' }, '/unit'],
    ['an empty explanation', { content: ' ' }, '/content'],
    ['an unknown operator', { operator: '≈' }, '/operator'],
  ])('refuses %s with 422 on the field', async (_name, patch, path) => {
    const r = await api.json('POST', '/api/admin/indicators', {
      as: 'admin',
      body: { ...base, name: '校验用指标名称', ...patch },
    });
    expectClear4xx(r, 422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses server-owned fields in the body (422)', async () => {
    expectClear4xx(
      await api.json('POST', '/api/admin/indicators', { as: 'admin', body: { ...base, version: 5 } }),
      422,
    );
    expectClear4xx(
      await api.json('PUT', `/api/admin/indicators/${created.id}`, {
        as: 'admin',
        body: { ...base, version: 1, createdAt: 'x' },
      }),
      422,
    );
  });

  it('updates on the loaded version; a stale version is 409 and changes nothing', async () => {
    const r = await api.json('PUT', `/api/admin/indicators/${created.id}`, {
      as: 'admin',
      body: { ...base, name: '新改建农村公路里程（含窄路加宽）', version: 1 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      version: 2,
      name: '新改建农村公路里程（含窄路加宽）',
      createdAt: created.createdAt,
    });
    expectClear4xx(
      await api.json('PUT', `/api/admin/indicators/${created.id}`, {
        as: 'admin',
        body: { ...base, name: '别的名称', version: 1 },
      }),
      409,
    );
    expect((await list()).find((i) => i.id === created.id).name).toBe('新改建农村公路里程（含窄路加宽）');
    // The old name is free again after the rename.
    const reuse = await api.json('POST', '/api/admin/indicators', { as: 'admin', body: base });
    expect(reuse.status, JSON.stringify(reuse.body)).toBe(201);
    // Renaming onto a taken name is a conflict and leaves both as they were.
    expectClear4xx(
      await api.json('PUT', `/api/admin/indicators/${created.id}`, { as: 'admin', body: { ...base, version: 2 } }),
      409,
    );
    expect((await list()).find((i) => i.id === created.id)).toMatchObject({
      version: 2,
      name: '新改建农村公路里程（含窄路加宽）',
    });
    expect(
      (await api.json('PUT', '/api/admin/indicators/nope', { as: 'admin', body: { ...base, version: 1 } })).status,
    ).toBe(404);
  });

  it('disables instead of deleting: hidden from departments, kept for admins, and can be enabled again', async () => {
    const off = await api.json('PUT', `/api/admin/indicators/${created.id}`, {
      as: 'admin',
      body: { ...base, name: '新改建农村公路里程（含窄路加宽）', disabled: true, version: 2 },
    });
    expect(off.body).toMatchObject({ disabled: true, version: 3 });
    expect((await list()).map((i) => i.id)).not.toContain(created.id);
    expect((await list('?includeDisabled=true')).map((i) => i.id)).not.toContain(created.id);
    expect((await list('?includeDisabled=true', 'admin')).map((i) => i.id)).toContain(created.id);
    const on = await api.json('PUT', `/api/admin/indicators/${created.id}`, {
      as: 'admin',
      body: { ...base, name: '新改建农村公路里程（含窄路加宽）', version: 3 },
    });
    expect(on.body.disabled).toBeUndefined();
    expect((await list()).map((i) => i.id)).toContain(created.id);
  });

  it.each(['jtj', 'jjs', 'jxpj'])('answers 403 to %s on the admin routes', async (who) => {
    expectClear4xx(
      await api.json('POST', '/api/admin/indicators', { as: who, body: { ...base, name: '无权新增' } }),
      403,
    );
    expectClear4xx(
      await api.json('PUT', `/api/admin/indicators/${created.id}`, { as: who, body: { ...base, version: 4 } }),
      403,
    );
  });
});
