import { beforeAll, describe, expect, inject, it } from 'vitest';
import { validateFormData } from '../../forms/lib/form-logic';
import { loadRe2 } from '../../forms/lib/re2-regexp';
import target from '../../forms/project-target/examples/valid-rural-road-maintenance.json';
import { monitoringReportData } from '../support/monitoring-report';
import { taskRow, taskWorkbook } from '../support/monitoring-task';
import { choose, date, startBlank, submitAndExpectInReview, type } from './blank-form';
import { apiClient, login, screenshotter, useBrowser, waitSaved } from './browser';
import { approvedTarget, call } from './from-target';

const baseUrl = inject('baseUrl');
const shot = screenshotter(85);

/** The 财政重点监控 object of this file: its own project code, so no other file's reports mix in. */
const KEY_PROJECT = { name: '2025年信丰县国省道危桥改造项目（财政重点监控）', code: '360722250000000038500' };

/**
 * Setting the scene through the API: the project's 监控任务 imported by 绩效评价服务股, its target approved, and the
 * unit's 财政重点监控 report (the worked example's figures) submitted and passed by the 单位负责人. Returns its data.
 */
// biome-ignore lint/suspicious/noExplicitAny: the report's data as the API gives it
async function submittedKeyMonitoringReport(): Promise<Record<string, any>> {
  const jxpj = await apiClient(baseUrl, 'jxpj');
  await jxpj('POST', '/api/monitoring-tasks/import', {
    workbook: await taskWorkbook([taskRow('GZ-JK-2025-0385', { projectCode: KEY_PROJECT.code })]),
  });
  const targetId = await approvedTarget(baseUrl, {
    ...target.data,
    projectName: KEY_PROJECT.name,
    projectCode: KEY_PROJECT.code,
  });
  const created = await call(baseUrl, 'jtj', 'POST', '/api/submissions', {
    formId: 'project-monitoring',
    sourceSubmissionId: targetId,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const form = await call(baseUrl, 'jtj', 'GET', '/api/forms/project-monitoring');
  const data = monitoringReportData(created.json.data, (d) => {
    d.monitorType = 'financeKey';
    d.focusReasons = ['majorProject', 'auditFinding'];
  });
  await loadRe2(); // the form's patterns run on re2js, as on the server
  const computed = (await validateFormData({ schema: form.json.schema, logic: form.json.logic }, data)).data;
  const id = created.json.id as string;
  const saved = await call(baseUrl, 'jtj', 'PUT', `/api/submissions/${id}`, { data: computed, version: 1 });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  expect((await call(baseUrl, 'jtj', 'POST', `/api/submissions/${id}/submit`, {})).status).toBe(200);
  const open = await call(baseUrl, 'jtjld', 'GET', `/api/submissions/${id}`);
  const leader = await call(baseUrl, 'jtjld', 'POST', `/api/submissions/${id}/decisions`, {
    stepId: open.json.openSteps[0].stepId,
    action: 'approve',
    comment: '同意',
  });
  expect(leader.status, JSON.stringify(leader.json)).toBe(200);
  return computed;
}

describe('财政重点监控报告 typed into a blank form by 绩效评价服务股', () => {
  const browser = useBrowser();
  // biome-ignore lint/suspicious/noExplicitAny: the report's data as the API gives it
  let keyReport: Record<string, any>;
  beforeAll(async () => {
    keyReport = await submittedKeyMonitoringReport();
  }, 240_000);

  it('at 1440 px: typed from the first field, refused without the 库款支付 recommendation (R-M9), fixed and submitted', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jxpjtb');
    const id = await startBlank(page, baseUrl, 'key-monitoring-report');
    // 从监控表导入 asks for the period first; with it, it lists that period's 财政重点监控表 (or says there are none).
    const dialog = page.locator('.ant-modal').filter({ hasText: '从监控表导入监控对象' });
    await page.getByTestId('scope-import').click();
    await dialog.getByText('请先填写监控年度和监控截止月份').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await type(page.locator('#root_fiscalYear'), '2025');
    await type(page.locator('#root_cutoffMonth'), '7');
    // 一、监控对象与范围: the first row.
    await type(page.locator('#root_scope_0_reportRef'), 'JK-2025-07-001');
    await type(page.locator('#root_scope_0_unitName'), '信丰县交通运输局');
    await type(page.locator('#root_scope_0_objectName'), '2025年信丰县农村公路日常养护项目');
    await type(page.locator('#root_scope_0_amount'), '1325.00');
    await type(page.locator('#root_scope_0_executionRate'), '41.14');
    await choose(page, page.locator('#root_scope_0_overallLight'), '黄灯（轻度偏离）');
    await page.locator('[data-field="root_scope_0_focusReasons"]').getByText('重大项目').click();
    // The second row from the unit's 财政重点监控表 of 2025年1—7月: ticked, imported, shown in the table to check.
    await page.getByTestId('scope-import').click();
    const key = dialog.locator('.ant-checkbox-wrapper').filter({ hasText: KEY_PROJECT.name });
    await key.waitFor();
    expect(await key.locator('input').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: /^导入所选/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('#root_scope_1_objectName').inputValue()).toBe(KEY_PROJECT.name);
    expect(await page.locator('#root_scope_1_amount').inputValue()).toBe(keyReport.funds.total.adjustedBudget);
    expect(await page.locator('#root_scope_0_objectName').inputValue()).toBe('2025年信丰县农村公路日常养护项目');
    await type(page.locator('#root_method'), '审核监控表数据，现场核查两个标段，座谈走访乡镇养护站。');
    await type(page.locator('#root_fundFindings'), '1—7月执行率41.14%，低于时序进度58.33%，亮黄灯。');
    await type(page.locator('#root_goalFindings'), '养护里程按进度完成，危桥改造滞后。');
    await type(page.locator('#root_problems_0_text'), '危桥改造招标延迟，资金拨付滞后。');
    await choose(page, page.locator('#root_problems_0_causeCategory'), '制度保障');
    await type(page.locator('#root_recommendations_budgetArrangement'), '下年度按实际进度安排预算。');
    await type(page.locator('#root_recommendations_targetAdjustment'), '危桥改造目标维持不变，加快招标。');
    await type(page.locator('#root_deviationSummary'), '执行偏慢主要因招标延迟，建议督促加快进度。');
    expect(await page.locator('#root_issuer').inputValue()).not.toBe('');
    await type(page.locator('#root_preparedBy'), '陈静');
    await type(page.locator('#root_contactPhone'), '0797-3312001');
    await date(page.locator('#root_preparedAt'), '2025-08-20');

    // Without the 库款支付 recommendation the report is refused, with the rule's message at that field.
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    const treasury = page.locator('[data-field="root_recommendations_treasuryPayment"]');
    await treasury.locator('.ant-form-item-explain-error').filter({ hasText: '请提出库款支付方面的建议' }).waitFor();
    await shot(page, 'key-monitoring-refused');
    await type(page.locator('#root_recommendations_treasuryPayment'), '按实际进度拨付库款，暂缓拨付未招标部分。');
    await waitSaved(page);
    await submitAndExpectInReview(page);

    // 抄送 to the 业务股室 and 预算股 (第二十二条), then the 领导小组 reviews it (第二十三条).
    const jxpj = await apiClient(baseUrl, 'jxpjtb');
    const sub = await jxpj<{
      status: string;
      data: { scope: Record<string, unknown>[] };
      openSteps: { stepId: string }[];
    }>('GET', `/api/submissions/${encodeURIComponent(id)}`);
    expect(sub.status).toBe('in_review');
    expect(sub.data.scope[0]).toMatchObject({ objectName: '2025年信丰县农村公路日常养护项目', overallLight: 'yellow' });
    expect(sub.data.scope[1]).toEqual({
      reportRef: keyReport.taskRef,
      unitName: keyReport.implementingUnit.name,
      objectName: KEY_PROJECT.name,
      amount: keyReport.funds.total.adjustedBudget,
      executionRate: keyReport.funds.total.executionRate,
      overallLight: keyReport.overallLight,
      focusReasons: ['majorProject', 'finding'],
    });
    expect(sub.openSteps.map((s) => s.stepId)).toEqual(['leadingGroupReview']);
    expect(browser.cspViolations).toEqual([]);
  }, 600_000);

  it('at 390 px: 从监控表导入 lists the report of the period on a phone within the screen, nothing scrolls sideways', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, baseUrl, 'jxpjtb');
    await startBlank(page, baseUrl, 'key-monitoring-report');
    await type(page.locator('#root_fiscalYear'), '2025');
    await type(page.locator('#root_cutoffMonth'), '7');
    await page.getByTestId('scope-import').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '从监控表导入监控对象' });
    await dialog.getByText('2025年1—7月的财政重点监控表').waitFor();
    await dialog.locator('.ant-checkbox-wrapper').filter({ hasText: KEY_PROJECT.name }).waitFor();
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 390)).toBe(true);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(browser.cspViolations).toEqual([]);
  }, 300_000);
});
