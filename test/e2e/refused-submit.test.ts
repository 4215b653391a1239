import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { date, docShot, type IndicatorInput, indicatorRow, pick, startBlank, type } from './blank-form';
import { typeProjectTargetHead } from './blank-journeys';
import { apiAs, login, useBrowser } from './browser';

const baseUrl = inject('baseUrl');

/**
 * Nothing the clerk typed is lost after 提交 was refused: the blank form is submitted at once (refused,
 * every problem listed), then 「添加指标」 adds exactly one row per click and every value typed
 * afterwards — also while a save is still on its way to a slow server — reaches the server.
 */

const ROWS: IndicatorInput[] = [
  { level1: '产出指标', level2: '数量指标', name: '农村公路日常养护里程', operator: '≥', value: '1850', unit: '公里' },
  { level1: '产出指标', level2: '质量指标', name: '优良中等路率', operator: '≥', value: '85', unit: '%' },
  { level1: '效益指标', level2: '社会效益指标', name: '群众出行条件', operator: '定性', value: '明显改善' },
];

interface Saved {
  status: string;
  data: Record<string, unknown> & { annualIndicators?: Record<string, unknown>[] };
}

const rowCount = (table: Locator) => table.getByLabel(/^第\d+行 一级指标$/).count();
const cell = (table: Locator, n: number, what: string) => table.getByLabel(`第${n}行 ${what}`, { exact: true });

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A slow network: every autosave PUT of this submission answers `ms` later, so a save is in flight while
 * the clerk types on; a check of the form made before 单位负责人 was typed answers only after 4 s, i.e.
 * after the checks made since (answers arriving out of order).
 */
async function slowNetwork(page: Page, id: string, ms: number): Promise<void> {
  const path = `**/api/submissions/${encodeURIComponent(id)}`;
  await page.route(path, async (route) => {
    if (route.request().method() === 'PUT') await pause(ms);
    await route.continue();
  });
  await page.route(`${path}/validate`, async (route) => {
    const body = route.request().postDataJSON() as { data?: { unitLeader?: string } };
    await pause(body.data?.unitLeader ? 300 : 4000);
    await route.continue();
  });
}

/** 提交 on the blank form: refused, with the problem list. */
async function refusedSubmit(page: Page): Promise<void> {
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  expect(await summary.locator('li').allInnerTexts()).toContain('年度：必填');
}

/**
 * 提交 once more: after a refusal the problem list stays on screen while the clerk types (it follows the
 * latest check), so only the confirmation tells that this submit was accepted; a refusal shows its toast.
 */
async function submitAccepted(page: Page): Promise<void> {
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '确认提交？' });
  const refused = page.locator('.ant-message-error');
  await Promise.race([confirm.waitFor(), refused.waitFor()]);
  if (await refused.isVisible()) {
    await docShot(page, 'refused-submit-second-refusal');
    throw new Error(`提交被拒：${await refused.textContent()}；${await page.locator('.error-summary').textContent()}`);
  }
  // The list on screen agrees with the check just made: no problem left.
  await expect.poll(() => page.locator('.error-summary').count()).toBe(0);
  await confirm.getByRole('button', { name: '提交' }).click();
  try {
    await page.getByTestId('submission-status').filter({ hasText: '审核中' }).waitFor();
  } catch (error) {
    await docShot(page, 'refused-submit-not-in-review');
    const said = await page.locator('.ant-message, .ant-alert, [data-testid="save-status"]').allInnerTexts();
    throw new Error(`未进入审核中：${said.join(' | ')}`, { cause: error });
  }
}

/** Clicks 「添加指标」 (right after `typeFirst`, when given) and expects exactly one more row. */
async function addRow(table: Locator, typeFirst?: () => Promise<void>): Promise<void> {
  const before = await rowCount(table);
  const page = table.page();
  // Where the press and the click really land (a moving page can make a click miss its button).
  await page.evaluate(() => {
    const w = window as unknown as { hits?: string[] };
    if (w.hits) return;
    w.hits = [];
    for (const type of ['mousedown', 'click'])
      document.addEventListener(
        type,
        (e) =>
          w.hits?.push(
            `${type}:${(e.target as HTMLElement).closest('button,input,label,li,div')?.textContent?.slice(0, 20)}`,
          ),
        { capture: true },
      );
  });
  await typeFirst?.();
  await table.getByRole('button', { name: '添加指标' }).click();
  try {
    await expect.poll(() => rowCount(table), { timeout: 5000 }).toBe(before + 1);
  } catch (error) {
    const hits = await page.evaluate(() => (window as unknown as { hits: string[] }).hits.slice(-2));
    throw new Error(`添加指标未加行（${before} 行）：${hits.join(' / ')}`, { cause: error });
  }
  // …and still exactly one more once the form has settled (a late re-render must not drop or double it).
  await table.page().waitForTimeout(400);
  expect(await rowCount(table)).toBe(before + 1);
}

describe('typing after a refused submit', () => {
  const browser = useBrowser();

  it('项目支出绩效目标申报表 at 1440 px with slow saves: every typed value reaches the server', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    const id = await startBlank(page, baseUrl, 'project-target');
    await slowNetwork(page, id, 1500);
    const table = page.locator('#root_annualIndicators');

    await refusedSubmit(page);
    expect(await rowCount(table)).toBe(1);
    await addRow(table);

    await typeProjectTargetHead(page, '2026年农村公路日常养护项目（提交被拒后续填）');
    await indicatorRow(page, table, 1, ROWS[0]);
    // Row 2 typed up to its last empty cell, 三级指标, the only one of the row still marked 必填; 「添加指标」
    // is clicked right after the last key, while the text is still held by the cell.
    const [, second] = ROWS;
    await pick(page, cell(table, 2, '一级指标'), second.level1);
    await pick(page, cell(table, 2, '二级指标'), second.level2);
    await pick(page, cell(table, 2, '计算符号'), second.operator);
    await type(cell(table, 2, '指标值'), second.value);
    await type(cell(table, 2, '计量单位'), second.unit ?? '');
    await addRow(table, async () => {
      await cell(table, 2, '三级指标').click();
      await cell(table, 2, '三级指标').pressSequentially(second.name);
    });
    expect(await cell(table, 2, '三级指标').inputValue()).toBe(second.name);
    await indicatorRow(page, table, 3, ROWS[2]);
    await type(page.locator('#root_preparedBy'), '刘芳');
    await type(page.locator('#root_contactPhone'), '0797-3312345');
    await date(page.locator('#root_preparedAt'), '2025-11-20');
    // The clerk pauses (a check goes out, and answers late), types the last field and clicks 提交 at once.
    await page.waitForTimeout(1500);
    await type(page.locator('#root_unitLeader'), '王建国');
    await submitAccepted(page);

    await page.reload();
    await page.getByTestId('submission-status').filter({ hasText: '审核中' }).waitFor();
    const shown = async (selector: string) => page.locator(selector).inputValue();
    expect(await shown('#root_fiscalYear')).toBe('2026');
    expect(await shown('#root_projectName')).toBe('2026年农村公路日常养护项目（提交被拒后续填）');
    expect(await shown('#root_funding_annual_fiscal')).toBe('120.00');
    expect(await shown('#root_unitLeader')).toBe('王建国');
    // In review the table is read-only text: one body row per indicator, each with what was typed.
    const bodyRows = table.locator('tbody tr.indicator-row');
    expect(await bodyRows.count()).toBe(3);
    for (const [i, row] of ROWS.entries()) {
      const text = await bodyRows.nth(i).textContent();
      for (const typed of [row.level1, row.level2, row.name, row.value, row.unit ?? '']) expect(text).toContain(typed);
    }

    const saved = await (await apiAs(baseUrl, 'jtj'))<Saved>(`/api/submissions/${encodeURIComponent(id)}`);
    expect(saved.status).toBe('in_review');
    expect(saved.data.fiscalYear).toBe(2026);
    expect(saved.data.projectName).toBe('2026年农村公路日常养护项目（提交被拒后续填）');
    expect(saved.data.unitLeader).toBe('王建国');
    const rows = saved.data.annualIndicators ?? [];
    expect(rows.map((r) => r.name)).toEqual(ROWS.map((r) => r.name));
    expect(rows.map((r) => r.unit)).toEqual(['公里', '%', undefined]);
    expect(rows.map((r) => r.targetValue)).toEqual([1850, 85, undefined]);
    expect(rows[2]?.targetText).toBe('明显改善');
    expect(browser.dialogs).toEqual([]);
  }, 420_000);

  it('on a 390 px phone: 「添加指标」 right after the refusal adds one row per click and keeps what was typed', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    const id = await startBlank(page, baseUrl, 'project-target');
    await slowNetwork(page, id, 1500);
    const table = page.locator('#root_annualIndicators');

    await refusedSubmit(page);
    await addRow(table);
    await indicatorRow(page, table, 2, ROWS[1]);
    // Typed into a cell, then 「添加指标」 at once.
    await cell(table, 2, '三级指标').click();
    await cell(table, 2, '三级指标').press('End');
    await cell(table, 2, '三级指标').pressSequentially('（主干线）');
    await addRow(table);
    await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();

    expect(await cell(table, 2, '三级指标').inputValue()).toBe('优良中等路率（主干线）');
    const saved = await (await apiAs(baseUrl, 'jtj'))<Saved>(`/api/submissions/${encodeURIComponent(id)}`);
    const rows = saved.data.annualIndicators ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[1]?.name).toBe('优良中等路率（主干线）');
    expect(rows[1]?.targetValue).toBe(85);
  }, 300_000);
});
