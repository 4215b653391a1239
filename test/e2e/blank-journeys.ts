import type { Page } from 'playwright-core';
import { choose, date, indicatorRow, type } from './blank-form';

/** What a clerk of 县交通运输局 types into a blank 项目支出绩效目标申报表, from the first field to the last. */
export async function typeProjectTarget(page: Page, projectName: string): Promise<void> {
  await type(page.locator('#root_fiscalYear'), '2026');
  await type(page.locator('#root_competentDept_code'), '360722101');
  await type(page.locator('#root_competentDept_name'), '信丰县交通运输局');
  await type(page.locator('#root_implementingUnit_code'), '360722101001');
  await type(page.locator('#root_implementingUnit_name'), '信丰县公路事业发展中心');
  await choose(page, page.locator('#root_fundType'), '一般公共预算');
  await type(page.locator('#root_projectName'), projectName);
  await page.getByLabel('一级项目', { exact: true }).check();
  await page.getByLabel('延续项目', { exact: true }).check();
  await type(page.locator('#root_projectPeriod_startYear'), '2026');
  await type(page.locator('#root_projectPeriod_endYear'), '2026');
  await type(page.locator('#root_funding_annual_fiscal'), '120.00');
  await type(page.locator('#root_funding_annual_other'), '0');
  await type(page.locator('#root_goals_annualGoal'), '完成全县农村公路日常养护1850公里，优良中等路率不低于85%。');
  const table = page.locator('#root_annualIndicators');
  await indicatorRow(page, table, 1, {
    level1: '产出指标',
    level2: '数量指标',
    name: '农村公路日常养护里程',
    operator: '≥',
    value: '1850',
    unit: '公里',
  });
  await indicatorRow(page, table, 2, {
    level1: '效益指标',
    level2: '社会效益指标',
    name: '群众出行条件',
    operator: '定性',
    value: '明显改善',
  });
  await type(page.locator('#root_preparedBy'), '刘芳');
  await type(page.locator('#root_contactPhone'), '0797-3312345');
  await date(page.locator('#root_preparedAt'), '2025-11-20');
  await type(page.locator('#root_unitLeader'), '王建国');
}
