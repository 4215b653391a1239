import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import target from '../../forms/project-target/examples/valid-rural-road-maintenance.json';
import { taskRow, taskWorkbook } from '../support/monitoring-task';
import { choose, type } from './blank-form';
import { apiClient, login, screenshotter, useBrowser, waitSaved } from './browser';
import { call as apiCall, approvedTarget as approveTarget, startFromTarget as startFrom } from './from-target';

const baseUrl = inject('baseUrl');
const shot = screenshotter(70);

/** A JSON call as a demo user (setting the scene; the report itself is typed in the browser). */
const call = (username: string, method: string, path: string, body?: unknown) =>
  apiCall(baseUrl, username, method, path, body);

/** jtj's project target under `name`, approved along its chain. */
const approvedTarget = (name: string, projectCode = target.data.projectCode) =>
  approveTarget(baseUrl, { ...target.data, projectName: name, projectCode });

/** 新建填报 → 「从已批准的绩效目标开始」 → the target; returns the new report's id. */
const startFromTarget = (page: Page, targetId: string) => startFrom(page, baseUrl, 'project-monitoring', targetId);

/** What came from the target is shown read-only with its hint; the indicator rows cannot be added or removed. */
async function expectLocked(page: Page, name: string) {
  const project = page.locator('#root_projectName');
  expect(await project.inputValue()).toBe(name);
  expect(await project.evaluate((el) => (el as HTMLInputElement).readOnly || (el as HTMLInputElement).disabled)).toBe(
    true,
  );
  await page.locator('[data-field="root_projectName"]').getByText('取自已批准的绩效目标，不可修改').waitFor();
  expect(await page.locator('#root_indicators_0_name').inputValue()).toBe('农村公路日常养护里程');
  expect(await page.getByTestId('source-tag').textContent()).toContain(name);
}

describe('绩效运行监控 typed in the browser, started from an approved target', () => {
  const browser = useBrowser();
  beforeAll(async () => {
    // 绩效评价服务股 imported the project's 监控任务 from the 一体化 system (R-M1): the unit may report on it.
    const jxpj = await apiClient(baseUrl, 'jxpj');
    await jxpj('POST', '/api/monitoring-tasks/import', {
      workbook: await taskWorkbook([taskRow('GZ-JK-2025-0302', { project: true })]),
    });
  });

  it('at 1440 px: picks the approved target, finds its part locked and types the report from the first field', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    const name = '2025年农村公路日常养护项目（监控宽屏）';
    const targetId = await approvedTarget(name);
    await login(page, baseUrl, 'jtj');
    const id = await startFromTarget(page, targetId);
    await shot(page, 'monitoring-started');
    await expectLocked(page, name);

    // The first field the unit fills (年度 came from the target) and on, in page order.
    await type(page.locator('#root_cutoffMonth'), '7');
    await page.locator('[data-field="root_monitorType"]').getByText('部门自行监控').click();
    await type(page.locator('#root_taskRef'), 'GZ-JK-2025-0007');
    for (const [row, values] of Object.entries({
      currentAppropriation: ['1180.00', '470.10', '1150.00'],
      carryOver: ['45.00', '45.00', '45.00'],
      other: ['100.00', '30.00', '92.00'],
    })) {
      if (row === 'carryOver') await type(page.locator('#root_funds_carryOver_initialBudget'), '0.00');
      await type(page.locator(`#root_funds_${row}_adjustedBudget`), values[0]);
      await type(page.locator(`#root_funds_${row}_executedToDate`), values[1]);
      await type(page.locator(`#root_funds_${row}_forecastExecuted`), values[2]);
    }
    await shot(page, 'monitoring-funds-typed');
    await type(page.locator('#root_goal_goalProgressText'), '1—7月完成日常养护1120公里；危桥改造完工2座，在建4座。');
    // The first indicator row: its target part is read-only, its progress is typed.
    await choose(page, page.locator('#root_indicators_0_progressMode'), '累计型（数量、金额、里程等，按月份折算）');
    await type(page.locator('#root_indicators_0_actualToDate'), '1120');
    await type(page.locator('#root_indicators_0_forecastValue'), '1860');
    await page.locator('[data-field="root_indicators_0_likelihood"]').getByText('确定能').click();
    await shot(page, 'monitoring-row-typed');
    await waitSaved(page);

    // The server computed the lights of what was typed: 41.14 % against 58.33 % is a yellow funds light.
    const saved = await call('jtj', 'GET', `/api/submissions/${id}`);
    expect(saved.json.data).toMatchObject({
      cutoffMonth: 7,
      monitorType: 'deptSelf',
      funds: { other: { executedToDate: '30.00' } },
    });
    expect(saved.json.computed).toMatchObject({
      '/timeProgress': 58.33,
      '/fundsLight': 'yellow',
      '/indicators/0/light': 'green',
    });
    expect(browser.cspViolations).toEqual([]);
  }, 600_000);

  it('at 1440 px: a target with no 监控任务 is listed but cannot be picked, and says why (R-M1)', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    const name = '2025年农村公路危桥改造项目（无监控任务）';
    const targetId = await approvedTarget(name, '360722250000000054321');
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/new`);
    await page
      .locator('[data-form-id="project-monitoring"]')
      .getByRole('button', { name: '从已批准的绩效目标开始' })
      .click();
    const blocked = page.locator(`.ant-modal [data-source-id="${targetId}"]`);
    await blocked.getByText('暂无监控任务，不能开始').waitFor();
    expect(await blocked.isDisabled()).toBe(true);
    await page.getByTestId('no-task').getByText('待绩效评价服务股导入监控任务后即可开始').waitFor();
    // A target whose project has its task is offered with the task's name and deadline.
    await page.locator('.ant-modal').getByText('监控任务：2025年1—7月项目支出绩效运行监控').first().waitFor();
    await shot(page, 'monitoring-picker-no-task');
  }, 600_000);

  it('at 390 px: the same start on a phone, typed from the first field', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    const name = '2025年农村公路日常养护项目（监控手机）';
    const targetId = await approvedTarget(name);
    await login(page, baseUrl, 'jtj');
    const id = await startFromTarget(page, targetId);
    await expectLocked(page, name);

    await type(page.locator('#root_cutoffMonth'), '6');
    await page.locator('[data-field="root_monitorType"]').getByText('财政重点监控').click();
    await type(page.locator('#root_funds_currentAppropriation_adjustedBudget'), '1180.00');
    await type(page.locator('#root_funds_currentAppropriation_executedToDate'), '590.00');
    await type(page.locator('#root_funds_currentAppropriation_forecastExecuted'), '1180.00');
    // Nothing on the page is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await waitSaved(page);
    const saved = await call('jtj', 'GET', `/api/submissions/${id}`);
    expect(saved.json.data).toMatchObject({ cutoffMonth: 6, monitorType: 'financeKey' });
    expect(saved.json.computed['/timeProgress']).toBe(50);
  }, 600_000);
});
