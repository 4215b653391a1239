import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { afterMotion, onFillPage, seen, watchingApi } from './browser';

/** Helpers for typing a blank form the way a clerk does: into the visible fields, by their labels. */

/**
 * Where the journeys' screenshots go: docs/screenshots (the README's pictures) only when
 * UPDATE_SCREENSHOTS=1, otherwise test-artifacts/e2e/screenshots, so a test run leaves the
 * committed pictures alone.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
  : join(import.meta.dirname, '..', '..', 'test-artifacts', 'e2e', 'screenshots');

/** Saves <SCREENSHOTS>/<name>.png (viewport only, to keep the committed files small). */
export async function docShot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Opens 新建填报 and starts a blank form; returns the submission id. */
export async function startBlank(page: Page, baseUrl: string, formId: string): Promise<string> {
  await page.goto(`${baseUrl}/submissions/new`);
  await page.locator(`[data-form-id="${formId}"]`).getByRole('button', { name: '新建空白填报' }).click();
  return onFillPage(page);
}

/** Types into an input or textarea (clearing it first), as a person does. */
export async function type(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  // Long passages arrive as one input (as a paste would); short values key by key.
  if (text.length > 16) await field.fill(text);
  else await field.pressSequentially(text);
}

/** A select with search (rjsf select): type a few characters, take the highlighted option with Enter. */
export async function choose(page: Page, field: Locator, label: string): Promise<void> {
  await field.click();
  await field.pressSequentially(label, { delay: 5 });
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(label, { exact: true })
    .waitFor();
  await field.press('Enter');
}

/** A select without search (indicator-table cells): open it and click the option. */
export async function pick(page: Page, field: Locator, label: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(label, { exact: true });
  for (let attempt = 0; ; attempt++) {
    if (!(await option.isVisible())) await field.click();
    await option.click();
    try {
      await option.waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (error) {
      // A click that lands while the list is still moving into place does not count: try again.
      if (attempt >= 2) throw error;
    }
  }
}

/** A date picker: type the date and confirm with Enter. */
export async function date(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.pressSequentially(value, { delay: 5 });
  await field.press('Enter');
  await field.press('Tab');
  if ((await field.inputValue()) !== value) throw new Error(`日期未填上：${value}`);
  // On a busy machine the picker may keep the text without handing it to the form: say it again once.
  await page(field).waitForTimeout(300);
  if ((await field.inputValue()) !== value) {
    await field.click();
    await field.press('ControlOrMeta+a');
    await field.pressSequentially(value);
    await field.press('Enter');
    await field.press('Tab');
  }
}

function page(field: Locator): Page {
  return field.page();
}

export interface IndicatorInput {
  level1: string;
  level2: string;
  name: string;
  operator: string;
  value: string;
  unit?: string;
}

/** Fills row `n` (1-based) of the indicator table inside `table`, adding the row first when it is not there. */
export async function indicatorRow(page: Page, table: Locator, n: number, row: IndicatorInput): Promise<void> {
  const cell = (what: string) => table.getByLabel(`第${n}行 ${what}`, { exact: true });
  if ((await cell('一级指标').count()) === 0) await table.getByRole('button', { name: '添加指标' }).click();
  await pick(page, cell('一级指标'), row.level1);
  await pick(page, cell('二级指标'), row.level2);
  await type(cell('三级指标'), row.name);
  await pick(page, cell('计算符号'), row.operator);
  if (row.operator === '定性') await type(cell('定性指标值'), row.value);
  else {
    await type(cell('指标值'), row.value);
    await type(cell('计量单位'), row.unit ?? '');
  }
}

/**
 * Clicks 提交, expects no problem list (not even one shown for a moment and removed again), confirms, and waits
 * for 审核中. A refusal (the error toast) fails with the problems the page lists.
 */
export async function submitAndExpectInReview(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Watch = { lists: string[]; toasts: string[]; observer?: MutationObserver };
    const w = window as unknown as { __submitWatch?: Watch };
    w.__submitWatch?.observer?.disconnect();
    const watch: Watch = { lists: [], toasts: [] };
    w.__submitWatch = watch;
    // A list already on screen from an earlier refusal may stay until the new check answers.
    const listBefore = document.querySelector('.error-summary') !== null;
    watch.observer = new MutationObserver((records) => {
      const shown = document.querySelector('.error-summary');
      if (shown && !listBefore) watch.lists.push(shown.textContent ?? '');
      for (const r of records)
        for (const node of r.addedNodes) {
          const toast = node instanceof Element ? node.querySelector('.ant-message-error') : null;
          if (toast) watch.toasts.push(toast.textContent ?? '');
        }
    });
    watch.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const watched = () =>
    page.evaluate(() => {
      const w = (window as unknown as { __submitWatch: { lists: string[]; toasts: string[] } }).__submitWatch;
      return { lists: w.lists, toasts: w.toasts };
    });
  await page
    .getByRole('button', { name: '提交', exact: true })
    .click()
    .catch(async (e) => {
      // Say what the page offered instead (e.g. a button still loading, or a dialog in front).
      const buttons = await page.locator('button:visible').allInnerTexts();
      throw new Error(`找不到可点的「提交」：页面上的按钮为 ${JSON.stringify(buttons)}`, { cause: e });
    });
  const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '确认提交？' });
  await expect
    .poll(async () => (await confirm.isVisible()) || (await watched()).toasts.length > 0, { timeout: 60_000 })
    .toBe(true);
  const { lists, toasts } = await watched();
  await page.evaluate(() =>
    (window as unknown as { __submitWatch: { observer: MutationObserver } }).__submitWatch.observer.disconnect(),
  );
  if (toasts.length) {
    const listed = await page
      .locator('.error-summary')
      .textContent({ timeout: 2_000 })
      .catch(() => '');
    throw new Error(`提交被拒：${toasts.join('；')} ${listed}`);
  }
  expect(lists, 'a problem list flashed up although the data was valid').toEqual([]);
  // Every request the submit makes, with its answer (or none): said when 审核中 does not come.
  await watchingApi(page, '提交后未见「审核中」', async () => {
    await afterMotion(confirm);
    await confirm.getByRole('button', { name: '提交' }).click();
    await page
      .getByTestId('submission-status')
      .filter({ hasText: '审核中' })
      .waitFor()
      .catch(async (e) => {
        throw new Error(
          `状态 ${await seen(page, '[data-testid="submission-status"]')}；确认框 ${(await confirm.isVisible()) ? '仍在' : '已关'}；提示 ${await seen(page, '.ant-message-notice')}；问题列表 ${await seen(page, '.error-summary')}`,
          { cause: e },
        );
      });
  });
}
