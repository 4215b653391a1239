import { describe, expect, inject, it } from 'vitest';
import { docShot, startBlank, submitAndExpectInReview } from './blank-form';
import { typeExAnte } from './blank-journeys';
import { login, useBrowser } from './browser';

const baseUrl = inject('baseUrl');

describe('blank ex-ante report typed in the browser', () => {
  const browser = useBrowser();

  it('事前绩效评估报告 at 1440 px: the five scored dimensions are there, typed in and submitted', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    await startBlank(page, baseUrl, 'ex-ante-assessment');
    // The score sheet of a blank report already names its five dimensions (a clerk cannot choose them).
    for (const i of [0, 1, 2, 3, 4]) await page.locator(`#root_scoreSheet_${i}_unitScore`).waitFor();
    await typeExAnte(page);
    await docShot(page, 'blank-ex-ante-typed');
    await submitAndExpectInReview(page);
    await docShot(page, 'blank-ex-ante-submitted');
    expect(browser.dialogs).toEqual([]);
  }, 420_000);
});
