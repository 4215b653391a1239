import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { expectClear4xx, selfEvalAtUnitFeedback, snapshot } from '../support/proof';

/** Issue "A clerk's day" item 6: keyword and filters on the lists, 当前环节 as a step, deleting a draft. */
let api: TestApi;
let now = '2026-01-05T02:00:00.000Z';
beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
});

const example = (form: string, file: string) =>
  JSON.parse(readFileSync(`forms/${form}/examples/${file}.json`, 'utf8')).data as Record<string, unknown> & {
    fiscalYear?: number;
  };
const road = () => example('project-target', 'valid-rural-road-maintenance');

async function create(data: Record<string, unknown>, as = 'jtj', formId = 'project-target'): Promise<string> {
  const r = await api.json('POST', '/api/submissions', { as, body: { formId, data } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

async function ids(query: string, as = 'jtj'): Promise<string[]> {
  const r = await api.json('GET', `/api/submissions?limit=100&${query}`, { as });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items.map((s: { id: string }) => s.id);
}

const decide = (id: string, as: string, stepId: string, extra: Record<string, unknown> = {}) =>
  api.json('POST', `/api/submissions/${id}/decisions`, { as, body: { stepId, action: 'approve', ...extra } });

describe('submission list filters', () => {
  let bridge: string;
  let school: string;
  let older: string;
  let submitted: string;
  beforeAll(async () => {
    bridge = await create({ ...road(), projectName: '2026年危桥改造项目', projectCode: '360722260000000077777' });
    older = await create({ ...road(), fiscalYear: 2024, projectName: '2024年渡口安全项目' });
    school = await create(
      { ...road(), projectName: '2026年校舍维修项目', projectCode: '360722260000000088888' },
      'jyj',
    );
    submitted = await create({ ...road(), projectName: '2026年公路养护提交项目' });
    expect((await api.json('POST', `/api/submissions/${submitted}/submit`, { as: 'jtj' })).status).toBe(200);
  });

  it('finds by a part of the title, of the project code and of the unit name, case-insensitively', async () => {
    expect(await ids('q=危桥')).toEqual([bridge]);
    expect(await ids('q=77777')).toEqual([bridge]);
    expect(await ids(`q=${encodeURIComponent('交通运输')}`)).toEqual(
      expect.arrayContaining([bridge, older, submitted]),
    );
    expect(await ids(`q=${encodeURIComponent('交通运输')}`)).not.toContain(school);
    // A department never finds another unit's drafts, whatever the keyword.
    expect(await ids('q=校舍')).toEqual([]);
    expect(await ids('q=校舍', 'jyj')).toEqual([school]);
  });

  it('filters by year, form and status, and the filters combine', async () => {
    const y2024 = await ids('year=2024');
    expect(y2024).toContain(older);
    expect(y2024).not.toContain(bridge);
    expect(await ids('year=2024&q=危桥')).toEqual([]);
    expect(await ids('formId=dept-target&q=危桥')).toEqual([]);
    const drafts = await ids('status=draft&year=2025');
    expect(drafts).not.toContain(submitted);
    expect(await ids('status=in_review&q=提交项目')).toEqual([submitted]);
  });

  it('names the current step (当前环节) in the list, and filters by it', async () => {
    const list = await api.json('GET', '/api/submissions?q=提交项目', { as: 'jtj' });
    expect(list.body.items[0].openSteps).toEqual([
      expect.objectContaining({ stepId: 'leaderSignoff', name: '单位负责人审核签发', assigneeUnitId: 'jtj' }),
    ]);
    expect(await ids(`step=${encodeURIComponent('单位负责人审核签发')}`)).toEqual([submitted]);
    expect(await ids(`step=${encodeURIComponent('业务股室审核')}`)).toEqual([]);
    expect((await decide(submitted, 'jtjld', 'leaderSignoff')).status).toBe(200);
    expect(await ids(`step=${encodeURIComponent('业务股室审核')}`)).toEqual([submitted]);
    // The managing section sees it under the same step name and finds it by the unit's name.
    expect(
      await ids(`step=${encodeURIComponent('业务股室审核')}&q=${encodeURIComponent('交通运输局')}`, 'jjs'),
    ).toEqual([submitted]);
  });

  it('refuses malformed filters with a Chinese 422 naming the parameter', async () => {
    for (const [query, path] of [
      ['year=26', 'year'],
      ['overdue=maybe', 'overdue'],
      ['status=lost', 'status'],
      [`q=${'长'.repeat(51)}`, 'q'],
    ]) {
      const r = await api.json('GET', `/api/submissions?${query}`, { as: 'jtj' });
      expectClear4xx(r, 422);
      expect(r.body.error.details[0].path).toBe(path);
    }
    const t = await api.json('GET', '/api/tasks?overdue=1', { as: 'jjs' });
    expectClear4xx(t, 422);
    expect(t.body.error.details[0].path).toBe('overdue');
  });

  it('pages through filtered results with the cursor without losing or repeating any', async () => {
    const all = await ids('q=项目');
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const r: { body: { items: { id: string }[]; cursor: string | null } } = await api.json(
        'GET',
        `/api/submissions?q=${encodeURIComponent('项目')}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { as: 'jtj' },
      );
      seen.push(...r.body.items.map((s) => s.id));
      cursor = r.body.cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(3);
  });
});

describe('overdue, in both lists', () => {
  it('filters submissions and tasks past their deadline, and tasks by keyword and step', async () => {
    const { id, dueAt } = await selfEvalAtUnitFeedback(api);

    expect(await ids('overdue=true')).not.toContain(id);
    expect(await ids('overdue=false&formId=project-self-eval')).toContain(id);
    const taskIds = async (query: string) =>
      (await api.json('GET', `/api/tasks?status=open&limit=100&${query}`, { as: 'jtjld' })).body.items.map(
        (t: { submissionId: string }) => t.submissionId,
      );
    expect(await taskIds(`step=${encodeURIComponent('单位反馈结果应用情况并报送整改报告')}`)).toEqual([id]);
    expect(await taskIds(`q=${encodeURIComponent('交通运输')}`)).toContain(id);
    expect(await taskIds(`q=${encodeURIComponent('教育体育')}`)).toEqual([]);
    expect(await taskIds('overdue=true')).toEqual([]);

    now = new Date(Date.parse(dueAt) + 1000).toISOString();
    expect(await ids('overdue=true')).toEqual([id]);
    expect(await taskIds('overdue=true')).toEqual([id]);
    expect(await taskIds('overdue=false')).not.toContain(id);
    const listed = await api.json('GET', '/api/submissions?overdue=true', { as: 'jtj' });
    expect(listed.body.items[0]).toMatchObject({
      overdue: true,
      openSteps: [{ name: '单位反馈结果应用情况并报送整改报告' }],
    });
  });
});

describe('deleting a draft', () => {
  it('lets the creating unit delete a never-submitted draft: gone from lists and reads, the deletion recorded', async () => {
    const id = await create({ ...road(), projectName: '2026年待删除项目' });
    expect(await ids('q=待删除')).toEqual([id]);
    const r = await api.call('DELETE', `/api/submissions/${id}?version=1`, { as: 'jtj' });
    expect(r.status).toBe(204);
    expect(await ids('q=待删除')).toEqual([]);
    expectClear4xx(await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' }), 404);
    expectClear4xx(await api.json('DELETE', `/api/submissions/${id}`, { as: 'jtj' }), 404);
    const history = await api.deps.submissions.history(id);
    expect(history.map((e) => e.type)).toEqual(['created', 'deleted']);
    expect(history[1]).toMatchObject({
      seq: 2,
      actor: { id: 'jtj', unitId: 'jtj' },
      status: 'draft',
      dataSnapshot: expect.objectContaining({ projectName: '2026年待删除项目' }),
    });
  });

  it("answers 404 for another unit's draft and 403 for the unit's leader, and changes nothing", async () => {
    const id = await create({ ...road(), projectName: '2026年他人草稿项目' });
    const before = await snapshot(api, id);
    for (const as of ['jyj', 'jjs', 'jxpj', 'admin']) {
      const r = await api.json('DELETE', `/api/submissions/${id}`, { as });
      expectClear4xx(r, 404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const leader = await api.json('DELETE', `/api/submissions/${id}`, { as: 'jtjld' });
    expectClear4xx(leader, 403);
    expect(leader.body.error.code).toBe('FORBIDDEN');
    expect(await snapshot(api, id)).toEqual(before);
  });

  it('refuses (409 CONFLICT) a submitted one, a withdrawn one and a stale version, and changes nothing', async () => {
    const submitted = await api.submittedProjectTarget('jtj');
    const withdrawn = await api.submittedProjectTarget('jtj');
    expect((await api.json('POST', `/api/submissions/${withdrawn}/withdraw`, { as: 'jtj' })).status).toBe(200);
    for (const id of [submitted, withdrawn]) {
      const before = await snapshot(api, id);
      const r = await api.json('DELETE', `/api/submissions/${id}`, { as: 'jtj' });
      expectClear4xx(r, 409);
      expect(r.body.error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'status' }] });
      expect(await snapshot(api, id)).toEqual(before);
    }
    const draft = await create(road());
    const stale = await api.json('DELETE', `/api/submissions/${draft}?version=7`, { as: 'jtj' });
    expectClear4xx(stale, 409);
    expect(stale.body.error.details[0].path).toBe('version');
    expectClear4xx(await api.json('DELETE', `/api/submissions/${draft}?version=x`, { as: 'jtj' }), 422);
    expect((await api.json('GET', `/api/submissions/${draft}`, { as: 'jtj' })).status).toBe(200);
  });
});

describe('prefill from the profile (form.json `prefill`)', () => {
  it('fills 填报人, 联系电话 and the unit into a blank new submission', async () => {
    const blank = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target' } });
    expect(blank.status).toBe(201);
    const me = await api.json('GET', '/api/me', { as: 'jtj' });
    expect(blank.body.data).toMatchObject({
      preparedBy: me.body.name,
      contactPhone: '0797-3312345',
      competentDept: { name: '信丰县交通运输局', code: '118001' },
    });
    const dept = await api.json('POST', '/api/submissions', { as: 'jyj', body: { formId: 'dept-target' } });
    expect(dept.body.data).toMatchObject({
      contactPhone: '0797-3321234',
      dept: { name: '信丰县教育体育局', code: '105001' },
    });
  });

  it('keeps what the creator sent and fills only the empty fields', async () => {
    const data = { ...road(), preparedBy: '张三', contactPhone: '' };
    const r = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target', data } });
    expect(r.body.data.preparedBy).toBe('张三');
    expect(r.body.data.contactPhone).toBe('0797-3312345');
    expect(r.body.data.competentDept).toEqual(road().competentDept);
  });
});
