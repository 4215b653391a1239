import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import target from '../../forms/project-target/examples/valid-rural-road-maintenance.json';
import { date, docShot, pick, submitAndExpectInReview, type } from './blank-form';
import { apiClient, login, noSidewaysScroll, useBrowser } from './browser';
import { approvedTarget, startFromTarget } from './from-target';

const baseUrl = inject('baseUrl');

/** What the unit reports per indicator row (the approved target gave the rest): 分值, result, reason. */
const ROWS: { weight: string; actual?: string; qual?: string; score?: string; reason?: string }[] = [
  { weight: '10', actual: '1862' },
  { weight: '10', actual: '5', reason: '1座危桥受汛期影响顺延至2026年3月完工。' },
  { weight: '10', actual: '86.2' },
  { weight: '10', actual: '100' },
  { weight: '10', actual: '0.62', reason: '沥青、碎石价格上涨约6%；拟推行集中采购。' },
  { weight: '10', actual: '100' },
  { weight: '10', qual: '达成年度指标', score: '9', reason: '个别偏远村组路段仍有季节性通行不畅。' },
  { weight: '10', qual: '部分达成年度指标并具有一定效果', score: '7', reason: '3个乡镇养护队伍尚不稳定。' },
  { weight: '10', actual: '92.5' },
];

/** What a clerk types into the 项目支出绩效自评表 started from the approved target, from its first open field on. */
async function typeSelfEval(page: Page): Promise<void> {
  await page.getByLabel('单位自评', { exact: true }).check();
  await type(page.locator('#root_funds_currentAppropriation_fullYearBudget'), '1180.00');
  await type(page.locator('#root_funds_currentAppropriation_executed'), '1150.60');
  await type(page.locator('#root_funds_carryOver_initialBudget'), '0');
  await type(page.locator('#root_funds_carryOver_fullYearBudget'), '45.00');
  await type(page.locator('#root_funds_carryOver_executed'), '45.00');
  await type(page.locator('#root_funds_other_fullYearBudget'), '100.00');
  await type(page.locator('#root_funds_other_executed'), '88.40');
  await type(
    page.locator('#root_overallGoal_actual'),
    '完成日常养护1862公里，危桥改造5座，优良中等路率86.2%，满意度92.5%。',
  );
  const table = page.locator('#root_indicators');
  for (const [i, row] of ROWS.entries()) {
    const cell = (what: string) => table.getByLabel(`第${i + 1}行 ${what}`, { exact: true });
    await type(cell('分值'), row.weight);
    if (row.qual) {
      await pick(page, cell('完成情况'), row.qual);
      await type(cell('得分'), row.score ?? '');
    } else await type(cell('实际完成值'), row.actual ?? '');
    if (row.reason) await type(cell('偏差原因'), row.reason);
  }
  await type(page.locator('#root_conclusionText'), '项目总体完成年度绩效目标。');
  await type(page.locator('#root_problems'), '危桥改造受汛期影响未全部按期完成；养护单位成本略高于目标。');
  await type(page.locator('#root_improvements'), '汛前工程提前招标；推行集中采购和片区化养护。');
  await type(page.locator('#root_projectLead'), '钟志强');
  await type(page.locator('#root_financeLead'), '曾丽萍');
  await date(page.locator('#root_preparedAt'), '2026-03-20');
  await type(page.locator('#root_unitLeader'), '陈建华');
}

/**
 * 项目支出绩效自评 typed in the browser: started from the approved target (what it gave is shown read-only), the rest
 * typed by the clerk from its first open field to 审核中, the score computed as it goes. At 1440 px and on a phone.
 */
describe('项目支出绩效自评 typed in the browser', () => {
  const browser = useBrowser();

  for (const [label, size, name] of [
    ['1440 px', { width: 1440, height: 900 }, '2025年信丰县农村公路日常养护项目（自评一）'],
    ['390 px', { width: 390, height: 844 }, '2025年信丰县农村公路日常养护项目（自评二）'],
  ] as const) {
    it(`at ${label}: from the approved target, typed to 审核中 with its score of 93.7 (优)`, async () => {
      const targetId = await approvedTarget(baseUrl, { ...target.data, projectName: name });
      const { page } = browser;
      await page.setViewportSize(size);
      await login(page, baseUrl, 'jtj');
      const id = await startFromTarget(page, baseUrl, 'project-self-eval', targetId);
      expect(await page.locator('#root_projectName').inputValue()).toBe(name);
      await typeSelfEval(page);
      await expect.poll(() => page.locator('#root_totalScore').inputValue()).toBe('93.7');
      if (size.width === 1440) {
        await page.locator('#root_indicators').scrollIntoViewIfNeeded();
        await docShot(page, 'self-eval-typed');
      } else expect(await noSidewaysScroll(page)).toBe(true);
      await submitAndExpectInReview(page);
      const saved = await (await apiClient(baseUrl, 'jtj'))<{ status: string; data: Record<string, unknown> }>(
        'GET',
        `/api/submissions/${id}`,
      );
      expect(saved).toMatchObject({ status: 'in_review', data: { totalScore: 93.7, selfGrade: 'excellent' } });
      expect(saved.data.approvedTargetRef).toBe(targetId);
      expect(browser.dialogs).toEqual([]);
    }, 420_000);
  }
});
