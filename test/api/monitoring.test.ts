import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { approvedProjectTarget, withComputed } from '../support/linked';
import { monitoringReportData } from '../support/monitoring-report';
import { taskRow, taskWorkbook } from '../support/monitoring-task';

/** 绩效运行监控 (第十九–二十三条): started from the approved target, its chain, 纠偏通知 and the 国库股 payment hold. */
let api: TestApi;
let targetId: string;

type Data = Record<string, any>;

/** A monitoring report of jtj started from the approved target, filled in with `fill`, saved and submitted. */
async function submittedReport(fill: (d: Data) => void): Promise<string> {
  const created = await api.json('POST', '/api/submissions', {
    as: 'jtj',
    body: { formId: 'project-monitoring', sourceSubmissionId: targetId },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const data = monitoringReportData(created.body.data as Data, fill);
  const saved = await api.json('PUT', `/api/submissions/${created.body.id}`, {
    as: 'jtj',
    body: { data: await withComputed(api, 'project-monitoring', data), version: 1 },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const submitted = await api.json('POST', `/api/submissions/${created.body.id}/submit`, { as: 'jtj' });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect((await api.decide(created.body.id, 'jtjld')).status).toBe(200);
  return created.body.id;
}

const openStep = async (id: string) =>
  (await api.json('GET', `/api/submissions/${id}`, { as: 'jxpj' })).body.openSteps.map(
    (s: { stepId: string; assigneeUnitId: string }) => `${s.stepId}@${s.assigneeUnitId}`,
  );

beforeAll(async () => {
  api = await createTestApi();
  targetId = await approvedProjectTarget(api);
  // The 一体化 monitoring task of the target's project (R-M1): without it the unit cannot start a report.
  const task = await api.json('POST', '/api/monitoring-tasks/import', {
    as: 'jxpj',
    body: { workbook: await taskWorkbook([taskRow('GZ-JK-2025-0101', { project: true })]) },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
}, 240_000);

describe('project-monitoring chain (第二十一–二十三条)', () => {
  it('routes a serious deviation (the worked example: red lights) to the 领导小组 and the 局党组, then 抄送 预算股、国库股', async () => {
    const id = await submittedReport(() => {});
    const sub = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    expect(sub.body.data).toMatchObject({ fundsLight: 'yellow', goalLight: 'red', seriousDeviation: true });
    expect(await openStep(id)).toEqual(['bizReview@jjs']);

    // R-M6: a serious deviation needs the 业务股室's analysis and correction decision.
    const bare = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizReview', action: 'approve' },
    });
    expect(bare.status).toBe(422);
    expect(bare.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['/comment', '/fields/rectificationRequired']),
    );
    const biz = await api.decide(id, 'jjs', 'approve', {
      comment: '危桥改造滞后系资金未到位，同意汛后集中施工的纠偏安排。',
      fields: {
        rectificationRequired: true,
        rectificationAdvice: '9月15日前报送危桥改造施工进度计划。',
        paymentAdvice: 'none',
      },
    });
    expect(biz.status, JSON.stringify(biz.body)).toBe(200);
    expect(await openStep(id)).toEqual(['perfSummary@jxpj']);
    expect((await api.decide(id, 'jxpj')).status).toBe(200);
    expect(await openStep(id)).toEqual(['leadingGroupReport@ldxz']);
    expect((await api.decide(id, 'ldxz')).status).toBe(200);
    expect(await openStep(id)).toEqual(['partyGroupDecision@jdz']);

    // R-M10: the notice rests on a recorded 党组决议.
    const noResolution = await api.decide(id, 'jdz', 'approve', { fields: {} });
    expect(noResolution.status).toBe(422);
    const decided = await api.decide(id, 'jdz', 'approve', {
      fields: {
        resolutionNo: '党组会纪要〔2025〕9号',
        resolution: '同意纠偏建议，由业务股室督促整改，绩效评价服务股通报。',
      },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.status).toBe('approved');
    const history = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    const notified = history.body.items.find((e: { type: string }) => e.type === 'notified');
    expect(notified).toMatchObject({ stepId: 'notifyBudgetTreasury' });
    expect([...notified.unitIds].sort()).toEqual(['gkg', 'ysg']);
    // 国库股 now sees the report.
    expect((await api.json('GET', `/api/submissions/${id}`, { as: 'gkg' })).status).toBe(200);
  });

  it('ends with 绩效评价服务股 when nothing deviates (all lights green)', async () => {
    const id = await submittedReport((d) => {
      d.funds.currentAppropriation.executedToDate = '700.00';
      const row = (id: string) => d.indicators.find((r: Data) => r.indicatorId === id);
      row('T2').actualToDate = 4;
      row('T5').actualToDate = 0.58;
      row('T8').qualitativeProgress = 'achieved';
    });
    const sub = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    expect(sub.body.data).toMatchObject({ fundsLight: 'green', goalLight: 'green', seriousDeviation: false });
    expect((await api.decide(id, 'jjs')).status).toBe(200);
    const done = await api.decide(id, 'jxpj');
    expect(done.body.status).toBe('approved');
    const history = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    expect(history.body.items.some((e: { stepId: string }) => e.stepId === 'leadingGroupReport')).toBe(false);
  });
});

describe('纠偏通知 and the 国库股 payment hold', () => {
  it('sends a 纠偏通知 to the unit (notification + history); others are refused', async () => {
    const id = await submittedReport(() => {});
    const before = (await api.json('GET', '/api/notifications/unread-count', { as: 'jtj' })).body.unread;
    const sent = await api.json('POST', `/api/submissions/${id}/correction-notices`, {
      as: 'jjs',
      body: { message: '请加快危桥改造进度，报送施工计划。', dueDate: '2025-09-15' },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.event).toMatchObject({ type: 'correction_notice', comment: '请加快危桥改造进度，报送施工计划。' });
    expect((await api.json('GET', '/api/notifications/unread-count', { as: 'jtj' })).body.unread).toBe(before + 1);
    const list = await api.json('GET', '/api/notifications', { as: 'jtj' });
    expect(list.body.items[0]).toMatchObject({ type: 'correction_notice', link: `/submissions/${id}` });
    const history = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    expect(history.body.items.at(-1)).toMatchObject({ type: 'correction_notice', fields: { dueDate: '2025-09-15' } });

    expect(
      (await api.json('POST', `/api/submissions/${id}/correction-notices`, { as: 'kjw', body: { message: 'x' } }))
        .status,
    ).toBe(404);
    expect(
      (await api.json('POST', `/api/submissions/${id}/correction-notices`, { as: 'jtj', body: { message: 'x' } }))
        .status,
    ).toBe(403);
    const blank = await api.json('POST', `/api/submissions/${id}/correction-notices`, {
      as: 'jjs',
      body: { message: '   ' },
    });
    expect(blank.status).toBe(422);
    expect(blank.body.error.details[0].path).toBe('/message');
  });

  it('国库股 holds payment on the target with a reason; the list, the target and its history show it; lifted with a reason', async () => {
    const set = await api.json('POST', `/api/submissions/${targetId}/payment-hold`, {
      as: 'gkg',
      body: { active: true, reason: '监控发现危桥改造严重滞后，暂缓拨付。' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.paymentHold).toMatchObject({ active: true, by: { unitId: 'gkg' } });

    const again = await api.json('POST', `/api/submissions/${targetId}/payment-hold`, {
      as: 'gkg',
      body: { active: true, reason: '再次' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PAYMENT_HOLD_ACTIVE');
    expect(
      (
        await api.json('POST', `/api/submissions/${targetId}/payment-hold`, {
          as: 'jjs',
          body: { active: false, reason: '解除' },
        })
      ).status,
    ).toBe(403);

    // Visible on the document and in the unit's list.
    const doc = await api.json('GET', `/api/submissions/${targetId}`, { as: 'jtj' });
    expect(doc.body.paymentHold).toMatchObject({ active: true, reason: '监控发现危桥改造严重滞后，暂缓拨付。' });
    const list = await api.json('GET', '/api/submissions', { as: 'jtj' });
    expect(list.body.items.find((i: { id: string }) => i.id === targetId).paymentHold.active).toBe(true);

    const lifted = await api.json('POST', `/api/submissions/${targetId}/payment-hold`, {
      as: 'jxpj',
      body: { active: false, reason: '施工计划已落实，恢复拨付。' },
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body.paymentHold.active).toBe(false);
    const history = await api.json('GET', `/api/submissions/${targetId}/history`, { as: 'jtj' });
    expect(
      history.body.items.slice(-2).map((e: { type: string; comment: string }) => `${e.type}:${e.comment}`),
    ).toEqual([
      'payment_hold_set:监控发现危桥改造严重滞后，暂缓拨付。',
      'payment_hold_cleared:施工计划已落实，恢复拨付。',
    ]);
  });
});

describe('财政重点监控报告「从监控表导入」 (第二十二条)', () => {
  const scope = (as: string, query: string) => api.json('GET', `/api/key-monitoring/scope?${query}`, { as });

  it('offers 绩效评价服务股 the 财政重点监控 reports of the year and cutoff month as scope rows, and nobody else', async () => {
    const key = await submittedReport((d) => {
      d.monitorType = 'financeKey';
      d.focusReasons = ['majorProject', 'auditFinding', 'supervisionFinding'];
    });
    const self = await submittedReport(() => {}); // 部门自行监控: not in the report's scope
    // Returned to the unit by the 业务股室: it may still change, so it is not offered until submitted again.
    const returned = await submittedReport((d) => {
      d.monitorType = 'financeKey';
      d.focusReasons = ['keyPolicy'];
    });
    const back = await api.decide(returned, 'jjs', 'return', { comment: '请补充危桥改造进度说明' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.status).toBe('returned');

    const r = await scope('jxpj', 'fiscalYear=2025&cutoffMonth=7');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const ids = r.body.items.map((i: { submissionId: string }) => i.submissionId);
    expect(ids).toContain(key);
    expect(ids).not.toContain(self);
    expect(ids).not.toContain(returned);
    expect(r.body.truncated).toBe(false);
    const doc = (await api.json('GET', `/api/submissions/${key}`, { as: 'jxpj' })).body.data as Data;
    const item = r.body.items.find((i: { submissionId: string }) => i.submissionId === key);
    expect(item.status).toBe('in_review');
    expect(doc.taskRef).toBe('GZ-JK-2025-0007');
    expect(item.row).toEqual({
      reportRef: doc.taskRef,
      unitName: doc.implementingUnit.name,
      objectName: doc.projectName,
      amount: doc.funds.total.adjustedBudget,
      executionRate: doc.funds.total.executionRate,
      overallLight: doc.overallLight,
      focusReasons: ['majorProject', 'finding'],
    });
    // Another cutoff month or year is another report's scope.
    expect((await scope('jxpj', 'fiscalYear=2025&cutoffMonth=6')).body.items).toEqual([]);
    expect((await scope('jxpj', 'fiscalYear=2024&cutoffMonth=7')).body.items).toEqual([]);

    // The rows fit the report's own table: a report made of them is accepted by the server as it stands.
    const report = JSON.parse(readFileSync('forms/key-monitoring-report/examples/valid-rural-roads.json', 'utf8'))
      .data as Data;
    report.scope = r.body.items.map((i: { row: Data }) => i.row);
    const made = await api.json('POST', '/api/submissions', {
      as: 'jxpjtb',
      body: { formId: 'key-monitoring-report', data: report },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const checked = await api.json('POST', `/api/submissions/${made.body.id}/submit`, { as: 'jxpjtb' });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);

    const unit = await scope('jtj', 'fiscalYear=2025&cutoffMonth=7');
    expect(unit.status).toBe(403);
    expect(unit.body.error.code).toBe('FORBIDDEN');
    expect((await scope('jjs', 'fiscalYear=2025&cutoffMonth=7')).status).toBe(403);
  });

  it('asks for the year and the cutoff month first, at their fields', async () => {
    for (const [query, paths] of [
      ['cutoffMonth=7', ['fiscalYear']],
      ['fiscalYear=2025', ['cutoffMonth']],
      ['fiscalYear=2025&cutoffMonth=13', ['cutoffMonth']],
      ['fiscalYear=25x&cutoffMonth=-1', ['fiscalYear', 'cutoffMonth']],
    ] as const) {
      const r = await scope('jxpj', query);
      expect(r.status, query).toBe(422);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(paths);
    }
  });
});
