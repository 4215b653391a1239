import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SCREENSHOTS as SHOTS } from './blank-form';
import { ARTIFACTS, apiClient, login, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PROJECT = '2025年信丰县农村公路日常养护项目（手机审核）';
const REVISED_GOAL = '2025年完成1850公里农村公路日常养护和6座危桥改造，优良中等路率不低于86%。';
const OPINION = '年度目标已按要求修改，同意报绩效评价服务股复核。';

const client = (username: string) => apiClient(baseUrl, username);

type Data = Record<string, unknown> & { goals: Record<string, unknown> };
interface Sub {
  id: string;
  version: number;
  status: string;
  data: Data;
  openSteps: { stepId: string }[];
}

/** A project target submitted, returned once by 业务股室, revised and resubmitted: 业务股室 审核 is open again. */
async function submittedProjectTarget(): Promise<string> {
  const filler = await client('jtj');
  const leader = await client('jtjld');
  const section = await client('jjs');
  const form = await filler<{ examples: { title: string; valid?: boolean; data: Data }[] }>(
    'GET',
    '/api/forms/project-target',
  );
  const example =
    form.examples.find((e) => e.valid !== false && e.title.includes('农村公路日常养护')) ?? form.examples[0];
  const created = await filler<Sub>('POST', '/api/submissions', {
    formId: 'project-target',
    data: { ...example.data, projectName: PROJECT },
  });
  const id = encodeURIComponent(created.id);
  await filler('POST', `/api/submissions/${id}/submit`);
  await leader('POST', `/api/submissions/${id}/decisions`, {
    stepId: 'leaderSignoff',
    action: 'approve',
    comment: '同意报送。',
  });
  await section('POST', `/api/submissions/${id}/decisions`, {
    stepId: 'bizReview',
    action: 'return',
    comment: '年度目标请写明优良中等路率的具体数值。',
  });
  const returned = await filler<Sub>('GET', `/api/submissions/${id}`);
  const data = { ...returned.data, goals: { ...returned.data.goals, annualGoal: REVISED_GOAL } };
  const saved = await filler<Sub>('PUT', `/api/submissions/${id}`, { data, version: returned.version });
  await filler('POST', `/api/submissions/${id}/submit`, { version: saved.version });
  await leader('POST', `/api/submissions/${id}/decisions`, {
    stepId: 'leaderSignoff',
    action: 'approve',
    comment: '同意。',
  });
  const ready = await filler<Sub>('GET', `/api/submissions/${id}`);
  expect(ready.openSteps.map((s) => s.stepId)).toEqual(['bizReview']);
  return created.id;
}

async function noSideScroll(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
}

describe('reviewing as a document, on a desktop and on a phone', () => {
  let id: string;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    id = await submittedProjectTarget();
  });
  const browser = useBrowser({ timeoutMs: 20_000 });

  it('shows the submission at 1440 px as a document with the decision panel and the changes beside it', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jjs');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    const doc = page.locator('.doc-view');
    // The first visit loads the review chunks from a cold server.
    await doc.waitFor({ timeout: 60_000 });
    expect(await doc.locator('input, textarea, select').count()).toBe(0);
    expect(await doc.locator('table[data-path="/annualIndicators"] tbody tr').count()).toBeGreaterThan(3);
    const side = page.locator('.review-side');
    expect(await side.locator('.decision-panel').count()).toBe(1);
    expect(await side.locator('.review-diff').textContent()).toContain(REVISED_GOAL);
    expect(await page.locator('.ant-layout-sider').count()).toBe(1);
    expect(await page.getByTestId('current-user').textContent()).toBe('李明 · 经济建设股 · 审核人');
    await page.screenshot({ path: join(SHOTS, 'review-desktop-1440.png') });
    // A small laptop keeps the decision column beside the document, without sideways scrolling.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator('.review-side .decision-panel').waitFor();
    const laptop = await noSideScroll(page);
    expect(laptop.scrollWidth).toBeLessThanOrEqual(laptop.innerWidth);
    // A tablet docks the decision panel at the bottom like a phone.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.locator('.review-dock').waitFor();
    const tablet = await noSideScroll(page);
    expect(tablet.scrollWidth).toBeLessThanOrEqual(tablet.innerWidth);
    await page.screenshot({ path: join(ARTIFACTS, 'review-tablet-768.png') });
  });

  it('lets the reviewer approve from a 390 px phone without sideways scrolling', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    await page.locator('.doc-view').waitFor();
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    const width = await noSideScroll(page);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth);
    // Wide tables scroll inside their own box.
    const box = page.locator('.doc-table-scroll').first();
    expect(await box.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
    await page.screenshot({ path: join(SHOTS, 'review-phone-390.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'review-phone-390-full.png'), fullPage: true });

    // The menu is behind ☰.
    await page.getByRole('button', { name: '菜单' }).click();
    const menu = page.locator('.app-menu-drawer');
    await menu.getByRole('menuitem', { name: '待办' }).waitFor();
    expect(await menu.getByTestId('current-user').textContent()).toContain('经济建设股');
    await page.screenshot({ path: join(SHOTS, 'menu-phone-390.png') });
    await page.keyboard.press('Escape');
    await menu.getByRole('menuitem', { name: '待办' }).waitFor({ state: 'hidden' });

    // The decision bar stays on screen at the bottom, also after scrolling to the end of the document.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const dock = page.locator('.review-dock');
    const dockBox = await dock.boundingBox();
    expect(dockBox).not.toBeNull();
    expect((dockBox?.y ?? 0) + (dockBox?.height ?? 0)).toBeLessThanOrEqual(844);
    await dock.getByRole('button', { name: '审核办理' }).click();
    const panel = page.locator('.review-dock-drawer .decision-panel');
    await panel.waitFor();
    await panel.getByLabel('审核意见').fill(OPINION);
    await page.screenshot({ path: join(SHOTS, 'decision-phone-390.png') });
    await panel.getByRole('button', { name: '通过', exact: true }).click();
    const confirm = page.locator('.ant-modal').filter({ hasText: '确认通过？' });
    await confirm.getByRole('button', { name: '确定' }).click();
    await page.getByText('已办理').first().waitFor();

    // The approval is in the history, on screen and in the API.
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    const record = page.locator('.history-timeline');
    await record.waitFor();
    expect(await record.textContent()).toContain(OPINION);
    const after = await noSideScroll(page);
    expect(after.scrollWidth).toBeLessThanOrEqual(after.innerWidth);
    const filler = await client('jtj');
    const history = await filler<{
      items: { type: string; stepId?: string; comment?: string; actor?: { id: string } }[];
    }>('GET', `/api/submissions/${encodeURIComponent(id)}/history`);
    const approval = history.items.find((h) => h.type === 'approved' && h.stepId === 'bizReview');
    expect(approval?.comment).toBe(OPINION);
    const state = await filler<Sub>('GET', `/api/submissions/${encodeURIComponent(id)}`);
    expect(state.openSteps.map((s) => s.stepId)).toEqual(['perfReview']);
    expect(browser.dialogs).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });

  it('prints the A4 form with the review and approval fields and every decision of the chain', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 820, height: 1160 });
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}/print`);
    const sheet = page.locator('.print-page');
    await sheet.locator('.print-opinions').waitFor();
    const text = (await sheet.textContent()) ?? '';
    for (const label of ['批复文号', '批复日期', '审核等级', '指标内容（指标解释）', '审核意见'])
      expect(text).toContain(label);
    const opinions = sheet.locator('.print-opinions tbody tr');
    const rows = await opinions.allTextContents();
    // submitted, approved, returned, resubmitted, approved, approved (the phone)
    expect(rows.length).toBe(6);
    expect(rows[5]).toContain('业务股室审核');
    expect(rows[5]).toContain('经济建设股');
    expect(rows[5]).toContain('李明');
    expect(rows[5]).toContain(OPINION);
    expect(await sheet.locator('input, textarea, select').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'print-a4.png') });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: join(SHOTS, 'print-a4-opinions.png') });
    await page.emulateMedia({ media: 'screen' });
  });
});
