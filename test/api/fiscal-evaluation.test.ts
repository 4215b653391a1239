import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../functions/core/use-cases/review/sweep-deadlines';
import { createTestApi, type TestApi } from '../support/api';

/**
 * 财政评价 (第二十六条), 领导小组 approvals (第四条), 公开 (第三十条), 监督 (第三十二条) and the 乡镇 route (第十条),
 * through the real app on DynamoDB Local.
 */
let api: TestApi;
const readExample = (form: string, file: string) =>
  JSON.parse(readFileSync(`forms/${form}/examples/${file}`, 'utf8')).data as Record<string, any>;
const planData = readExample('fiscal-evaluation-plan', 'valid-rural-roads.json');
const reportData = readExample('fiscal-evaluation', 'valid-rural-roads.json');

const create = (as: string, formId: string, data: unknown) =>
  api.json('POST', '/api/submissions', { as, body: { formId, data } });
const submit = (id: string, as: string) => api.json('POST', `/api/submissions/${id}/submit`, { as });
const get = (id: string, as: string) => api.json('GET', `/api/submissions/${id}`, { as });
const assign = (body: Record<string, unknown>, as = 'jxpj') => api.json('POST', '/api/evaluations', { as, body });
const notices = async (as: string) =>
  (await api.json('GET', '/api/notifications?limit=100', { as })).body.items.filter(
    (n: { type: string }) => n.type === 'review_notice',
  );
const approveAll = async (id: string, reviewers: string[]) => {
  for (const r of reviewers) {
    const d = await api.decide(id, r);
    expect(d.status, `${r}: ${JSON.stringify(d.body)}`).toBe(200);
  }
};

let planId: string;
let evaluationId: string;
let targetId: string;

beforeAll(async () => {
  api = await createTestApi();
  targetId = await api.submittedProjectTarget('jtj');
  await approveAll(targetId, ['jtjld', 'jjs', 'jxpj', 'ysg']);
}, 240_000);

describe('E0 年度财政评价对象建议表 → 领导小组 审议 (第四条、第二十六条)', () => {
  it('is filed by 绩效评价服务股 only: a department or an agency gets 403', async () => {
    const dept = await create('jtj', 'fiscal-evaluation-plan', planData);
    expect(dept.status).toBe(403);
    expect(dept.body.error.code).toBe('FORBIDDEN');
    const agency = await create('dsf', 'fiscal-evaluation-plan', planData);
    expect(agency.status).toBe(403);
    const evaluation = await create('jxpjtb', 'fiscal-evaluation', reportData);
    expect(evaluation.status, '财政评价报告 is created by assignment only').toBe(403);
  });

  it('goes 预算股 → 领导小组; nothing can be assigned before the 领导小组 approves (R-E1)', async () => {
    const plan = await create('jxpjtb', 'fiscal-evaluation-plan', planData);
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    planId = plan.body.id;
    expect((await submit(planId, 'jxpjtb')).body.status).toBe('in_review');
    await approveAll(planId, ['ysg']);
    const early = await assign({ planId, objectIndex: 0, assigneeUnitId: 'dsfjg' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('EVALUATION_PLAN_NOT_APPROVED');
    const open = await get(planId, 'ldxz');
    expect(open.body.openSteps.map((s: { stepId: string; assigneeUnitId: string }) => s)).toMatchObject([
      { stepId: 'leadingGroupApproval', assigneeUnitId: 'ldxz' },
    ]);
    const ok = await api.decide(planId, 'ldxz', 'approve', {
      fields: { meetingDate: '2026-03-20', minutesNo: '2026-第3次' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await get(planId, 'jxpj')).body.status).toBe('approved');
    // 第三十二条: the approved list reaches 监督评价股 as a reference for its check plan.
    expect((await notices('jdpj')).map((n: { link: string }) => n.link)).toContain(`/review/${planId}`);
  });
});

describe('assignment to a third-party agency (第二十六条, R-E7)', () => {
  it('creates the report in the agency with the object and the scoring template copied', async () => {
    const r = await assign({ planId, objectIndex: 0, assigneeUnitId: 'dsfjg' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    evaluationId = r.body.id;
    expect(r.body).toMatchObject({
      unitId: 'dsfjg',
      subjectUnitId: 'jtj',
      evaluation: { planId, objectIndex: 0, assignedUnitId: 'dsfjg', assignedBy: 'jxpj' },
    });
    const sub = await get(evaluationId, 'dsf');
    expect(sub.body.data.object).toEqual(reportData.object);
    expect(sub.body.data.fiscalYear).toBe(2025);
    expect(sub.body.data.scoreTable).toHaveLength(18);
    expect(sub.body.permissions).toMatchObject({ canEdit: true, canSubmit: true });
  });

  it('refuses a second assignment, a non-agency evaluator, an unknown object and a stranger', async () => {
    const twice = await assign({ planId, objectIndex: 0, assigneeUnitId: 'dsfjg' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'EVALUATION_ALREADY_ASSIGNED']);
    const section = await assign({ planId, objectIndex: 0, assigneeUnitId: 'jjs' });
    expect([section.status, section.body.error.code]).toEqual([422, 'EVALUATION_ASSIGNEE_INVALID']);
    expect(section.body.error.details[0].path).toBe('/assigneeUnitId');
    const unknown = await assign({ planId, objectIndex: 3, assigneeUnitId: 'dsfjg' });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'EVALUATION_OBJECT_UNKNOWN']);
    const dept = await assign({ planId, objectIndex: 0, assigneeUnitId: 'dsfjg' }, 'jtj');
    expect([dept.status, dept.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const budget = await assign({ planId, objectIndex: 0, assigneeUnitId: 'dsfjg' }, 'ysg');
    expect([budget.status, budget.body.error.code]).toEqual([403, 'EVALUATION_ORGANISER_ONLY']);
  });

  it('lets the agency see only its assignment: list, get, inbox, dashboard, campaigns, units, forms', async () => {
    const list = await api.json('GET', '/api/submissions?limit=100', { as: 'dsf' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([evaluationId]);
    for (const id of [targetId, planId]) {
      const r = await get(id, 'dsf');
      expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
      const h = await api.json('GET', `/api/submissions/${id}/history`, { as: 'dsf' });
      expect(h.status).toBe(404);
    }
    const inbox = await api.json('GET', '/api/tasks?status=open', { as: 'dsf' });
    expect([inbox.status, inbox.body.items]).toEqual([200, []]);
    const done = await api.json('GET', '/api/tasks?status=done', { as: 'dsf' });
    expect(done.body.items).toEqual([]);
    const dash = await api.json('GET', '/api/dashboard', { as: 'dsf' });
    expect(dash.body).toMatchObject({
      counts: { draft: 1, in_review: 0, approved: 0, returned: 0, rejected: 0 },
      openTasks: 0,
    });
    const campaigns = await api.json('GET', '/api/campaigns', { as: 'dsf' });
    expect([campaigns.status, campaigns.body.items]).toEqual([200, []]);
    const units = await api.json('GET', '/api/units', { as: 'dsf' });
    expect(units.body.items.map((u: { id: string }) => u.id)).toEqual(['dsfjg']);
    const forms = await api.json('GET', '/api/forms', { as: 'dsf' });
    expect(forms.body.items).toEqual([]);
    const start = await create('dsf', 'project-target', {});
    expect([start.status, start.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('the evaluation report: scoring on the worked example, confirmation, results (第二十六条)', () => {
  it('refuses a score above its weight and a deduction without a basis, at their cells', async () => {
    const sub = await get(evaluationId, 'dsf');
    const data = structuredClone(reportData);
    data.scoreTable[2].score = 3.5;
    data.scoreTable[3].scoringBasis = '';
    const saved = await api.json('PUT', `/api/submissions/${evaluationId}`, {
      as: 'dsf',
      body: { data, version: sub.body.version },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const r = await submit(evaluationId, 'dsf');
    expect(r.status).toBe(422);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/scoreTable/2/score', '/scoreTable/3/scoringBasis']));
  });

  it('is filed only with the 利益冲突回避声明, and a declared tie only with what it is (R-E6)', async () => {
    const sub = await get(evaluationId, 'dsf');
    const { conflictDeclaration: _c, ...undeclared } = structuredClone(reportData);
    undeclared.evaluators[0] = { ...undeclared.evaluators[0], hasTie: true, tieDescription: ' ' };
    const saved = await api.json('PUT', `/api/submissions/${evaluationId}`, {
      as: 'dsf',
      body: { data: undeclared, version: sub.body.version },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const r = await submit(evaluationId, 'dsf');
    expect([r.status, r.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      '/conflictDeclaration/declaredBy',
      '/conflictDeclaration/noConflict',
      '/evaluators/0/tieDescription',
    ]);
    expect((await get(evaluationId, 'dsf')).body.status).toBe('draft');
  });

  it('computes 87.67 → 良 with the level subtotals of the worked example and submits', async () => {
    const sub = await get(evaluationId, 'dsf');
    const { subtotals: _s, totalScore: _t, grade: _g, ...typed } = structuredClone(reportData);
    const saved = await api.json('PUT', `/api/submissions/${evaluationId}`, {
      as: 'dsf',
      body: { data: typed, version: sub.body.version },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.computed).toEqual({
      '/subtotals/decision': 17.5,
      '/subtotals/process': 16.88,
      '/subtotals/output': 27.46,
      '/subtotals/benefit': 25.83,
      '/totalScore': 87.67,
      '/grade': 'good',
    });
    const r = await submit(evaluationId, 'dsf');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.openSteps).toMatchObject([{ stepId: 'unitComments', assigneeUnitId: 'jtj' }]);
  });

  it('the evaluated unit answers the draft (交换意见, R-E8) before 绩效评价服务股 can confirm', async () => {
    const early = await api.json('POST', `/api/submissions/${evaluationId}/decisions`, {
      as: 'jxpj',
      body: { stepId: 'perfConfirm', action: 'approve' },
    });
    expect(early.status).toBe(409);
    const draft = await get(evaluationId, 'jtj');
    expect(draft.status, 'the unit reads the draft it comments on').toBe(200);
    expect(draft.body.data.grade).toBe('good');
    expect((await get(evaluationId, 'jyj')).status, 'another department').toBe(404);
    const bare = await api.decide(evaluationId, 'jtjld', 'approve');
    expect(bare.status).toBe(422);
    expect(bare.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/fields/opinion']);
    const noReason = await api.decide(evaluationId, 'jtjld', 'approve', { fields: { opinion: 'partial' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/fields/reason']);
    const ok = await api.decide(evaluationId, 'jtjld', 'approve', {
      fields: { opinion: 'partial', reason: '对P3无异议，P2已调账。' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.openSteps).toMatchObject([{ stepId: 'perfConfirm', assigneeUnitId: 'jxpj' }]);
    const history = await api.json('GET', `/api/submissions/${evaluationId}/history`, { as: 'jxpj' });
    expect(history.body.items.at(-1)).toMatchObject({
      stepId: 'unitComments',
      actor: { id: 'jtjld' },
      fields: { opinion: 'partial', reason: '对P3无异议，P2已调账。' },
    });
  });

  it('the agency cannot confirm; 绩效评价服务股 confirms and the results reach 预算股, 国库股, 业务股室, then the unit', async () => {
    const self = await api.decide(evaluationId, 'dsf');
    expect(self.status).toBe(403);
    await approveAll(evaluationId, ['jxpj']);
    for (const who of ['ysg', 'gkg', 'jjs']) {
      expect(
        (await notices(who)).map((n: { link: string }) => n.link),
        who,
      ).toContain(`/review/${evaluationId}`);
      expect((await get(evaluationId, who)).status, who).toBe(200);
    }
    expect(await notices('jtj')).toEqual([]);
    await approveAll(evaluationId, ['jjs']);
    const final = await get(evaluationId, 'jtj');
    expect(final.status).toBe(200);
    expect(final.body.status).toBe('approved');
    expect((await notices('jtj')).map((n: { link: string }) => n.link)).toContain(`/review/${evaluationId}`);
    expect((await get(evaluationId, 'jyj')).status, 'another department').toBe(404);
    // The agency keeps read access to its own report and never sees other units' notices.
    expect((await get(evaluationId, 'dsf')).body.status).toBe('approved');
    expect(await notices('dsf')).toEqual([]);
  });
});

describe('公开 check before publication (第三十条)', () => {
  const publish = (id: string, as: string, body: Record<string, unknown>) =>
    api.json('POST', `/api/submissions/${id}/publications`, { as, body });

  it('预算股 checks an approved target; the 业务股室 may not; the unit is told', async () => {
    const wrong = await publish(targetId, 'jjs', { checkResult: 'passed', channel: '部门预算公开' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'PUBLICATION_CHECKER_ONLY']);
    const noReason = await publish(targetId, 'ysg', { checkResult: 'returned', channel: '部门预算公开' });
    expect([noReason.status, noReason.body.error.code]).toEqual([422, 'PUBLICATION_REASON_REQUIRED']);
    expect(noReason.body.error.details[0].path).toBe('/note');
    const ok = await publish(targetId, 'ysg', {
      checkResult: 'passed',
      channel: '部门预算公开',
      url: 'https://www.jxxf.gov.cn/yusuan/2026',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.publications).toMatchObject([
      { checkResult: 'passed', channel: '部门预算公开', checkedBy: { id: 'ysg', unitId: 'ysg' } },
    ]);
    const history = await api.json('GET', `/api/submissions/${targetId}/history`, { as: 'jtj' });
    expect(history.body.items.at(-1)).toMatchObject({ type: 'published', actor: { id: 'ysg' } });
    expect((await notices('jtj')).some((n: { title: string }) => n.title.startsWith('公开复核通过'))).toBe(true);
  });

  it('refuses what is not approved (R-P1) and lists every record for 绩效评价服务股', async () => {
    const draft = await api.submittedProjectTarget('jtj');
    const early = await publish(draft, 'ysg', { checkResult: 'passed', channel: '部门预算公开' });
    expect([early.status, early.body.error.code]).toEqual([409, 'PUBLICATION_NOT_APPROVED']);
    const evaluation = await publish(evaluationId, 'jjs', { checkResult: 'passed', channel: '部门决算公开' });
    expect(evaluation.status, JSON.stringify(evaluation.body)).toBe(200);
    const list = await api.json('GET', '/api/publications', { as: 'jxpj' });
    expect(list.body.items.map((i: { submissionId: string }) => i.submissionId).sort()).toEqual(
      [targetId, evaluationId].sort(),
    );
    const stranger = await api.json('GET', '/api/publications', { as: 'dsf' });
    expect(stranger.body.items.map((i: { submissionId: string }) => i.submissionId)).toEqual([evaluationId]);
    expect(stranger.body.checkable).toEqual([]);
  });
});

describe('监督检查 with copies (第三十二条)', () => {
  const check = readExample('supervision-check', 'valid-transport.json');

  it('refuses an unknown unit code at its field', async () => {
    const c = await create('jdpj', 'supervision-check', { ...check, inspectedUnitCode: '999999' });
    expect(c.status).toBe(201);
    const r = await submit(c.body.id, 'jdpj');
    expect([r.status, r.body.error.code]).toEqual([422, 'SUBJECT_UNIT_UNKNOWN']);
    expect(r.body.error.details[0].path).toBe('/inspectedUnitCode');
  });

  it('feeds back to the unit and copies 预算股 and the 业务股室, who then chases the rectification', async () => {
    const c = await create('jdpj', 'supervision-check', check);
    const r = await submit(c.body.id, 'jdpj');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.openSteps).toMatchObject([{ stepId: 'rectificationFollowUp', assigneeUnitId: 'jjs' }]);
    for (const who of ['jtj', 'ysg', 'jjs']) {
      expect(
        (await notices(who)).map((n: { link: string }) => n.link),
        who,
      ).toContain(`/review/${c.body.id}`);
    }
    expect((await get(c.body.id, 'kjw')).status).toBe(404);
    const d = await api.decide(c.body.id, 'jjs', 'approve', { fields: { rectificationStatus: 'completed' } });
    expect(d.status).toBe(200);
    expect((await get(c.body.id, 'jtj')).body.status).toBe('approved');
  });
});

describe('乡镇 route (第十条)', () => {
  it('adds 乡镇财政管理股 after the 业务股室 for a township unit only', async () => {
    const town = await api.submittedProjectTarget('dtb');
    await approveAll(town, ['dtbld', 'nync']);
    expect((await get(town, 'xzcz')).body.openSteps).toMatchObject([
      { stepId: 'townshipReview', assigneeUnitId: 'xzcz' },
    ]);
    await approveAll(town, ['xzcz']);
    expect((await get(town, 'jxpj')).body.openSteps).toMatchObject([{ stepId: 'perfReview' }]);

    const county = await api.submittedProjectTarget('jtj');
    await approveAll(county, ['jtjld', 'jjs']);
    expect((await get(county, 'jxpj')).body.openSteps).toMatchObject([{ stepId: 'perfReview' }]);
    expect((await get(county, 'xzcz')).status).toBe(404);
  });
});

describe('部门评价 reported by the department (第二十五条)', () => {
  it('goes 部门负责人 → 业务股室 初审 → 绩效评价服务股 抽查复核, and the result reaches the 业务股室 and the department', async () => {
    const data = readExample('dept-evaluation', 'valid-bridge-maintenance.json');
    const c = await create('jtj', 'dept-evaluation', data);
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect((await submit(c.body.id, 'jtj')).body.openSteps).toMatchObject([{ stepId: 'leaderSignoff' }]);
    await approveAll(c.body.id, ['jtjld', 'jjs']);
    expect((await get(c.body.id, 'jxpj')).body.openSteps).toMatchObject([
      { stepId: 'spotCheck', assigneeUnitId: 'jxpj' },
    ]);
    await approveAll(c.body.id, ['jxpj']);
    expect((await get(c.body.id, 'jtj')).body.status).toBe('approved');
    for (const who of ['jjs', 'jtj'])
      expect(
        (await notices(who)).map((n: { link: string }) => n.link),
        who,
      ).toContain(`/review/${c.body.id}`);
    expect((await create('dsf', 'dept-evaluation', data)).status).toBe(403);
  });
});

/** A new approved plan (`plan`, the example's by default), its object assigned to the agency, the report filed with `data`. */
async function fileEvaluation(data: Record<string, unknown>, plan_: Record<string, unknown> = planData) {
  const plan = await create('jxpjtb', 'fiscal-evaluation-plan', plan_);
  expect((await submit(plan.body.id, 'jxpjtb')).body.status).toBe('in_review');
  await approveAll(plan.body.id, ['ysg']);
  const led = await api.decide(plan.body.id, 'ldxz', 'approve', {
    fields: { meetingDate: '2026-03-21', minutesNo: '2026-第4次' },
  });
  expect(led.status).toBe(200);
  const assigned = await assign({ planId: plan.body.id, objectIndex: 0, assigneeUnitId: 'dsfjg' });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
  const id = assigned.body.id as string;
  const draft = await get(id, 'dsf');
  const saved = await api.json('PUT', `/api/submissions/${id}`, {
    as: 'dsf',
    body: { data, version: draft.body.version },
  });
  expect(saved.status).toBe(200);
  const filed = await submit(id, 'dsf');
  expect(filed.status, JSON.stringify(filed.body)).toBe(200);
  return { id, filed };
}

describe('交换意见 not given within its 5 working days (R-E8)', () => {
  it('the deadline sweep answers 无异议 for the unit once, as a system decision, and 绩效评价服务股 confirms next', async () => {
    const { id, filed } = await fileEvaluation(reportData);
    expect(filed.body.openSteps).toMatchObject([{ stepId: 'unitComments', assigneeUnitId: 'jtj' }]);
    const dueAt = filed.body.openSteps[0].dueAt as string;
    const at = (ms: number) => ({ ...api.deps, clock: { ...api.deps.clock, now: () => new Date(ms).toISOString() } });

    expect((await sweepDeadlines(at(Date.parse(dueAt) - 60_000))).lapsed).toBe(0);
    expect((await get(id, 'jtj')).body.openSteps).toMatchObject([{ stepId: 'unitComments' }]);
    expect((await sweepDeadlines(at(Date.parse(dueAt) + 1000))).lapsed).toBe(1);
    expect((await sweepDeadlines(at(Date.parse(dueAt) + 2000))).lapsed, 'never twice').toBe(0);

    const after = await get(id, 'jxpj');
    expect(after.body.openSteps).toMatchObject([{ stepId: 'perfConfirm', assigneeUnitId: 'jxpj' }]);
    const history = (await api.json('GET', `/api/submissions/${id}/history`, { as: 'jxpj' })).body.items;
    const lapses = history.filter((e: { stepId?: string }) => e.stepId === 'unitComments');
    expect(lapses).toHaveLength(1);
    expect(lapses[0]).toMatchObject({
      type: 'approved',
      actor: { id: 'system' },
      comment: '逾期未反馈，视为无异议',
      fields: { opinion: 'accept' },
    });
    const late = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jtjld',
      body: { stepId: 'unitComments', action: 'approve', fields: { opinion: 'dispute', reason: '迟到的异议' } },
    });
    expect([late.status, late.body.error.code]).toEqual([409, 'CONFLICT']);
  });
});

describe('a declared tie goes to 绩效评价服务股 for its decision (R-E6)', () => {
  it('replace: back to the agency; 不影响独立性 with a reason: on to 交换意见; the decision is on the history', async () => {
    const tied = structuredClone(reportData);
    tied.evaluators[0] = { ...tied.evaluators[0], hasTie: true, tieDescription: '2024年为该项目编制绩效目标' };
    const { id, filed } = await fileEvaluation(tied);
    expect(filed.body.openSteps).toMatchObject([{ stepId: 'conflictReview', assigneeUnitId: 'jxpj' }]);
    const decide = (as: string, action: string, fields?: Record<string, unknown>, comment?: string) =>
      api.json('POST', `/api/submissions/${id}/decisions`, {
        as,
        body: { stepId: 'conflictReview', action, comment, ...(fields ? { fields } : {}) },
      });
    expect((await decide('dsf', 'approve', { decision: 'independent', reason: '自行认定' })).status).toBe(403);
    expect((await decide('jtjld', 'approve')).status, 'the evaluated unit does not see it yet').toBe(404);
    const paths = async (r: Promise<{ status: number; body: { error: { details: { path: string }[] } } }>) => {
      const res = await r;
      expect(res.status).toBe(422);
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths(decide('jxpj', 'approve'))).toEqual(['/fields/decision', '/fields/reason']);
    expect(await paths(decide('jxpj', 'approve', { decision: 'replace', reason: '编制过绩效目标' }))).toEqual([
      '/fields/decision',
    ]);
    const back = await decide(
      'jxpj',
      'return',
      { decision: 'replace', reason: '曾为该项目编制绩效目标，应当回避' },
      '请更换王某',
    );
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.status).toBe('returned');
    expect(back.body.openSteps).toEqual([]);

    const again = await submit(id, 'dsf');
    expect(again.body.openSteps).toMatchObject([{ stepId: 'conflictReview' }]);
    const ok = await decide('jxpj', 'approve', { decision: 'independent', reason: '仅参与资料收集，不参与评分' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.openSteps).toMatchObject([{ stepId: 'unitComments', assigneeUnitId: 'jtj' }]);
    const history = (await api.json('GET', `/api/submissions/${id}/history`, { as: 'jxpj' })).body.items;
    expect(history.filter((e: { stepId?: string }) => e.stepId === 'conflictReview')).toMatchObject([
      { type: 'returned', actor: { id: 'jxpj' }, fields: { decision: 'replace' } },
      {
        type: 'approved',
        actor: { id: 'jxpj' },
        fields: { decision: 'independent', reason: '仅参与资料收集，不参与评分' },
      },
    ]);
  });
});

/** The example report typed with every score at half its weight, with the reason: 50 points, 差. */
function poorReport(): Record<string, unknown> {
  const { subtotals: _s, totalScore: _t, grade: _g, ...typed } = structuredClone(reportData);
  typed.scoreTable = typed.scoreTable.map((row: { weight: number }) => ({
    ...row,
    score: row.weight / 2,
    scoringBasis: '目标未完成，资金使用不规范',
  }));
  return typed;
}

/** A 差 report on the plan's object, commented on by the unit and confirmed: sent to the unit. */
async function issuePoorEvaluation(plan: Record<string, unknown> = planData) {
  const { id, filed } = await fileEvaluation(poorReport(), plan);
  expect(filed.body.openSteps).toMatchObject([{ stepId: 'unitComments', assigneeUnitId: 'jtj' }]);
  expect((await get(id, 'jtj')).body.data.grade).toBe('poor');
  const commented = await api.decide(id, 'jtjld', 'approve', { fields: { opinion: 'accept' } });
  expect(commented.status, JSON.stringify(commented.body)).toBe(200);
  return id;
}

/** The example target of 交通运输局 under another name and code, for `fiscalYear`. */
const targetNamed = (projectName: string, projectCode: string, fiscalYear = 2026) => ({
  ...readExample('project-target', 'valid-rural-road-maintenance.json'),
  projectName,
  projectCode,
  fiscalYear,
});

describe('a 财政评价 of a project binds the evaluated unit (R-C5 差, 第二十九条(五)1(2))', () => {
  it('a 差 evaluation of an object that is not a 重点项目 (a 重大政策 of the same name) binds no target', async () => {
    const name = '2025年信丰县农村公路安全生命防护工程';
    const policyPlan = structuredClone(planData);
    policyPlan.objects[0] = { ...policyPlan.objects[0], objectType: 'policy', objectName: name };
    const id = await issuePoorEvaluation(policyPlan);
    await approveAll(id, ['jxpj', 'jjs']);
    expect((await get(id, 'jtj')).body.status).toBe('approved');
    const target = targetNamed('2026年信丰县农村公路安全生命防护工程', '360722260000000077777');
    const c = await create('jtj', 'project-target', target);
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const submitted = await submit(c.body.id, 'jtj');
    expect([submitted.status, submitted.body.error?.code, submitted.body.status]).toEqual([
      200,
      undefined,
      'in_review',
    ]);
  });

  it('a 差 report sent to the unit refuses its same-type target of the next year; while in review it does not', async () => {
    const id = await issuePoorEvaluation();
    // The next year's target of the same road maintenance, under another code: the name (without its year) matches.
    const target = targetNamed('2026年信丰县农村公路日常养护项目', '360722260000000099999');
    const submitTarget = async () => {
      const c = await create('jtj', 'project-target', target);
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      return submit(c.body.id, 'jtj');
    };
    // Not yet confirmed and sent to the unit: no result binds yet (the 良 report above binds nothing either).
    expect((await submitTarget()).status).toBe(200);

    await approveAll(id, ['jxpj', 'jjs']);
    expect((await get(id, 'jtj')).body.status).toBe('approved');
    const refused = await submitTarget();
    expect([refused.status, refused.body.error?.code]).toEqual([422, 'SAME_TYPE_PROJECT_BLOCKED']);
    expect(refused.body.error.details[0].path).toBe('/projectName');
    expect(refused.body.error.message).toContain('2025年度财政评价结果为“差”');
    // Another project of the unit is not bound.
    const other = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: {
        formId: 'project-target',
        data: { ...target, projectName: '2026年信丰县公交站亭建设项目', projectCode: '360722260000000088888' },
      },
    });
    expect((await submit(other.body.id, 'jtj')).status).toBe(200);
  });
});
