import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, apiClient, decide, login, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const NAME_COMMENT = '项目名称应与预算批复一致，请补全年度。';
const ROW_COMMENT = '养护里程目标值偏低，请按年度计划调整。';

const client = (username: string) => apiClient(baseUrl, username);

/** A project target signed off by its 负责人, waiting at 经济建设股 (setup through the API). */
async function atSection(): Promise<string> {
  const filler = await client('jtj');
  const leader = await client('jtjld');
  const form = await filler<{ examples: { title: string; valid?: boolean; data: Record<string, unknown> }[] }>(
    'GET',
    '/api/forms/project-target',
  );
  const example =
    form.examples.find((e) => e.valid !== false && e.title.includes('农村公路日常养护')) ?? form.examples[0];
  const created = await filler<{ id: string }>('POST', '/api/submissions', {
    formId: 'project-target',
    data: { ...example.data, projectName: '农村公路日常养护项目（字段批注）' },
  });
  const id = encodeURIComponent(created.id);
  await filler('POST', `/api/submissions/${id}/submit`);
  await leader('POST', `/api/submissions/${id}/decisions`, {
    stepId: 'leaderSignoff',
    action: 'approve',
    comment: '同意。',
  });
  return created.id;
}

const sideScroll = (page: Page) =>
  page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

/** The note sits inside the field's own block, on screen, not wider than the viewport. */
async function expectBeside(page: Page, field: string, text: string) {
  const note = page.locator(`[data-field="${field}"] .field-comment-note`).first();
  await note.scrollIntoViewIfNeeded();
  expect(await note.textContent()).toContain(text);
  const [box, fieldBox] = [
    await note.boundingBox(),
    await page.locator(`[data-field="${field}"]`).first().boundingBox(),
  ];
  const width = page.viewportSize()?.width ?? 0;
  expect(box && fieldBox).toBeTruthy();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
  expect(box?.y ?? 0).toBeGreaterThanOrEqual(fieldBox?.y ?? 0);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual((fieldBox?.y ?? 0) + (fieldBox?.height ?? 0));
}

describe('field comments: a reviewer pins comments when returning, the unit sees them beside the fields', () => {
  let id: string;
  beforeAll(async () => {
    id = await atSection();
  });
  const browser = useBrowser({ timeoutMs: 20_000 });

  it('the reviewer comments on a field and an indicator row and returns (1440 px)', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jjs');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    await page.locator('.doc-view').waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: '批注：项目名称' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '批注：项目名称' });
    await modal.getByLabel('批注内容').fill(NAME_COMMENT);
    await modal.getByRole('button', { name: '添加批注' }).click();
    await modal.waitFor({ state: 'hidden' });

    await page.locator('table[data-path="/annualIndicators"] tbody tr').first().locator('.doc-comment-btn').click();
    const rowModal = page.locator('.ant-modal').filter({ hasText: '年度绩效指标 第1行' });
    await rowModal.getByLabel('批注内容').fill(ROW_COMMENT);
    await rowModal.getByRole('button', { name: '添加批注' }).click();
    await rowModal.waitFor({ state: 'hidden' });

    const pinned = page.locator('.pinned-comments');
    expect(await pinned.textContent()).toContain('字段批注（2，随退回发送）');
    expect(await pinned.textContent()).toContain(NAME_COMMENT);
    await page.screenshot({ path: join(ARTIFACTS, 'field-comments-reviewer-1440.png') });
    await decide(page, '退回', '请按字段批注修改。');

    const history = await (await client('jtj'))<{ items: { type: string; fieldComments: unknown }[] }>(
      'GET',
      `/api/submissions/${encodeURIComponent(id)}/history`,
    );
    const returned = history.items.find((h) => h.type === 'returned');
    expect(returned?.fieldComments).toEqual([
      { path: '/projectName', comment: NAME_COMMENT },
      { path: '/annualIndicators', rowId: 'T1', comment: ROW_COMMENT },
    ]);
  });

  it('the unit sees a summary and each comment beside its field at 1440 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}`);
    const summary = page.locator('.field-comments-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toContain('审核人对 2 处内容作了批注');
    expect(await summary.textContent()).toContain(`项目名称：${NAME_COMMENT}`);
    expect(await summary.textContent()).toContain(`年度绩效指标 · 第1行：${ROW_COMMENT}`);
    await expectBeside(page, 'root_projectName', NAME_COMMENT);
    await expectBeside(page, 'root_annualIndicators', `第1行：${ROW_COMMENT}`);
    await page.locator('[data-field="root_projectName"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'field-comments-unit-1440.png') });
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
  });

  it('and at 390 px, where the summary link brings the field into view', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}`);
    const summary = page.locator('.field-comments-summary');
    await summary.waitFor();
    await expectBeside(page, 'root_projectName', NAME_COMMENT);
    await expectBeside(page, 'root_annualIndicators', ROW_COMMENT);
    await page.evaluate(() => window.scrollTo(0, 0));
    await summary.getByRole('button', { name: '年度绩效指标 · 第1行' }).click();
    const table = page.locator('[data-field="root_annualIndicators"]');
    await expect
      .poll(async () => table.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight))
      .toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'field-comments-unit-390.png') });
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    expect(browser.dialogs).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
