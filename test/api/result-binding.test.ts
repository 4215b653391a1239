import { readFileSync } from 'node:fs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { createTestApi, type TestApi } from '../support/api';

/** Results that bind (规程第二十七–二十九条) and the 整改 they start, through the real app on DynamoDB Local. */
const example = (form: string, file: string) => JSON.parse(readFileSync(`forms/${form}/examples/${file}`, 'utf8')).data;

let api: TestApi;
let now = '2026-09-24T02:00:00.000Z'; // Thursday 10:00 in Shanghai, before the 中秋/国庆 holidays
beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
});

async function create(formId: string, data: unknown, as = 'jtj') {
  const r = await api.json('POST', '/api/submissions', { as, body: { formId, data } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

const decide = (id: string, as: string, stepId: string, body: Record<string, unknown> = {}) =>
  api.json('POST', `/api/submissions/${id}/decisions`, { as, body: { stepId, action: 'approve', ...body } });

/** A project self-evaluation (self 93.70) taken to the 结果应用建议 with the given 复核得分. */
async function selfEvalAtResultApplication(
  reviewScore: number,
  data = example('project-self-eval', 'valid-rural-road-maintenance.json'),
) {
  const id = await create('project-self-eval', data);
  expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
  expect((await decide(id, 'jtjld', 'leaderSignoff')).status).toBe(200);
  expect((await decide(id, 'jjs', 'bizPrelimReview')).status).toBe(200);
  const spot = await decide(id, 'jxpj', 'spotCheck', { score: reviewScore, fields: { spotChecked: true } });
  expect(spot.status, JSON.stringify(spot.body)).toBe(200);
  return { id, spot: spot.body };
}

describe('a 结果应用建议 that contradicts the computed outcome (第二十七条, 第二十九条(五))', () => {
  it('is refused with RESULT_CONTRADICTS_RULE, unless marked a 重大事项 with a reason, which routes it to the 领导小组', async () => {
    const { id, spot } = await selfEvalAtResultApplication(78.2); // gap 15.50 → R-C3
    expect(spot.outcomes.spotCheck.nextYearSameTypeProject).toBe('blockedUntilRectified');

    const priority = await decide(id, 'jxpj', 'resultApplication', {
      fields: { nextYearSameTypeProject: 'priority', recallUnspentFunds: true },
    });
    expect(priority.status).toBe(422);
    expect(priority.body.error.code).toBe('RESULT_CONTRADICTS_RULE');
    expect(priority.body.error.details.map((d: { path: string }) => d.path)).toContain(
      '/fields/nextYearSameTypeProject',
    );

    const keepFunds = await decide(id, 'jxpj', 'resultApplication', {
      fields: { nextYearSameTypeProject: 'blockedUntilRectified', recallUnspentFunds: false },
    });
    expect(keepFunds.status).toBe(422);
    expect(keepFunds.body.error.code).toBe('RESULT_CONTRADICTS_RULE');
    expect(keepFunds.body.error.details[0].path).toBe('/fields/recallUnspentFunds');

    const noReason = await decide(id, 'jxpj', 'resultApplication', {
      fields: { nextYearSameTypeProject: 'priority', isMajorMatter: true },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details[0].path).toBe('/fields/departureReason');

    const major = await decide(id, 'jxpj', 'resultApplication', {
      fields: {
        nextYearSameTypeProject: 'priority',
        isMajorMatter: true,
        departureReason: '抽查口径与单位不一致，已复核说明',
      },
    });
    expect(major.status, JSON.stringify(major.body)).toBe(200);
    expect(major.body.openSteps[0]).toMatchObject({ stepId: 'leadingGroupApproval', assigneeUnitId: 'ldxz' });
    expect(major.body.outcomes.resultApplication).toMatchObject({
      computed: 'blockedUntilRectified',
      decided: 'priority',
      departsFromRule: true,
    });
    expect((await decide(id, 'ldxz', 'leadingGroupApproval')).body.openSteps[0].stepId).toBe('unitFeedback');
  });

  it('passes a proposal that follows the rule straight to the letter, without the 领导小组', async () => {
    const { id } = await selfEvalAtResultApplication(85); // 良, gap 8.70 → R-C2 priority
    const r = await decide(id, 'jxpj', 'resultApplication', { fields: { nextYearSameTypeProject: 'priority' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.openSteps[0].stepId).toBe('unitFeedback');
  });
});

describe('R-C3 at target time and the 整改 lifecycle (第二十九条)', () => {
  it('blocks a same-type project target until the 整改 is closed; the feedback deadline skips the 国庆 holiday', async () => {
    const { id } = await selfEvalAtResultApplication(78.2);
    const letter = await decide(id, 'jxpj', 'resultApplication', {
      fields: {
        nextYearSameTypeProject: 'blockedUntilRectified',
        recallUnspentFunds: true,
        resultLetterNo: '信财绩函〔2026〕12号',
        applicationModes: ['feedbackRectification', 'budgetLinkage'],
        problems: [{ category: 'systemOrTarget', text: '单位成本目标无测算依据', requirement: '补充单位成本测算' }],
      },
    });
    expect(letter.status, JSON.stringify(letter.body)).toBe(200);
    // 2026-09-24 + 15 working days: 9-25…9-27 and 10-01…10-07 are holidays, Saturday 10-10 is a 调休 working day.
    const read = (as: string) => api.json('GET', `/api/submissions/${id}/result-letter`, { as });
    const l = await read('jtj');
    expect(l.status, JSON.stringify(l.body)).toBe(200);
    expect(new Date(l.body.feedbackDue).toISOString()).toBe(new Date('2026-10-22T23:59:59+08:00').toISOString());
    expect(l.body).toMatchObject({
      stage: 'awaitingReport',
      overdue: false,
      docNo: '信财绩函〔2026〕12号',
      recallUnspentFunds: true,
      budgetDecision: { targetBudgetYear: 2027, action: 'blockedUntilRectified', departsFromRule: false },
    });
    expect(l.body.cc).toEqual(['经济建设股', '预算股', '国库股']);
    expect((await read('jyj')).status).toBe(404);

    // A same-type target (same 项目代码) for 2027 is refused at submit; another project is not.
    const target = { ...example('project-target', 'valid-rural-road-maintenance.json'), fiscalYear: 2026 };
    const blocked = await create('project-target', target);
    const refused = await api.json('POST', `/api/submissions/${blocked}/submit`, { as: 'jtj' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('SAME_TYPE_PROJECT_BLOCKED');
    expect(refused.body.error.details[0].path).toBe('/projectCode');
    // A list row written before rows named their form still counts: the result is loaded and told apart then.
    const { db } = api.deps;
    await db.doc.send(
      new UpdateCommand({ TableName: db.table, Key: keys.visibility(id, 'jtj'), UpdateExpression: 'REMOVE formId' }),
    );
    const again = await api.json('POST', `/api/submissions/${blocked}/submit`, { as: 'jtj' });
    expect(again.body.error?.code).toBe('SAME_TYPE_PROJECT_BLOCKED');
    const other = await create('project-target', {
      ...target,
      projectCode: '360722260000000099999',
      projectName: '2026年信丰县桥梁检测项目',
    });
    expect((await api.json('POST', `/api/submissions/${other}/submit`, { as: 'jtj' })).status).toBe(200);

    // The deadline passes without feedback: overdue for the unit and for the bureau.
    now = '2026-10-23T01:00:00.000Z';
    const listed = async (as: string) =>
      (await api.json('GET', '/api/rectifications', { as })).body.items.find(
        (r: { submissionId: string }) => r.submissionId === id,
      );
    expect(await listed('jtj')).toMatchObject({ stage: 'awaitingReport', overdue: true });
    expect(await listed('jxpj')).toMatchObject({ stage: 'awaitingReport', overdue: true });
    expect(await listed('jyj')).toBeUndefined();

    // The unit files its 整改报告; the 业务股室 reports it in progress; 绩效评价服务股 cannot close it yet.
    const report = {
      channel: 'integratedSystem',
      opinionOnResult: 'accept',
      rectificationItems: [
        {
          problem: '单位成本目标无测算依据',
          cause: '测算基础资料不全',
          measures: '补充单位成本测算',
          status: 'inProgress',
        },
      ],
    };
    expect((await decide(id, 'jtjld', 'unitFeedback', { fields: report })).status).toBe(200);
    expect(await listed('jtj')).toMatchObject({ stage: 'underReview', overdue: true });
    expect(
      (await decide(id, 'jjs', 'rectificationReport', { fields: { rectificationStatus: 'inProgress' } })).status,
    ).toBe(200);
    const early = await decide(id, 'jxpj', 'rectificationClose');
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('RECTIFICATION_NOT_COMPLETE');
    const back = await decide(id, 'jxpj', 'rectificationClose', {
      action: 'return',
      comment: '整改尚未到位，请继续整改',
    });
    expect(back.body.openSteps[0].stepId).toBe('unitFeedback');
    expect((await api.json('POST', `/api/submissions/${blocked}/submit`, { as: 'jtj' })).status).toBe(422);

    now = '2026-11-02T02:00:00.000Z'; // the unit comes back a week later
    const done = { ...report, rectificationItems: [{ ...report.rectificationItems[0], status: 'done' }] };
    expect((await decide(id, 'jtjld', 'unitFeedback', { fields: done })).status).toBe(200);
    expect(
      (await decide(id, 'jjs', 'rectificationReport', { fields: { rectificationStatus: 'completed' } })).status,
    ).toBe(200);
    const closed = await decide(id, 'jxpj', 'rectificationClose', { fields: { closingOpinion: '整改到位，予以销号' } });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('approved');
    expect((await read('jtj')).body).toMatchObject({ stage: 'closed', closedAt: now });

    // Rectified: the same-type target may now be submitted.
    const after = await api.json('POST', `/api/submissions/${blocked}/submit`, { as: 'jtj' });
    expect(after.status, JSON.stringify(after.body)).toBe(200);
  });

  it('answers 404 for the letter before it is issued', async () => {
    const { id } = await selfEvalAtResultApplication(85);
    const r = await api.json('GET', `/api/submissions/${id}/result-letter`, { as: 'jtj' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });
});

describe('R-C13: the problem category decides what the 整改报告 must show (第二十九条(一)–(三))', () => {
  it('asks for the improved 制度文件 under (一)(三) and the fund adjustment under (二), at each row', async () => {
    const { id } = await selfEvalAtResultApplication(85);
    expect(
      (await decide(id, 'jxpj', 'resultApplication', { fields: { nextYearSameTypeProject: 'priority' } })).status,
    ).toBe(200);
    const row = { cause: '管理不到位', measures: '按规定整改', status: 'inProgress' };
    const items: Record<string, unknown>[] = [
      { ...row, problem: '单位成本目标无测算依据', category: 'systemOrTarget' },
      {
        ...row,
        problem: '2.60万元办公设备购置列入养护经费',
        category: 'fundMisuse',
        fundAdjustment: { type: 'adjust' },
      },
      { ...row, problem: '3个乡镇养护合同未按期验收', category: 'other' },
      { ...row, problem: '补助标准设计不合理', category: 'policyDesign' },
    ];
    const refused = await decide(id, 'jtjld', 'unitFeedback', {
      fields: { channel: 'written', opinionOnResult: 'accept', rectificationItems: items },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      '/fields/rectificationItems/0/rulesImproved',
      '/fields/rectificationItems/1/fundAdjustment',
      '/fields/rectificationItems/3/rulesImproved',
    ]);
    items[0] = { ...items[0], rulesImproved: [{ title: '农村公路养护单位成本测算办法', docNo: '信交字〔2026〕8号' }] };
    items[1] = { ...items[1], fundAdjustment: { type: 'adjust', amount: '2.60', voucherRef: '记字第0815号' } };
    items[3] = { ...items[3], rulesImproved: [{ title: '农村公路养护补助资金管理办法（修订）' }] };
    const ok = await decide(id, 'jtjld', 'unitFeedback', {
      fields: { channel: 'written', opinionOnResult: 'accept', rectificationItems: items },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.openSteps[0].stepId).toBe('rectificationReport');
  });
});

describe('the audit discrepancies', () => {
  it('事前: 核减额 and 核减率 from the 评审中心 amounts; the total is the sum of the five dimension scores (第十四条)', async () => {
    const id = await create('ex-ante-assessment', example('ex-ante-assessment', 'valid-rural-road-safety.json'));
    await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    await decide(id, 'jtjld', 'leaderSignoff');
    const advice = await decide(id, 'pszx', 'reviewCenterAdvice', {
      fields: { submittedAmount: '1600.00', recommendedAmount: '1486.30', economyOpinion: '单价偏高，建议核减。' },
    });
    expect(advice.body.outcomes.reviewCenterAdvice).toEqual({ reductionAmount: '113.70', reductionRate: 7.11 });

    const dims = { necessity: 18, economy: 16, targetReasonableness: 17, feasibility: 16, fundingCompliance: 17 };
    const over = await decide(id, 'jjs', 'bizReview', {
      score: 84,
      fields: { conclusion: 'supportAfterRevision', dimensionScores: { ...dims, necessity: 21 } },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('EX_ANTE_SCORE_SHEET');
    expect(over.body.error.details.map((d: { path: string }) => d.path)).toContain('/fields/dimensionScores/necessity');
    const wrongSum = await decide(id, 'jjs', 'bizReview', {
      score: 85,
      fields: { conclusion: 'supportAfterRevision', dimensionScores: dims },
    });
    expect(wrongSum.status).toBe(422);
    expect(wrongSum.body.error.details[0].path).toBe('/score');
    const ok = await decide(id, 'jjs', 'bizReview', {
      score: 84,
      fields: { conclusion: 'supportAfterRevision', dimensionScores: dims },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('事前: a 不予支持 still reaches 预算股 and 绩效评价服务股 (第十四条)', async () => {
    const id = await create('ex-ante-assessment', example('ex-ante-assessment', 'valid-rural-road-safety.json'));
    await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    await decide(id, 'jtjld', 'leaderSignoff');
    await decide(id, 'pszx', 'reviewCenterAdvice', {
      fields: { recommendedAmount: '1000.00', economyOpinion: '投入偏高' },
    });
    const r = await decide(id, 'jjs', 'bizReview', {
      action: 'reject',
      comment: '立项依据不足',
      score: 60,
      fields: { conclusion: 'notSupport' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('rejected');
    const history = (await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' })).body.items;
    const notified = history.find(
      (e: { type: string; stepId?: string }) => e.type === 'notified' && e.stepId === 'notifyResult',
    );
    expect(notified?.unitIds).toEqual(['ysg', 'jxpj']);
    const done = await api.json('GET', '/api/tasks?status=done', { as: 'ysg' });
    expect(done.body.items.some((t: { submissionId: string }) => t.submissionId === id)).toBe(true);
  });

  it('部门整体自评: R-C3/R-C4 only, no project rule (R-C2) on the department', async () => {
    const data = example('dept-self-eval', 'valid-transport-bureau.json');
    const id = await create('dept-self-eval', data);
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    await decide(id, 'jtjld', 'leaderSignoff');
    await decide(id, 'jjs', 'bizPrelimReview');
    const spot = await decide(id, 'jxpj', 'spotCheck', { score: 70, fields: { spotChecked: true } });
    expect(spot.status, JSON.stringify(spot.body)).toBe(200);
    expect(spot.body.outcomes.spotCheck).toMatchObject({
      nextYearArrangement: 'blockedUntilRectified',
      ruleIds: ['R-C3'],
    });
    expect(spot.body.outcomes.spotCheck.nextYearSameTypeProject).toBeUndefined();
    const contradict = await decide(id, 'jxpj', 'resultApplication', { fields: { nextYearArrangement: 'normal' } });
    expect(contradict.body.error.code).toBe('RESULT_CONTRADICTS_RULE');
    const project = await decide(id, 'jxpj', 'resultApplication', { fields: { nextYearSameTypeProject: 'priority' } });
    expect(project.status).toBe(422);
    expect(project.body.error.details[0].path).toBe('/fields/nextYearSameTypeProject');
  });

  it('the R-C2 压减比例 is an organisation setting the 复核 outcome uses', async () => {
    const settings = (await api.json('GET', '/api/admin/settings', { as: 'admin' })).body;
    const put = await api.json('PUT', '/api/admin/settings', {
      as: 'admin',
      body: { fundTypeRouting: settings.fundTypeRouting, resultApplication: { reduceRatio: 12 } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const bad = await api.json('PUT', '/api/admin/settings', {
      as: 'admin',
      body: { fundTypeRouting: settings.fundTypeRouting, resultApplication: { reduceRatio: 120 } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('/resultApplication/reduceRatio');
    const { id, spot } = await selfEvalAtResultApplication(79); // 中, gap 14.70 < 15
    expect(spot.outcomes.spotCheck).toMatchObject({ nextYearSameTypeProject: 'reduceByRatio', reduceRatio: 12 });
    const other = await decide(id, 'jxpj', 'resultApplication', {
      fields: { nextYearSameTypeProject: 'reduceByRatio', reductionRatio: 5 },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('RESULT_CONTRADICTS_RULE');
  });
});
