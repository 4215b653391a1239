import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { submitAndExpectInReview } from './blank-form';
import { afterMotion, createFromExample, decide, login, onFillPage, useBrowser } from './browser';

const baseUrl = inject('baseUrl');

/** axe-core (WCAG 2 A/AA) on the page as it is now: the serious and critical findings, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // @axe-core/playwright is typed against @playwright/test's Page; playwright-core's is the same object.
  const result = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 90)} ${n.any[0]?.message ?? ''}`.trim())
          .slice(0, 5)
          .join(' | ')}`,
    );
}

describe('accessibility of the main pages (axe-core, Chromium)', () => {
  const browser = useBrowser();
  beforeAll(async () => {
    await browser.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('login, 工作台, 我的填报, the fill page and the review page have no serious or critical violations', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('用户名').waitFor();
    const found: Record<string, string[]> = { login: await seriousViolations(page) };

    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/`);
    await page.getByText('退出').waitFor();
    await page.waitForLoadState('networkidle');
    found.dashboard = await seriousViolations(page);

    const id = await createFromExample(page, baseUrl);
    await page.locator('#root_projectName').waitFor();
    found.fill = await seriousViolations(page);
    await submitAndExpectInReview(page);

    await login(page, baseUrl, 'jtjld');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    await page.locator('.decision-panel').waitFor();
    found.review = await seriousViolations(page);
    await decide(page, '退回', '请补充测算依据。');

    // 我的填报 with a returned item on it, so the warning-coloured status tag is always checked.
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions`);
    await page.getByRole('table').first().waitFor();
    await page.locator('.ant-tag-warning').first().waitFor();
    await page.waitForLoadState('networkidle');
    found.mySubmissions = await seriousViolations(page);

    expect(found).toEqual({ login: [], dashboard: [], fill: [], mySubmissions: [], review: [] });
  }, 300_000);

  it('follows the system’s request for less motion: a dialog zooms in without it and appears at once with it', async () => {
    const { page } = browser;
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/new`);
    await page.evaluate(() => {
      const started: string[] = [];
      (window as unknown as { started: string[] }).started = started;
      document.addEventListener('animationstart', (e) => started.push(e.animationName), true);
    });
    const zooms = () =>
      page.evaluate(() => (window as unknown as { started: string[] }).started.filter((n) => /zoom/i.test(n)));
    const openAndClose = async () => {
      await page.locator('[data-form-id="project-target"]').getByRole('button', { name: '从示例填充' }).click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '农村公路日常养护项目' });
      await dialog.waitFor();
      await afterMotion(dialog);
      const running = await dialog.evaluate((el) => el.getAnimations({ subtree: true }).length);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      return running;
    };

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openAndClose();
    expect((await zooms()).length, 'the dialog zooms in for everyone else').toBeGreaterThan(0);

    // The setting changed while the page is open: the app follows it without a reload.
    await page.evaluate(() => {
      (window as unknown as { started: string[] }).started.length = 0;
    });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await openAndClose()).toBe(0);
    expect(await zooms()).toEqual([]);
  }, 120_000);

  it('a blank form is reached and worked with the keyboard alone; the problem list moves the focus to the field', async () => {
    const { page } = browser;
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/new`);
    const start = page.locator('[data-form-id="dept-target"]').getByRole('button', { name: '新建空白填报' });
    await start.waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || '');
    // Tab to the card's button and press Enter.
    for (let i = 0; i < 60 && !(await start.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await onFillPage(page);
    await page.locator('#root_fiscalYear').waitFor();

    // Tab into the first field and type; Tab on to the next ones.
    for (let i = 0; i < 40 && (await focused()) !== 'root_fiscalYear'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('root_fiscalYear');
    await page.keyboard.type('2026');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('root_dept_code');
    await page.keyboard.type('360722101');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('root_dept_name');
    await page.keyboard.type('信丰县交通运输局');

    // 提交 by keyboard: the problem list appears; Enter on an entry puts the focus into that field.
    const submit = page.getByRole('button', { name: '提交', exact: true });
    await submit.focus();
    await page.keyboard.press('Enter');
    const entry = page.locator('.error-summary').getByRole('button', { name: /^单位负责人：必填/ });
    await entry.waitFor();
    await entry.focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('root_unitLeader');
    await page.keyboard.type('王建国');
    await expect
      .poll(() =>
        page
          .locator('.error-summary')
          .getByRole('button', { name: /^单位负责人：/ })
          .count(),
      )
      .toBe(0);
  }, 300_000);
});
