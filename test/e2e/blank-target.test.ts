import { describe, expect, inject, it } from 'vitest';
import { docShot, startBlank, submitAndExpectInReview, type } from './blank-form';
import { typeDeptTarget, typeProjectTarget } from './blank-journeys';
import { apiAs, login, useBrowser } from './browser';

const baseUrl = inject('baseUrl');

/**
 * A department clerk opens a blank target form, types it in from the first field to 「提交」 — no example,
 * no API shortcut — and sees 审核中. Before typing, 提交 lists every missing field as a link that
 * takes the clerk to it.
 */
describe('blank targets typed in the browser', () => {
  const browser = useBrowser();

  it('项目支出绩效目标申报表 at 1440 px: submitting it blank lists every problem, each leading to its field', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    await startBlank(page, baseUrl, 'project-target');

    // Submitting the blank form names every problem, each a link to its field; the first indicator row is not
    // missing any hidden value (its 指标编号 is generated), and nothing is only a count.
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const listed = await summary.locator('li').allInnerTexts();
    expect(listed).toContain('年度：必填');
    expect(listed).toContain('年度绩效指标 · 第1行 · 一级指标：必填');
    expect(listed.join('\n')).not.toMatch(/指标编号/);
    await docShot(page, 'blank-project-target-problems');
    await summary.getByRole('button', { name: '年度绩效指标 · 第1行 · 三级指标：必填' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('第1行 三级指标');
    // The field under the list is marked, with its message shown even though it has help text.
    const yearItem = page.locator('[data-field="root_fiscalYear"]');
    expect(await yearItem.locator('.ant-form-item-explain-error').textContent()).toContain('必填');
    expect(await yearItem.locator('.ant-form-item-extra').textContent()).toContain('绩效目标为预算年度');
    // Filling a marked field clears its mark.
    await type(page.locator('#root_fiscalYear'), '2026');
    await expect.poll(() => yearItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    // Leave only once it is saved (the page asks before unsaved work is dropped).
    await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor();
  });

  it('项目支出绩效目标申报表 at 1440 px: typed in from the first field and submitted', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    const id = await startBlank(page, baseUrl, 'project-target');
    await typeProjectTarget(page, '2026年农村公路日常养护项目（空白填报）');
    await docShot(page, 'blank-project-target-typed');
    await submitAndExpectInReview(page);
    await docShot(page, 'blank-project-target-submitted');

    const asFiller = await apiAs(baseUrl, 'jtj');
    const saved = await asFiller<{ status: string; data: { annualIndicators: { indicatorId?: string }[] } }>(
      `/api/submissions/${encodeURIComponent(id)}`,
    );
    expect(saved.status).toBe('in_review');
    expect(saved.data.annualIndicators).toHaveLength(2);
    for (const row of saved.data.annualIndicators) expect(row.indicatorId).toMatch(/^[0-9A-Z]{4,38}$/);
    expect(browser.dialogs).toEqual([]);
  }, 420_000);

  it('项目支出绩效目标申报表 on a 390 px phone', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, baseUrl, 'jtj');
    await startBlank(page, baseUrl, 'project-target');
    await typeProjectTarget(page, '2026年乡村道路安全设施项目（手机填报）');
    await submitAndExpectInReview(page);
    await docShot(page, 'blank-project-target-phone');
  }, 420_000);

  it('部门整体支出绩效目标申报表 at 1440 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    await startBlank(page, baseUrl, 'dept-target');
    await typeDeptTarget(page);
    await submitAndExpectInReview(page);
    await docShot(page, 'blank-dept-target-submitted');
    expect(browser.dialogs).toEqual([]);
  }, 420_000);
});
