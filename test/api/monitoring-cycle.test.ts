import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { withComputed } from '../support/linked';
import { taskRow, taskWorkbook } from '../support/monitoring-task';

/**
 * The rest of 绩效运行监控 through the API: 部门整体 monitoring (form M2, 第十九、二十条) started from the approved
 * 部门整体 target, and the 财政重点监控报告 (form M3, 第二十二、二十三条) of 绩效评价服务股 to the 领导小组 and 局党组.
 */
let api: TestApi;
type Data = Record<string, any>;
const example = (form: string, file: string) =>
  JSON.parse(readFileSync(`forms/${form}/examples/${file}`, 'utf8')).data as Data;
const get = (id: string, as: string) => api.json('GET', `/api/submissions/${id}`, { as });
const submit = (id: string, as: string) => api.json('POST', `/api/submissions/${id}/submit`, { as });
const openSteps = async (id: string) =>
  (await get(id, 'jxpj')).body.openSteps.map(
    (s: { stepId: string; assigneeUnitId: string }) => `${s.stepId}@${s.assigneeUnitId}`,
  );
const noticeLinks = async (as: string) =>
  (await api.json('GET', '/api/notifications?limit=100', { as })).body.items
    .filter((n: { type: string }) => n.type === 'review_notice')
    .map((n: { link: string }) => n.link);
const approveAll = async (id: string, reviewers: string[]) => {
  for (const r of reviewers) {
    const d = await api.decide(id, r);
    expect(d.status, `${r}: ${JSON.stringify(d.body)}`).toBe(200);
  }
};

/** An approved 部门整体支出绩效目标 of jtj (its 三重一大 minutes uploaded as a real file). */
async function approvedDeptTarget(): Promise<string> {
  const pdf = new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
  const begun = await api.json('POST', '/api/attachments', {
    as: 'jtj',
    body: { name: '党组会纪要.pdf', size: pdf.byteLength, contentType: 'application/pdf' },
  });
  const put = await api.app.request(begun.body.upload.url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: pdf as Uint8Array<ArrayBuffer>,
  });
  expect(put.status).toBe(200);
  expect((await api.json('POST', `/api/attachments/${begun.body.id}/complete`, { as: 'jtj' })).status).toBe(200);
  const data = example('dept-target', 'valid-transport-bureau.json');
  data.tripleOneDecision.attachments = [begun.body.id];
  const c = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'dept-target', data } });
  expect((await submit(c.body.id, 'jtj')).status).toBe(200);
  await approveAll(c.body.id, ['jtjld', 'jjs', 'jxpj', 'ysg']);
  expect((await get(c.body.id, 'jtj')).body.status).toBe('approved');
  return c.body.id;
}

let deptTargetId: string;
beforeAll(async () => {
  api = await createTestApi();
  deptTargetId = await approvedDeptTarget();
  // The 一体化 monitoring task of jtj's 部门整体 (R-M1): without it the unit cannot start a report.
  const task = await api.json('POST', '/api/monitoring-tasks/import', {
    as: 'jxpj',
    body: { workbook: await taskWorkbook([taskRow('GZ-JK-2025-0102', { unitCode: '118001' })]) },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
}, 240_000);

describe('部门整体 monitoring (第十九、二十条)', () => {
  const mine = example('dept-monitoring', 'valid-transport-bureau.json');

  /** A 部门整体 monitoring report started from the approved target, the unit's figures on top, saved. */
  async function startedReport(fill: (d: Data) => void = () => {}) {
    const created = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'dept-monitoring', sourceSubmissionId: deptTargetId },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const linked = created.body.data as Data;
    const data: Data = {
      ...structuredClone(mine),
      ...linked,
      funds: {
        fiscal: { ...mine.funds.fiscal, ...linked.funds.fiscal },
        other: { ...mine.funds.other, ...linked.funds.other },
      },
      incomeSplit: structuredClone(mine.incomeSplit),
      goal: { ...mine.goal, annualGoal: linked.goal.annualGoal },
      indicators: linked.indicators.map((row: Data) => ({
        ...mine.indicators.find((r: Data) => r.indicatorId === row.indicatorId),
        ...row,
      })),
    };
    fill(data);
    const saved = await api.json('PUT', `/api/submissions/${created.body.id}`, {
      as: 'jtj',
      body: { data: await withComputed(api, 'dept-monitoring', data), version: created.body.version },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    return { id: created.body.id as string, linked, version: saved.body.version as number };
  }

  it('starts from the approved 部门整体 target: goal, indicators and 年初预算 copied and locked', async () => {
    const { id, linked, version } = await startedReport();
    expect(linked).toMatchObject({
      fiscalYear: 2025,
      approvedTargetRef: deptTargetId,
      dept: { code: '118001', name: '信丰县交通运输局' },
      funds: { fiscal: { initialBudget: '2450.00' }, other: { initialBudget: '200.00' } },
    });
    expect(linked.indicators.map((r: Data) => r.indicatorId)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']);
    const sub = await get(id, 'jtj');
    const changed = structuredClone(sub.body.data);
    changed.indicators[0].targetValue = 1000;
    const r = await api.json('PUT', `/api/submissions/${id}`, { as: 'jtj', body: { data: changed, version } });
    expect([r.status, r.body.error.code]).toEqual([422, 'LOCKED_FIELD_CHANGED']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain('/indicators/0/targetValue');
  });

  it('refuses a 基本支出/项目支出 split that does not add up, at its cell (R-M2)', async () => {
    const { id } = await startedReport((d) => {
      d.expenseSplit.basic.adjustedBudget = '1000.00';
    });
    const r = await submit(id, 'jtj');
    expect([r.status, r.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/expenseSplit/basic/adjustedBudget']);
  });

  it('refuses an income split (一般公共预算 … 单位资金) that does not add up to the total or to 财政拨款, at its 小计 and 合计 (R-M2)', async () => {
    const { id } = await startedReport((d) => {
      d.incomeSplit.govFund.adjustedBudget = '310.00';
      d.incomeSplit.specialAccount.executedToDate = '29.99';
    });
    const r = await submit(id, 'jtj');
    expect([r.status, r.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/incomeSplit/total/adjustedBudget',
      '/incomeSplit/total/executedToDate',
      '/incomeSplit/fiscalSubtotal/adjustedBudget',
    ]);
    // The total still adds up, but 财政专户 money was counted as a 财政拨款: the three appropriations miss 其中：财政拨款.
    const { id: moved } = await startedReport((d) => {
      d.incomeSplit.govFund.executedToDate = '170.00';
      d.incomeSplit.specialAccount.executedToDate = '40.00';
    });
    const mv = await submit(moved, 'jtj');
    expect(mv.status).toBe(422);
    expect(mv.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/incomeSplit/fiscalSubtotal/executedToDate',
    ]);
    const { id: missing } = await startedReport((d) => {
      delete d.incomeSplit.soeCapital;
    });
    const m = await submit(missing, 'jtj');
    expect(m.status).toBe(422);
    expect(m.body.error.details.map((d: { path: string }) => d.path)).toContain('/incomeSplit/soeCapital');
  });

  it('is introduced step by step: a year before the first monitored year cannot be submitted (第十九条)', async () => {
    const data = { ...structuredClone(mine), fiscalYear: 2024 };
    const c = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'dept-monitoring', data: await withComputed(api, 'dept-monitoring', data) },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const r = await submit(c.body.id, 'jtj');
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/fiscalYear']);
  });

  it('goes 单位负责人 → 业务股室 → 绩效评价服务股 when on track', async () => {
    const { id } = await startedReport();
    expect((await submit(id, 'jtj')).status).toBe(200);
    await approveAll(id, ['jtjld']);
    expect(await openSteps(id)).toEqual(['bizReview@jjs']);
    await approveAll(id, ['jjs', 'jxpj']);
    const done = await get(id, 'jtj');
    expect([done.body.status, done.body.data.overallLight, done.body.data.seriousDeviation]).toEqual([
      'approved',
      'green',
      false,
    ]);
  });

  it('sends a serious deviation (funds red) to the 领导小组 and the 局党组, then 预算股 and 国库股', async () => {
    const { id } = await startedReport((d) => {
      d.funds.fiscal.executedToDate = '600.00';
      d.incomeSplit.generalBudget.executedToDate = '420.00';
      d.expenseSplit.basic.executedToDate = '300.00';
      d.expenseSplit.project.executedToDate = '390.00';
      d.analysis.deviationSummary = '项目支出执行进度滞后。';
      d.analysis.measures = '加快工程结算和资金拨付。';
    });
    expect((await submit(id, 'jtj')).status).toBe(200);
    const sub = await get(id, 'jtj');
    expect(sub.body.data).toMatchObject({ fundsLight: 'red', seriousDeviation: true });
    await approveAll(id, ['jtjld']);
    const biz = await api.decide(id, 'jjs', 'approve', {
      comment: '工程结算滞后，督促四季度前完成结算。',
      fields: { rectificationRequired: false, paymentAdvice: 'none' },
    });
    expect(biz.status, JSON.stringify(biz.body)).toBe(200);
    await approveAll(id, ['jxpj', 'ldxz']);
    expect(await openSteps(id)).toEqual(['partyGroupDecision@jdz']);
    const party = await api.decide(id, 'jdz', 'approve', { fields: { resolution: '同意纠偏建议，予以通报。' } });
    expect(party.status, JSON.stringify(party.body)).toBe(200);
    for (const who of ['ysg', 'gkg']) expect(await noticeLinks(who), who).toContain(`/review/${id}`);
  });
});

describe('财政重点监控报告 (第二十二、二十三条)', () => {
  const report = example('key-monitoring-report', 'valid-rural-roads.json');
  const create = (as: string, data: Data) =>
    api.json('POST', '/api/submissions', { as, body: { formId: 'key-monitoring-report', data } });

  it('is written by 绩效评价服务股 only', async () => {
    const r = await create('jtj', report);
    expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('needs recommendations on 预算安排, 库款支付 and 绩效目标 (R-M9)', async () => {
    const c = await create('jxpjtb', { ...report, recommendations: { budgetArrangement: '按进度安排。' } });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const r = await submit(c.body.id, 'jxpjtb');
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      '/recommendations/targetAdjustment',
      '/recommendations/treasuryPayment',
    ]);
  });

  it('goes to the 业务股室 with a copy to 预算股, then 领导小组 → 局党组 决议 → notice to 预算股 and 国库股', async () => {
    const c = await create('jxpjtb', report);
    const r = await submit(c.body.id, 'jxpjtb');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.openSteps).toMatchObject([{ stepId: 'leadingGroupReview', assigneeUnitId: 'ldxz' }]);
    for (const who of ['jjs', 'ysg']) expect(await noticeLinks(who), who).toContain(`/review/${c.body.id}`);
    expect(await noticeLinks('gkg')).not.toContain(`/review/${c.body.id}`);
    expect((await get(c.body.id, 'jtj')).status, 'a department does not see the bureau report').toBe(404);
    await approveAll(c.body.id, ['ldxz']);
    // R-M10: the notice rests on a recorded 局党组 decision.
    const bare = await api.decide(c.body.id, 'jdz', 'approve');
    expect(bare.status).toBe(422);
    expect(bare.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/fields/resolution']);
    const ok = await api.decide(c.body.id, 'jdz', 'approve', {
      fields: { resolutionNo: '2025-第9次', resolution: '同意报告建议，通报交通运输局限期纠偏。' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await get(c.body.id, 'jxpj')).body.status).toBe('approved');
    expect(await noticeLinks('gkg')).toContain(`/review/${c.body.id}`);
  });
});

describe('monitoring tasks imported from the 预算管理一体化系统 (第二十条, R-M1)', () => {
  const project = [
    'GZ-JK-2025-0007',
    '2025年1—7月项目支出绩效运行监控',
    '2025',
    '项目支出',
    '118001',
    '360722250000000012345',
    '2025年信丰县农村公路日常养护项目',
    '7',
    '2025-08-15',
  ];
  const dept = [
    'GZ-JK-2025-0012',
    '2025年1—7月部门整体支出绩效运行监控',
    '2025',
    '部门整体',
    '105001',
    '',
    '',
    '7',
    '2025-08-20',
  ];
  const importAs = async (as: string, rows: string[][]) =>
    api.json('POST', '/api/monitoring-tasks/import', { as, body: { workbook: await taskWorkbook(rows) } });
  const campaignTitles = async (as: string) =>
    (await api.json('GET', '/api/campaigns?limit=100', { as })).body.items.map((c: { title: string }) => c.title);

  it('refuses a department, a file that is not a workbook, and bad rows at their cells, importing nothing', async () => {
    const dept403 = await importAs('jtj', [project]);
    expect([dept403.status, dept403.body.error.code]).toEqual([403, 'CAMPAIGN_ISSUER_ONLY']);
    const junk = await api.json('POST', '/api/monitoring-tasks/import', { as: 'jxpj', body: { workbook: 'AAAA' } });
    expect([junk.status, junk.body.error.code]).toEqual([422, 'MONITORING_IMPORT_INVALID']);
    expect(junk.body.error.details[0].path).toBe('/workbook');
    const bad = [...project];
    bad[0] = 'GZ-JK-2025-0008';
    bad[4] = '999999';
    bad[7] = '13';
    bad[8] = '2025-02-30';
    const r = await importAs('jxpj', [project, bad, project]);
    expect([r.status, r.body.error.code]).toEqual([422, 'MONITORING_IMPORT_INVALID']);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/rows/3/unitCode',
      '/rows/3/cutoffMonth',
      '/rows/3/dueDate',
      '/rows/4/projectCode',
    ]);
    expect(r.body.error.details[0].message).toBe('第3行「单位代码」：没有单位代码为“999999”的预算单位');
    expect(r.body.error.details[3].message).toContain('与第2行是同一监控任务的同一对象');
    expect(await campaignTitles('jxpj')).not.toContain(
      '2025年1—7月项目支出绩效运行监控：2025年信丰县农村公路日常养护项目',
    );
  });

  it('turns each row into a 填报任务 of the monitoring form for its unit, once', async () => {
    const r = await importAs('jxpj', [project, dept]);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.imported).toBe(2);
    const [projectTask, deptTask] = r.body.campaignIds;
    const seen = await api.json('GET', `/api/campaigns/${projectTask}`, { as: 'jtj' });
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body).toMatchObject({
      formId: 'project-monitoring',
      title: '2025年1—7月项目支出绩效运行监控：2025年信丰县农村公路日常养护项目',
      year: 2025,
      dueDate: '2025-08-15',
    });
    expect(seen.body.notice).toContain('GZ-JK-2025-0007');
    expect((await api.json('GET', `/api/campaigns/${deptTask}`, { as: 'jyj' })).body.formId).toBe('dept-monitoring');
    expect((await api.json('GET', `/api/campaigns/${deptTask}`, { as: 'jtj' })).status).toBe(404);
    const started = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'project-monitoring', campaignId: projectTask },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const again = await importAs('jxpj', [project]);
    expect([again.status, again.body.error.code]).toEqual([422, 'MONITORING_IMPORT_INVALID']);
    expect(again.body.error.details).toEqual([
      { path: '/rows/2/taskNo', message: '第2行「监控任务编号」：该监控任务已导入' },
    ]);
  });
});
