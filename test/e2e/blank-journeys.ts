import type { Locator, Page } from 'playwright-core';
import { choose, date, type IndicatorInput, indicatorRow, type } from './blank-form';

const ROAD_INDICATORS: IndicatorInput[] = [
  { level1: '产出指标', level2: '数量指标', name: '农村公路日常养护里程', operator: '≥', value: '1850', unit: '公里' },
  { level1: '效益指标', level2: '社会效益指标', name: '群众出行条件', operator: '定性', value: '明显改善' },
];

async function typeIndicators(page: Page, table: Locator, rows: IndicatorInput[]): Promise<void> {
  for (const [i, row] of rows.entries()) await indicatorRow(page, table, i + 1, row);
}

/** 填报人, 联系电话, 填报日期, 单位负责人: the last block of every form. */
async function typeSignOff(page: Page): Promise<void> {
  await type(page.locator('#root_preparedBy'), '刘芳');
  await type(page.locator('#root_contactPhone'), '0797-3312345');
  await date(page.locator('#root_preparedAt'), '2025-11-20');
  await type(page.locator('#root_unitLeader'), '王建国');
}

/** The fields of a blank 项目支出绩效目标申报表 above its indicator table, from the first one. */
export async function typeProjectTargetHead(page: Page, projectName: string): Promise<void> {
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
}

/** What a clerk of 县交通运输局 types into a blank 项目支出绩效目标申报表, from the first field to the last. */
export async function typeProjectTarget(page: Page, projectName: string): Promise<void> {
  await typeProjectTargetHead(page, projectName);
  await typeIndicators(page, page.locator('#root_annualIndicators'), ROAD_INDICATORS);
  await typeSignOff(page);
}

/** A blank 部门整体支出绩效目标申报表 of 县交通运输局. */
export async function typeDeptTarget(page: Page): Promise<void> {
  await type(page.locator('#root_fiscalYear'), '2026');
  await type(page.locator('#root_dept_code'), '360722101');
  await type(page.locator('#root_dept_name'), '信丰县交通运输局');
  await type(page.locator('#root_functionsSummary'), '负责全县公路、水路交通行业管理和农村公路建设养护。');
  await type(page.locator('#root_mainTasks_0_taskName'), '农村公路养护');
  await type(page.locator('#root_mainTasks_0_mainContent'), '完成农村公路日常养护1850公里。');
  await type(page.locator('#root_budget_fiscal'), '3200.00');
  await type(page.locator('#root_budget_other'), '150.00');
  await type(page.locator('#root_annualGoal'), '保障全县公路安全畅通，提升农村公路通行条件。');
  await typeIndicators(page, page.locator('#root_annualIndicators'), ROAD_INDICATORS);
  await type(page.locator('#root_tripleOneDecision_meetingType'), '局党组会');
  await date(page.locator('#root_tripleOneDecision_meetingDate'), '2025-11-10');
  // The 三重一大 minutes are a real file now (R-B1): upload a small PDF through the attachment field.
  await page.locator('#root_tripleOneDecision_attachments_file').setInputFiles({
    name: '党组会纪要.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  await page.getByText('党组会纪要.pdf').waitFor();
  await typeSignOff(page);
}

const EX_ANTE_REPORT: [string, string][] = [
  ['root_report_background', '全县农村公路里程长、养护任务重，部分路段路况下降。'],
  ['root_report_mainContent', '对全县农村公路实施日常养护和危桥改造。'],
  ['root_report_performanceTargetNarrative', '完成日常养护1850公里，优良中等路率不低于85%。'],
  ['root_report_fundingStructureNarrative', '申请财政资金600万元，无其他资金。'],
  ['root_report_purposeAndScope', '评估项目立项必要性、投入经济性等五个方面。'],
  ['root_report_approachAndMethods', '采用资料审查、实地调研和专家咨询相结合的方法。'],
  ['root_report_procedure', '前期准备、资料收集、实地调研、分析评估、形成报告。'],
  ['root_report_findings_necessity', '项目符合国家和省市农村公路养护政策，确有必要。'],
  ['root_report_findings_economy', '养护单价参照省定额测算，投入较为经济。'],
  ['root_report_findings_targetReasonableness', '绩效目标明确，指标可衡量。'],
  ['root_report_findings_feasibility', '实施方案具体，责任分工清楚，可行。'],
  ['root_report_findings_fundingCompliance', '资金来源为一般公共预算，筹资合规。'],
  ['root_report_overallConclusionText', '项目立项必要、投入经济、目标合理、方案可行、筹资合规，建议予以支持。'],
];

/** A blank 事前绩效评估报告 of a new project. */
export async function typeExAnte(page: Page): Promise<void> {
  await type(page.locator('#root_fiscalYear'), '2026');
  await type(page.locator('#root_competentDept_code'), '360722101');
  await type(page.locator('#root_competentDept_name'), '信丰县交通运输局');
  await type(page.locator('#root_implementingUnit_code'), '360722101001');
  await type(page.locator('#root_implementingUnit_name'), '信丰县公路事业发展中心');
  await choose(page, page.locator('#root_fundType'), '一般公共预算');
  await page.getByLabel('项目', { exact: true }).check();
  await type(page.locator('#root_basicInfo_projectName'), '2026年农村公路危桥改造项目');
  await page.getByLabel('新增', { exact: true }).check();
  await type(page.locator('#root_basicInfo_projectPeriod_start'), '2026-01');
  await type(page.locator('#root_basicInfo_projectPeriod_end'), '2026-12');
  await type(page.locator('#root_basicInfo_requestedFiscal'), '600.00');
  await type(page.locator('#root_basicInfo_requestedOther'), '0');
  await page.getByLabel('部门自行评估', { exact: true }).check();
  await date(page.locator('#root_basicInfo_assessedAt'), '2025-10-30');
  for (const [id, text] of EX_ANTE_REPORT) await type(page.locator(`#${id}`), text);
  await type(page.locator('#root_proposedTargets_annualGoal'), '完成6座危桥改造，消除安全隐患。');
  await typeIndicators(page, page.locator('#root_proposedTargets_annualIndicators'), [
    { level1: '产出指标', level2: '数量指标', name: '危桥改造数量', operator: '≥', value: '6', unit: '座' },
    { level1: '效益指标', level2: '社会效益指标', name: '通行安全状况', operator: '定性', value: '明显改善' },
  ]);
  for (const [i, score] of ['18', '17', '16', '18', '19'].entries()) {
    await type(page.locator(`#root_scoreSheet_${i}_unitScore`), score);
  }
  await typeSignOff(page);
}
