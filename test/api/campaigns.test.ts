import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { expectClear4xx, expectError } from '../support/proof';

/** 填报任务: issue, the board through the whole chain, overdue on the server clock, one per unit, access, bad input. */
let api: TestApi;
let now = '2026-01-05T02:00:00.000Z';
let example: Record<string, unknown>;

const issue = (body: Record<string, unknown>, as = 'jxpj') => api.json('POST', '/api/campaigns', { as, body });
const board = (id: string, as = 'jxpj') => api.json('GET', `/api/campaigns/${id}`, { as });
const row = async (id: string, unitId: string) =>
  (await board(id)).body.units.find((u: { unitId: string }) => u.unitId === unitId);
const start = (campaignId: string, as = 'jtj') =>
  api.json('POST', '/api/submissions', { as, body: { formId: 'project-target', campaignId, data: example } });
const issueTo = async (title: string, unitIds: string[]) =>
  (await issue({ formId: 'project-target', title, year: 2026, dueDate: '2026-03-31', unitIds })).body;
const campaignCount = async () =>
  (await api.json('GET', '/api/campaigns?limit=100', { as: 'admin' })).body.items.length;

beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
  const form = await api.json('GET', '/api/forms/project-target', { as: 'jtj' });
  example = (
    form.body.examples.find((e: { title: string }) => e.title.includes('农村公路日常养护')) ?? form.body.examples[0]
  ).data;
});

describe('issuing a campaign', () => {
  it('issues to every 预算单位 by default, with counts all not started', async () => {
    const r = await issue({
      formId: 'project-target',
      title: '2026年项目支出绩效目标申报',
      year: 2026,
      dueDate: '2026-03-31',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const units = (await api.json('GET', '/api/units', { as: 'jxpj' })).body.items.filter(
      (u: { kind: string }) => u.kind === 'department',
    );
    expect(r.body.unitIds.sort()).toEqual(units.map((u: { id: string }) => u.id).sort());
    expect(r.body.dueAt).toBe('2026-03-31T15:59:59.999Z');
    expect(r.body.counts).toEqual({
      notStarted: units.length,
      draft: 0,
      inReview: 0,
      returned: 0,
      approved: 0,
      rejected: 0,
      overdue: 0,
    });
  });

  it('chooses the units a 归口 股室 manages, or by hand', async () => {
    const byJjs = await issue({
      formId: 'project-target',
      title: '经建口任务',
      year: 2026,
      dueDate: '2026-03-31',
      managedBy: 'jjs',
    });
    expect(byJjs.status).toBe(201);
    expect(byJjs.body.unitIds).toContain('jtj');
    expect(byJjs.body.unitIds).not.toContain('jyj');
    const byHand = await issue({
      formId: 'project-target',
      title: '两单位任务',
      year: 2026,
      dueDate: '2026-03-31',
      unitIds: ['jtj', 'jyj'],
    });
    expect(byHand.body.unitIds).toEqual(['jtj', 'jyj']);
  });

  it('computes the due date from N working days on the PRC calendar (春节 skipped)', async () => {
    now = '2026-02-13T02:00:00.000Z'; // Friday before the 2026 Spring Festival holiday
    const r = await issue({
      formId: 'project-target',
      title: '工作日任务',
      year: 2026,
      dueInWorkingDays: 3,
      unitIds: ['jtj'],
    });
    now = '2026-01-05T02:00:00.000Z';
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.dueInWorkingDays).toBe(3);
    // 2026-02-14 (Sat) is a 调休 workday, 2-15..2-23 the holiday: the third working day is 2026-02-25.
    expect(r.body.dueDate > '2026-02-23').toBe(true);
  });

  for (const [name, body, code, path] of [
    ['an unknown form', { formId: 'no-such-form' }, 'CAMPAIGN_FORM_UNKNOWN', '/formId'],
    ['a date that does not exist', { dueDate: '2026-02-30' }, 'CAMPAIGN_DATE_INVALID', '/dueDate'],
    ['an empty title', { title: '   ' }, 'CAMPAIGN_TITLE_EMPTY', '/title'],
    ['units that do not exist', { unitIds: ['jtj', 'nosuch'] }, 'CAMPAIGN_UNIT_UNKNOWN', '/unitIds/1'],
    ['a section as a unit', { unitIds: ['jjs'] }, 'CAMPAIGN_UNIT_UNKNOWN', '/unitIds/0'],
    ['both a date and working days', { dueInWorkingDays: 5 }, 'CAMPAIGN_DUE_REQUIRED', '/dueDate'],
  ] as const) {
    it(`refuses ${name} with a Chinese 422 (${code}) and stores nothing`, async () => {
      const before = await campaignCount();
      const r = await issue({ formId: 'project-target', title: '坏输入', year: 2026, dueDate: '2026-03-31', ...body });
      expectClear4xx(r, 422);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await campaignCount()).toBe(before);
    });
  }

  it('refuses a department (and a 业务股室) issuing, 403 CAMPAIGN_ISSUER_ONLY, nothing stored', async () => {
    const before = await campaignCount();
    for (const as of ['jtj', 'jjs']) {
      const r = await issue({ formId: 'project-target', title: '越权', year: 2026, dueDate: '2026-03-31' }, as);
      expectClear4xx(r, 403);
      expect(r.body.error.code).toBe('CAMPAIGN_ISSUER_ONLY');
    }
    expect(await campaignCount()).toBe(before);
  });
});

describe('the board', () => {
  it('follows a unit through the whole chain: not_started → draft → in_review → returned → in_review → approved', async () => {
    const c = await issueTo('看板全流程', ['jtj', 'jyj']);
    expect((await row(c.id, 'jtj')).status).toBe('not_started');
    const sub = await start(c.id);
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    expect(sub.body.campaignId).toBe(c.id);
    expect(await row(c.id, 'jtj')).toMatchObject({ status: 'draft', submissionId: sub.body.id, submittedAt: null });
    now = '2026-01-06T02:00:00.000Z';
    expect((await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect(await row(c.id, 'jtj')).toMatchObject({ status: 'in_review', submittedAt: now, overdue: false });
    expect((await api.decide(sub.body.id, 'jtjld', 'return')).status).toBe(200);
    expect((await row(c.id, 'jtj')).status).toBe('returned');
    expect((await board(c.id)).body.counts).toMatchObject({ notStarted: 1, returned: 1, inReview: 0 });
    now = '2026-01-07T02:00:00.000Z';
    expect((await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
    // A resubmission keeps the first submission time.
    expect(await row(c.id, 'jtj')).toMatchObject({ status: 'in_review', submittedAt: '2026-01-06T02:00:00.000Z' });
    for (let i = 0; i < 8; i++) {
      const cur = await api.json('GET', `/api/submissions/${sub.body.id}`, { as: 'jtj' });
      if (cur.body.status !== 'in_review') break;
      const who = { jtj: 'jtjld', jjs: 'jjs', jxpj: 'jxpj', ysg: 'ysg', pszx: 'pszx', ldxz: 'ldxz' } as Record<
        string,
        string
      >;
      expect((await api.decide(sub.body.id, who[cur.body.openSteps[0].assigneeUnitId])).status).toBe(200);
    }
    expect((await row(c.id, 'jtj')).status).toBe('approved');
    const b = await board(c.id);
    expect(b.body.counts).toEqual({
      notStarted: 1,
      draft: 0,
      inReview: 0,
      returned: 0,
      approved: 1,
      rejected: 0,
      overdue: 0,
    });
    const list = await api.json('GET', '/api/campaigns?limit=100', { as: 'jxpj' });
    expect(list.body.items.find((x: { id: string }) => x.id === c.id).counts.approved).toBe(1);
  });

  it('judges overdue on the server clock: a past deadline makes every unit without a submission overdue at once; a late submission stays overdue and is flagged', async () => {
    now = '2026-04-02T02:00:00.000Z';
    const c = (
      await issue({
        formId: 'project-target',
        title: '补录任务',
        year: 2025,
        dueDate: '2026-03-31',
        unitIds: ['jtj', 'jyj'],
      })
    ).body;
    expect(c.counts.overdue).toBe(2);
    const sub = await start(c.id);
    const submitted = await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' });
    expect(submitted.body.flags.map((f: { id: string }) => f.id)).toContain('campaign-late');
    expect(await row(c.id, 'jtj')).toMatchObject({ status: 'in_review', overdue: true });
    expect((await board(c.id)).body.counts.overdue).toBe(2);
    // Extending the deadline is recorded; a unit that has not submitted is no longer overdue.
    const ext = await api.json('PATCH', `/api/campaigns/${c.id}`, { as: 'jxpj', body: { dueDate: '2026-04-30' } });
    expect(ext.status, JSON.stringify(ext.body)).toBe(200);
    expect(ext.body.units.find((u: { unitId: string }) => u.unitId === 'jyj').overdue).toBe(false);
    expect(ext.body.edits.map((e: { type: string }) => e.type)).toEqual(['issued', 'edited']);
    expect(ext.body.edits[1].changes.dueDate).toEqual({ from: '2026-03-31', to: '2026-04-30' });
    now = '2026-01-05T02:00:00.000Z';
  });

  it('allows one submission per unit: two parallel creates → exactly one 201 and one 409', async () => {
    const c = await issueTo('并发任务', ['jtj']);
    const rs = await Promise.all([start(c.id), start(c.id)]);
    expect(rs.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await board(c.id)).body.counts).toMatchObject({ notStarted: 0, draft: 1 });
    const mine = await api.json('GET', '/api/submissions?limit=100', { as: 'jtj' });
    expect(mine.body.items.filter((s: { campaignId?: string }) => s.campaignId === c.id)).toHaveLength(1);
  });

  it('refuses a submission for a campaign not addressed to the unit (404), of another form (422), or closed (409)', async () => {
    const c = await issueTo('仅交通局', ['jtj']);
    const other = await start(c.id, 'jyj');
    expectClear4xx(other, 404);
    expect(other.body.error.code).toBe('CAMPAIGN_NOT_FOUND');
    const wrongForm = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'dept-target', campaignId: c.id },
    });
    expectClear4xx(wrongForm, 422);
    expect(wrongForm.body.error.code).toBe('CAMPAIGN_FORM_MISMATCH');
    const closed = await api.json('POST', `/api/campaigns/${c.id}/close`, { as: 'jxpj', body: {} });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const late = await start(c.id);
    expectClear4xx(late, 409);
    expect(late.body.error.code).toBe('CAMPAIGN_CLOSED');
  });

  it('freezes the board when closed: later status changes do not move it', async () => {
    const c = await issueTo('冻结任务', ['jtj']);
    const sub = await start(c.id);
    await api.json('POST', `/api/campaigns/${c.id}/close`, { as: 'jxpj', body: { reason: '年度结束' } });
    expect((await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
    const b = await board(c.id);
    expect(b.body.units[0].status).toBe('draft');
    expect(b.body.counts.draft).toBe(1);
    expect(b.body.permissions).toMatchObject({ canEdit: false, canRemind: false });
    const edit = await api.json('PATCH', `/api/campaigns/${c.id}`, { as: 'jxpj', body: { notice: '再通知' } });
    expectClear4xx(edit, 409);
    expect(edit.body.error.code).toBe('CAMPAIGN_CLOSED');
  });

  it('adds units later (recorded) and refuses unknown ones', async () => {
    const c = await issueTo('追加单位', ['jtj']);
    const bad = await api.json('PATCH', `/api/campaigns/${c.id}`, { as: 'jxpj', body: { addUnitIds: ['ghost'] } });
    expectClear4xx(bad, 422);
    expect(bad.body.error.code).toBe('CAMPAIGN_UNIT_UNKNOWN');
    const ok = await api.json('PATCH', `/api/campaigns/${c.id}`, {
      as: 'ysg',
      body: { addUnitIds: ['jyj'], version: 1 },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['jtj', 'jyj']);
    expect(ok.body.counts.notStarted).toBe(2);
    expect(ok.body.edits[1].addedUnitIds).toEqual(['jyj']);
    const stale = await api.json('PATCH', `/api/campaigns/${c.id}`, { as: 'jxpj', body: { notice: 'x', version: 1 } });
    expectClear4xx(stale, 409);
  });
});

describe('who sees what', () => {
  it('shows a department only its own row and only the campaigns addressed to it; others get 404', async () => {
    const both = await issueTo('两单位可见性', ['jtj', 'jyj']);
    const onlyJyj = await issueTo('仅教体局', ['jyj']);
    const mine = await board(both.id, 'jtj');
    expect(mine.status).toBe(200);
    expect(mine.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['jtj']);
    expect(mine.body.counts).toMatchObject({ notStarted: 1 });
    expect(mine.body.permissions.canRemind).toBe(false);
    const hidden = await board(onlyJyj.id, 'jtj');
    expectClear4xx(hidden, 404);
    const list = await api.json('GET', '/api/campaigns?limit=100', { as: 'jtj' });
    const ids = list.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(both.id);
    expect(ids).not.toContain(onlyJyj.id);
    expect(list.body.items.find((x: { id: string }) => x.id === both.id).mine).toMatchObject({
      unitId: 'jtj',
      status: 'not_started',
    });
    const export404 = await api.json('GET', `/api/campaigns/${onlyJyj.id}/export.xlsx`, { as: 'jtj' });
    expectError(export404, 404, 'CAMPAIGN_NOT_FOUND');
  });
});

describe('dashboard charts from counters', () => {
  it('counts the grade of approved self-evaluations and the average time per step; a department sees its own figures', async () => {
    const charts = (as: string) => api.json('GET', '/api/dashboard/charts', { as });
    const before = (await charts('jxpj')).body;
    const beforeJyj = (await charts('jyj')).body;
    const data = JSON.parse(
      readFileSync('forms/project-self-eval/examples/valid-rural-road-maintenance.json', 'utf8'),
    ).data;
    now = '2026-02-02T01:00:00.000Z';
    const sub = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-self-eval', data } });
    expect((await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
    const who: Record<string, string> = { jtj: 'jtjld', jjs: 'jjs', jxpj: 'jxpj', ldxz: 'ldxz' };
    const extra: Record<string, Record<string, unknown>> = {
      spotCheck: { score: 92, fields: { spotChecked: true } },
      resultApplication: { fields: {} },
      unitFeedback: { fields: { channel: 'written' } },
      rectificationReport: { fields: { rectificationStatus: 'completed' } },
    };
    for (let i = 0; i < 10; i++) {
      const cur = await api.json('GET', `/api/submissions/${sub.body.id}`, { as: 'jtj' });
      if (cur.body.status !== 'in_review') break;
      const step = cur.body.openSteps[0];
      now = new Date(Date.parse(now) + 2 * 3600_000).toISOString(); // every step takes two hours
      const r = await api.json('POST', `/api/submissions/${sub.body.id}/decisions`, {
        as: who[step.assigneeUnitId],
        body: { stepId: step.stepId, action: 'approve', comment: '同意', ...(extra[step.stepId] ?? {}) },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    expect((await api.json('GET', `/api/submissions/${sub.body.id}`, { as: 'jtj' })).body.status).toBe('approved');
    const after = (await charts('jxpj')).body;
    expect(after.scope).toBe('all');
    const grade = (c: typeof after, g: string) => c.grades.find((x: { grade: string }) => x.grade === g).count;
    expect(grade(after, 'excellent')).toBe(grade(before, 'excellent') + 1);
    expect(after.grades.map((g: { label: string }) => g.label)).toEqual(['优', '良', '中', '差']);
    const spot = after.stepDurations.find((s: { stepId: string }) => s.stepId === 'spotCheck');
    expect(spot).toMatchObject({ chainId: 'project-self-eval', stepName: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(spot.averageHours).toBe(2);
    // jtj's own figures include the grade; jyj's do not change.
    const mine = (await charts('jtj')).body;
    expect(mine.scope).toBe('unit');
    expect(grade(mine, 'excellent')).toBeGreaterThanOrEqual(1);
    expect((await charts('jyj')).body.grades).toEqual(beforeJyj.grades);
    // Completion per campaign comes from the campaign counters.
    expect(after.campaigns.length).toBeGreaterThan(0);
    expect(after.campaigns[0]).toMatchObject({
      total: expect.any(Number),
      counts: expect.any(Object),
      completion: expect.any(Number),
    });
    now = '2026-01-05T02:00:00.000Z';
  });
});
