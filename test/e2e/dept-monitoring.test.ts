import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { taskRow, taskWorkbook } from '../support/monitoring-task';
import { choose, date, startBlank, submitAndExpectInReview, type } from './blank-form';
import { apiClient, login, screenshotter, useBrowser, waitSaved } from './browser';

const baseUrl = inject('baseUrl');
const shot = screenshotter(80);

const TOTAL_MESSAGE = '按收入性质分列的合计（五类收入之和）应等于年度资金总额的调整后预算数，请核对各行';

/** The value shown in a field (computed fields are read-only inputs). */
const shown = (page: Page, id: string) => page.locator(`#${id}`).inputValue();

/** Nothing on the page is wider than the screen (else: the innermost elements that stick out). */
async function expectNoSidewaysScroll(page: Page) {
  const wide = await page.evaluate(() => {
    if (document.documentElement.scrollWidth - window.innerWidth <= 1) return [];
    const out = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 1;
    return [...document.querySelectorAll('body *')]
      .filter((e) => out(e) && e.parentElement && !out(e.parentElement))
      .slice(0, 5)
      .map(
        (e) => `${e.tagName} ${e.getAttribute('class')} in ${e.closest('[data-field]')?.getAttribute('data-field')}`,
      );
  });
  expect(wide).toEqual([]);
}

/**
 * A clerk of 县交通运输局 types a blank 部门整体支出绩效运行监控表 from its first field: the 财政拨款 / 其他资金
 * rows, then the five income rows, one of them wrong (单位资金 140 instead of 150), so the 合计 misses the
 * 年度资金总额 by 10; the fix comes after the refused submit.
 */
async function typeReport(page: Page) {
  await type(page.locator('#root_fiscalYear'), '2025');
  await type(page.locator('#root_cutoffMonth'), '6');
  await page.locator('[data-field="root_monitorType"]').getByText('部门自行监控').click();
  await type(page.locator('#root_taskRef'), 'GZ-JK-2025-0012');
  // 部门（单位） comes from the clerk's unit.
  expect(await shown(page, 'root_dept_name')).toBe('信丰县交通运输局');
  for (const [row, values] of Object.entries({
    fiscal: ['2450.00', '2450.00', '1225.00', '2400.00'],
    other: ['200.00', '200.00', '100.00', '190.00'],
  })) {
    for (const [i, column] of ['initialBudget', 'adjustedBudget', 'executedToDate', 'forecastExecuted'].entries())
      await type(page.locator(`#root_funds_${row}_${column}`), values[i]);
  }
  await expect.poll(() => shown(page, 'root_funds_total_adjustedBudget')).toBe('2650.00');
  for (const [row, values] of Object.entries({
    generalBudget: ['2150.00', '1075.00'],
    govFund: ['300.00', '150.00'],
    soeCapital: ['0', '0'],
    specialAccount: ['50.00', '25.00'],
    other: ['140.00', '75.00'],
  })) {
    await type(page.locator(`#root_incomeSplit_${row}_adjustedBudget`), values[0]);
    await type(page.locator(`#root_incomeSplit_${row}_executedToDate`), values[1]);
  }
  // The 小计 of the three appropriations and the 合计 of the five rows follow what was typed.
  await expect.poll(() => shown(page, 'root_incomeSplit_fiscalSubtotal_adjustedBudget')).toBe('2450.00');
  await expect.poll(() => shown(page, 'root_incomeSplit_fiscalSubtotal_executedToDate')).toBe('1225.00');
  await expect.poll(() => shown(page, 'root_incomeSplit_total_adjustedBudget')).toBe('2640.00');
  await expect.poll(() => shown(page, 'root_incomeSplit_total_executedToDate')).toBe('1325.00');
  await type(page.locator('#root_expenseSplit_basic_adjustedBudget'), '1050.00');
  await type(page.locator('#root_expenseSplit_basic_executedToDate'), '530.00');
  await type(page.locator('#root_expenseSplit_project_adjustedBudget'), '1600.00');
  await type(page.locator('#root_expenseSplit_project_executedToDate'), '795.00');
  await type(page.locator('#root_goal_annualGoal'), '保障农村公路良好通行，道路运输安全形势总体平稳，机关高效运转。');
  await type(page.locator('#root_goal_goalProgressText'), '1—6月完成农村公路日常养护925公里，机关运转正常。');
  // The first indicator row, typed in full (no target to copy it from).
  await type(page.locator('#root_indicators_0_indicatorId'), 'D1');
  await choose(page, page.locator('#root_indicators_0_level1'), '产出指标');
  await choose(page, page.locator('#root_indicators_0_level2'), '数量指标');
  await type(page.locator('#root_indicators_0_name'), '农村公路养护里程');
  await choose(page, page.locator('#root_indicators_0_operator'), '≥');
  await type(page.locator('#root_indicators_0_targetValue'), '1850');
  await type(page.locator('#root_indicators_0_unit'), '公里');
  await choose(page, page.locator('#root_indicators_0_progressMode'), '累计型（数量、金额、里程等，按月份折算）');
  await type(page.locator('#root_indicators_0_actualToDate'), '925');
  await type(page.locator('#root_indicators_0_forecastValue'), '1860');
  await page.locator('[data-field="root_indicators_0_likelihood"]').getByText('确定能').click();
  await type(page.locator('#root_analysis_implementationText'), '各项重点工作按计划推进，养护任务完成过半。');
  await page.locator('[data-field="root_analysis_overallLikelihood"]').getByText('确定能').click();
  await type(page.locator('#root_preparedBy'), '刘芳');
  await type(page.locator('#root_contactPhone'), '0797-3312345');
  await date(page.locator('#root_preparedAt'), '2025-07-10');
  await type(page.locator('#root_unitLeader'), '王建国');
}

/** 提交 is refused with the rule's message at the 合计; fixing the wrong row clears it and the report goes in. */
async function refusedThenFixed(page: Page, label: string) {
  // Everything typed is saved first: the refusal checked here is the rule's, not a race with the last autosave
  // (one full run under load saw the 小计 rules fire on values the page showed correctly).
  await waitSaved(page);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toContain(TOTAL_MESSAGE);
  const totalItem = page.locator('[data-field="root_incomeSplit_total_adjustedBudget"]');
  await totalItem.locator('.ant-form-item-explain-error').filter({ hasText: TOTAL_MESSAGE }).waitFor();
  await totalItem.scrollIntoViewIfNeeded();
  await shot(page, `dept-monitoring-income-refused-${label}`);
  await expectNoSidewaysScroll(page);
  await type(page.locator('#root_incomeSplit_other_adjustedBudget'), '150.00');
  await expect.poll(() => shown(page, 'root_incomeSplit_total_adjustedBudget')).toBe('2650.00');
  await waitSaved(page);
  await submitAndExpectInReview(page);
}

describe('部门整体支出绩效运行监控表 typed into a blank form', () => {
  const browser = useBrowser();
  beforeAll(async () => {
    // 绩效评价服务股 imported the department's 监控任务 from the 一体化 system (R-M1): the unit may report.
    const jxpj = await apiClient(baseUrl, 'jxpj');
    await jxpj('POST', '/api/monitoring-tasks/import', {
      workbook: await taskWorkbook([taskRow('GZ-JK-2025-0301', { unitCode: '118001' })]),
    });
  });

  for (const [label, width, height] of [
    ['wide', 1440, 900],
    ['phone', 390, 844],
  ] as const) {
    it(`at ${width} px: the income split and its 小计 / 合计 are typed, refused at the 合计, fixed and submitted`, async () => {
      const { page } = browser;
      await page.setViewportSize({ width, height });
      await login(page, baseUrl, 'jtj');
      await startBlank(page, baseUrl, 'dept-monitoring');
      // The five income rows and the two computed lines are on the page, with their explanation.
      const income = page.locator('[data-field="root_incomeSplit"]');
      for (const title of [
        '一般公共预算财政拨款',
        '政府性基金预算财政拨款',
        '国有资本经营预算财政拨款',
        '财政拨款小计（前三行之和）',
        '财政专户管理资金',
        '单位资金及其他资金',
        '合计（五类收入之和）',
      ])
        await income.getByText(title, { exact: true }).first().waitFor();
      await income.getByText('五行之和（合计）应等于上方「年度资金总额」', { exact: false }).first().waitFor();
      await typeReport(page);
      await income.scrollIntoViewIfNeeded();
      await shot(page, `dept-monitoring-income-typed-${label}`);
      await expectNoSidewaysScroll(page);
      await refusedThenFixed(page, label);
      await expectNoSidewaysScroll(page);
      expect(browser.cspViolations).toEqual([]);
    }, 600_000);
  }
});
