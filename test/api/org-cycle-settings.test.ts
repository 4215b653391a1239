import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { approvedProjectTarget } from '../support/linked';

/** What the administrator sets for the cycle: a unit's 乡镇 flag (第十条) and who checks before publication (第三十条). */
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
}, 120_000);

const unitOf = async (id: string) =>
  (await api.json('GET', '/api/admin/units', { as: 'admin' })).body.items.find((u: { id: string }) => u.id === id);

describe('the 乡镇 flag of a unit (第十条)', () => {
  it("is set by the administrator and then routes the unit's targets through 乡镇财政管理股", async () => {
    const before = await unitOf('jyj');
    expect(before.township).toBe(false);
    const set = await api.json('PUT', '/api/admin/units/jyj', {
      as: 'admin',
      body: {
        name: before.name,
        kind: before.kind,
        managedBy: before.managedBy,
        township: true,
        version: before.version,
      },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await unitOf('jyj')).township).toBe(true);
    const id = await api.submittedProjectTarget('jyj');
    for (const who of ['jyjld', 'kjw']) expect((await api.decide(id, who)).status, who).toBe(200);
    const open = await api.json('GET', `/api/submissions/${id}`, { as: 'xzcz' });
    expect(open.body.openSteps).toMatchObject([{ stepId: 'townshipReview', assigneeUnitId: 'xzcz' }]);
    const section = await unitOf('jjs');
    const wrong = await api.json('PUT', '/api/admin/units/jjs', {
      as: 'admin',
      body: { name: section.name, kind: section.kind, township: true, version: section.version },
    });
    expect([wrong.status, wrong.body.error.details[0].path]).toEqual([422, '/township']);
    const byUnit = await api.json('PUT', '/api/admin/units/jyj', {
      as: 'jyj',
      body: { name: 'x', kind: 'department' },
    });
    expect(byUnit.status).toBe(403);
  });
});

describe('publicationCheckers (第三十条)', () => {
  it('names who checks a family before publication; an unknown checker is refused at its key', async () => {
    const settings = (await api.json('GET', '/api/admin/settings', { as: 'admin' })).body;
    const bad = await api.json('PUT', '/api/admin/settings', {
      as: 'admin',
      body: {
        fundTypeRouting: settings.fundTypeRouting,
        publicationCheckers: { target: 'jtj' },
        version: settings.version,
      },
    });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([422, '/publicationCheckers/target']);
    const ok = await api.json('PUT', '/api/admin/settings', {
      as: 'admin',
      body: {
        fundTypeRouting: settings.fundTypeRouting,
        publicationCheckers: { target: 'managingSection' },
        version: settings.version,
      },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await api.json('GET', '/api/admin/settings', { as: 'admin' })).body.publicationCheckers).toEqual({
      target: 'managingSection',
    });
    const target = await approvedProjectTarget(api);
    const body = { checkResult: 'passed', channel: '部门预算公开' };
    const budget = await api.json('POST', `/api/submissions/${target}/publications`, { as: 'ysg', body });
    expect([budget.status, budget.body.error.code]).toEqual([403, 'PUBLICATION_CHECKER_ONLY']);
    const biz = await api.json('POST', `/api/submissions/${target}/publications`, { as: 'jjs', body });
    expect(biz.status, JSON.stringify(biz.body)).toBe(200);
  });
});
