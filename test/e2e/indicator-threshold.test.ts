import type { Locator } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { projectTargetWithRows } from '../support/project-target';
import { indicatorRow } from './blank-form';
import { apiClient, login, useBrowser, waitSaved } from './browser';

const baseUrl = inject('baseUrl');

/** Whether the element lies within the page's viewport (not only within its scroll container). */
async function inViewport(el: Locator): Promise<boolean> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
}

/**
 * The indicator table draws up to 30 rows as a plain table and more through antd's virtual table. A clerk who adds
 * the 31st row crosses that line while typing: the row must be there to type into, what is typed must land and be
 * saved, and the rows before it must keep their values. At 1440 px and on a 390 px phone.
 */
describe('the indicator table past 30 rows, typed in the browser', () => {
  const browser = useBrowser();

  for (const [label, size] of [
    ['1440 px', { width: 1440, height: 900 }],
    ['390 px', { width: 390, height: 844 }],
  ] as const) {
    it(`adds and types the 31st row at ${label}; it is saved with the 30 before it`, async () => {
      const { page } = browser;
      const jtj = await apiClient(baseUrl, 'jtj');
      const draft = await jtj<{ id: string }>('POST', '/api/submissions', {
        formId: 'project-target',
        data: projectTargetWithRows(30),
      });
      await page.setViewportSize(size);
      await login(page, baseUrl, 'jtj');
      await page.goto(`${baseUrl}/submissions/${draft.id}`);
      const table = page.locator('#root_annualIndicators');
      await table.getByText('共 30 行').waitFor();
      // 添加指标 at the foot of 30 rows: the table turns virtual, and the new row is drawn and shown at once.
      await table.getByRole('button', { name: '添加指标' }).click();
      await table.getByText('共 31 行').waitFor();
      const added = table.getByLabel('第31行 一级指标', { exact: true });
      await added.waitFor();
      await expect.poll(() => inViewport(added)).toBe(true);
      await indicatorRow(page, table, 31, {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '沿线群众满意度',
        operator: '≥',
        value: '90',
        unit: '%',
      });
      await table.getByText('共 31 行').waitFor();
      expect(await table.getByLabel('第31行 三级指标', { exact: true }).inputValue()).toBe('沿线群众满意度');
      await waitSaved(page);
      const saved = await jtj<{ data: { annualIndicators: Record<string, unknown>[] } }>(
        'GET',
        `/api/submissions/${draft.id}`,
      );
      const rows = saved.data.annualIndicators;
      expect(rows).toHaveLength(31);
      expect(rows[30]).toMatchObject({ name: '沿线群众满意度', operator: 'gte', targetValue: 90, unit: '%' });
      expect(rows.slice(0, 30).map((r) => r.name)).toEqual(
        (projectTargetWithRows(30).annualIndicators as { name: string }[]).map((r) => r.name),
      );
      // Reopened, the 31 rows come back in the virtual table, the last one as typed.
      await page.reload();
      await table.getByText('共 31 行').waitFor();
      // The clerk adds a 32nd row, then deletes it again: back to 31 rows; the page stays where the clerk works.
      await table.getByRole('button', { name: '添加指标' }).click();
      await table.getByText('共 32 行').waitFor();
      await table.getByLabel('第32行 删除', { exact: true }).click();
      await page.locator('.ant-popover:visible').getByRole('button', { name: '删除' }).click();
      await table.getByText('共 31 行').waitFor();
      await expect.poll(() => inViewport(table.getByLabel('第31行 三级指标', { exact: true }))).toBe(true);
      // Deleted again, down to 30 rows: the table is drawn plain once more, and the page does not jump to its top.
      await table.getByLabel('第31行 删除', { exact: true }).click();
      await page.locator('.ant-popover:visible').getByRole('button', { name: '删除' }).click();
      await table.getByText('共 30 行').waitFor();
      const last = table.getByLabel('第30行 三级指标', { exact: true });
      await last.waitFor();
      await page.waitForTimeout(300);
      expect(await inViewport(last)).toBe(true);
      // Saved as 30 rows (the autosave follows the deletions).
      const savedRows = async () =>
        (await jtj<{ data: { annualIndicators: unknown[] } }>('GET', `/api/submissions/${draft.id}`)).data
          .annualIndicators.length;
      await expect.poll(savedRows, { timeout: 20_000 }).toBe(30);
      await waitSaved(page);
      expect(browser.dialogs).toEqual([]);
    }, 420_000);
  }
});
