import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../forms/lib/working-days';
import { createTestApi, type TestApi } from '../support/api';
import { expectError } from '../support/proof';

const example = (form: string, file: string) => JSON.parse(readFileSync(`forms/${form}/examples/${file}`, 'utf8')).data;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

async function create(formId: string, data: unknown, as = 'jtj') {
  const r = await api.json('POST', '/api/submissions', { as, body: { formId, data } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

async function decideStep(id: string, as: string, stepId: string, body: Record<string, unknown> = {}) {
  return api.json('POST', `/api/submissions/${id}/decisions`, { as, body: { stepId, action: 'approve', ...body } });
}

/** Runs the 事前 chain to approved: sign-off, 财政评审中心 advice, 业务股室 审核打分 (84 → 调整完善后予以支持). */
async function approvedExAnte(): Promise<string> {
  const id = await create('ex-ante-assessment', example('ex-ante-assessment', 'valid-rural-road-safety.json'));
  expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
  expect((await decideStep(id, 'jtjld', 'leaderSignoff')).status).toBe(200);
  const advice = await decideStep(id, 'pszx', 'reviewCenterAdvice', {
    fields: {
      submittedAmount: '1600.00',
      recommendedAmount: '1486.30',
      economyOpinion: '波形护栏单价偏高，建议核减。',
    },
  });
  expect(advice.status, JSON.stringify(advice.body)).toBe(200);
  const review = await decideStep(id, 'jjs', 'bizReview', {
    score: 84,
    fields: { conclusion: 'supportAfterRevision' },
  });
  expect(review.status, JSON.stringify(review.body)).toBe(200);
  expect(review.body.status).toBe('approved');
  return id;
}

describe('R-A1: a new major project needs a passed 事前绩效评估 (第十三条)', () => {
  it('refuses to submit the target without one, and accepts it once an approved report is linked', async () => {
    const data = example('project-target', 'invalid-major-new-without-ex-ante.json');
    const id = await create('project-target', data);
    const refused = await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].path).toBe('/exAnteAssessmentRef');
    expect(refused.body.error.details[0].message).toMatch(/事前绩效评估/);

    const exAnteId = await approvedExAnte();
    const current = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    const saved = await api.json('PUT', `/api/submissions/${id}`, {
      as: 'jtj',
      body: { data: { ...current.body.data, exAnteAssessmentRef: exAnteId }, version: current.body.version },
    });
    expect(saved.status).toBe(200);
    const ok = await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('does not accept a report that is not yet approved', async () => {
    const pending = await create('ex-ante-assessment', example('ex-ante-assessment', 'valid-rural-road-safety.json'));
    const id = await create('project-target', {
      ...example('project-target', 'invalid-major-new-without-ex-ante.json'),
      exAnteAssessmentRef: pending,
    });
    expectError(await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' }), 422, 'VALIDATION_FAILED');
  });
});

describe('R-A2: the 事前 conclusion follows the score bands unless the reviewer gives a reason', () => {
  async function atBizReview() {
    const id = await create('ex-ante-assessment', example('ex-ante-assessment', 'valid-rural-road-safety.json'));
    await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    await decideStep(id, 'jtjld', 'leaderSignoff');
    await decideStep(id, 'pszx', 'reviewCenterAdvice', {
      fields: { recommendedAmount: '1500.00', economyOpinion: '同意' },
    });
    return id;
  }

  it('refuses 予以支持 for 84 points without a reason, accepts it with one and records the outcome', async () => {
    const id = await atBizReview();
    const refused = await decideStep(id, 'jjs', 'bizReview', { score: 84, fields: { conclusion: 'support' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].path).toBe('/fields/conclusionOverrideReason');
    const before = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    const ok = await decideStep(id, 'jjs', 'bizReview', {
      score: 84,
      fields: { conclusion: 'support', conclusionOverrideReason: '已按评审中心意见调整预算' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const after = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    expect(after.body.items.length).toBeGreaterThan(before.body.items.length);
    const event = after.body.items.find(
      (e: { stepId: string; type: string }) => e.stepId === 'bizReview' && e.type === 'approved',
    );
    expect(event.outcome).toMatchObject({
      reviewTotal: 84,
      defaultConclusion: 'supportAfterRevision',
      conclusion: 'support',
      overridden: true,
    });
  });

  it('refuses 不予支持 with 通过, and 予以支持 with 不予通过', async () => {
    const id = await atBizReview();
    expect((await decideStep(id, 'jjs', 'bizReview', { score: 60, fields: { conclusion: 'notSupport' } })).status).toBe(
      422,
    );
    const reject = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizReview', action: 'reject', comment: '不符合', fields: { conclusion: 'support' } },
    });
    expectError(reject, 422, 'VALIDATION_FAILED');
  });
});

describe('R-C2/R-C3: the 抽查复核 score drives the result application (第二十九条)', () => {
  it('blocks next year and recalls unspent funds when the review differs from the self score by 15 or more (93.70 vs 78.20)', async () => {
    const id = await create('project-self-eval', example('project-self-eval', 'valid-rural-road-maintenance.json'));
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect((await decideStep(id, 'jtjld', 'leaderSignoff')).status).toBe(200);
    expect((await decideStep(id, 'jjs', 'bizPrelimReview')).status).toBe(200);
    const spot = await decideStep(id, 'jxpj', 'spotCheck', { score: 78.2, fields: { spotChecked: true } });
    expect(spot.status, JSON.stringify(spot.body)).toBe(200);
    expect(spot.body.outcomes.spotCheck).toMatchObject({
      nextYearSameTypeProject: 'blockedUntilRectified',
      unspentFunds: 'recallToTreasury',
      ruleIds: ['R-C3'],
    });
  });

  it('gives priority for 良 when the gap is under 15', async () => {
    const id = await create('project-self-eval', example('project-self-eval', 'valid-rural-road-maintenance.json'));
    await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    await decideStep(id, 'jtjld', 'leaderSignoff');
    await decideStep(id, 'jjs', 'bizPrelimReview');
    const spot = await decideStep(id, 'jxpj', 'spotCheck', { score: 85, fields: { spotChecked: true } });
    expect(spot.body.outcomes.spotCheck).toMatchObject({ nextYearSameTypeProject: 'priority', ruleIds: ['R-C2'] });
  });
});

describe('R-C1: self-evaluations after 3月底 are flagged late on the server clock (第二十五条)', () => {
  it('flags a 2025 self-evaluation submitted in April 2026, and not one submitted in March', async () => {
    const late = await createTestApi({ clock: () => '2026-04-01T01:00:00.000Z' });
    const data = example('project-self-eval', 'valid-rural-road-maintenance.json');
    const a = await late.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-self-eval', data } });
    const r = await late.json('POST', `/api/submissions/${a.body.id}/submit`, { as: 'jtj' });
    expect(r.body.flags.map((f: { id: string }) => f.id)).toEqual(['late']);

    const onTime = await createTestApi({ clock: () => '2026-03-31T15:59:00.000Z' });
    const b = await onTime.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-self-eval', data } });
    const s = await onTime.json('POST', `/api/submissions/${b.body.id}/submit`, { as: 'jtj' });
    expect(s.body.flags).toEqual([]);
  });
});

describe('R-B1: the 部门整体 target needs the 三重一大 decision (第十五条)', () => {
  it('refuses to submit without the attachment', async () => {
    const id = await create('dept-target', example('dept-target', 'invalid-without-triple-one.json'));
    const r = await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    expect(r.status).toBe(422);
    expect(r.body.error.details.some((d: { path: string }) => d.path.startsWith('/tripleOneDecision'))).toBe(true);
  });
});

describe('R-R1: fund-type routing (第九条)', () => {
  it('routes a 政府债券 project to 债务评价股 instead of the 归口 经济建设股', async () => {
    const data = { ...example('project-target', 'valid-rural-road-maintenance.json'), fundType: 'govBond' };
    const id = await create('project-target', data);
    await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    const r = await decideStep(id, 'jtjld', 'leaderSignoff');
    expect(r.body.openSteps).toEqual([expect.objectContaining({ stepId: 'bizReview', assigneeUnitId: 'zwpj' })]);
    expectError(await api.json('GET', `/api/submissions/${id}`, { as: 'jjs' }), 404, 'NOT_FOUND');
  });
});

describe('R-C7: feedback within 15 working days on the PRC calendar (第二十九条)', () => {
  it('sets the unit feedback task due 15 working days after the result letter', async () => {
    const id = await create('project-self-eval', example('project-self-eval', 'valid-rural-road-maintenance.json'));
    await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    await decideStep(id, 'jtjld', 'leaderSignoff');
    await decideStep(id, 'jjs', 'bizPrelimReview');
    await decideStep(id, 'jxpj', 'spotCheck', { score: 92, fields: { spotChecked: true } });
    const r = await decideStep(id, 'jxpj', 'resultApplication', { fields: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const open = r.body.openSteps[0];
    expect(open.stepId).toBe('unitFeedback');
    const expected = addWorkingDays(open.assignedAt, 15).date;
    expect(new Date(open.dueAt).toISOString()).toBe(new Date(`${expected}T23:59:59+08:00`).toISOString());
  });
});
