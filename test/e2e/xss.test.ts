import { describe, expect, inject, it } from 'vitest';
import { createFromExample, decide, login, screenshotter, submitForm, useBrowser, waitSaved } from './browser';

const baseUrl = inject('baseUrl');
const shot = screenshotter(50);
const PAYLOAD = '<img src=x onerror=alert(1)>';
const OPINION = '意见<script>alert(2)</script>';

describe('user text is always text', () => {
  const browser = useBrowser({ timeoutMs: 20_000 });

  it('shows markup typed into a form as literal text in review, timeline and print, and runs nothing', async () => {
    const { page } = browser;
    await login(page, baseUrl, 'jtj');
    const id = await createFromExample(page, baseUrl);
    await page.locator('#root_projectName').fill(`XSS测试${PAYLOAD}`);
    await page.locator('#root_goals_annualGoal').fill(`年度目标${PAYLOAD}`);
    await waitSaved(page);
    await submitForm(page);
    await shot(page, 'xss-submitted');

    await login(page, baseUrl, 'jtjld');
    await page.goto(`${baseUrl}/tasks`);
    await page.getByText(`XSS测试${PAYLOAD}`).first().waitFor();
    await shot(page, 'xss-inbox');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    await page.locator('.decision-panel').waitFor();
    expect(await page.locator('.review-page').textContent()).toContain(`XSS测试${PAYLOAD}`);
    expect(await page.locator('.doc-view').textContent()).toContain(`年度目标${PAYLOAD}`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await shot(page, 'xss-review');
    await decide(page, '退回', OPINION);

    // The opinion (with markup) in the timeline of the filler's page and in the print view.
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}`);
    await page.locator('.return-opinion').waitFor();
    expect(await page.locator('.return-opinion').textContent()).toContain(OPINION);
    expect(await page.locator('.chain-timeline').textContent()).toContain(OPINION);
    expect(await page.locator('.history-timeline').textContent()).toContain(OPINION);
    await shot(page, 'xss-timeline');

    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}/print`);
    await page.locator('.print-table').first().waitFor();
    const printed = (await page.locator('.print-page').textContent()) ?? '';
    expect(printed).toContain(`XSS测试${PAYLOAD}`);
    expect(printed).toContain(`年度目标${PAYLOAD}`);
    expect(printed).toContain(OPINION);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('.print-page script').count()).toBe(0);
    await shot(page, 'xss-print');

    await page.waitForTimeout(300);
    expect(browser.dialogs).toEqual([]);
  });
});
