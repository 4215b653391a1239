import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SCREENSHOTS } from './blank-form';
import { login, onFillPage, useBrowser } from './browser';

/** Issue "A clerk's day" items 5 and 6 in the browser: search and filters, cards at 390 px, 指标库, deleting a draft. */
const baseUrl = inject('baseUrl');
const POLL = { timeout: 20_000 };
const tag = `E2E${Date.now().toString(36).slice(-5)}`;

async function post(path: string, body: unknown, username = 'jtj') {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };
  const r = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return (await r.json()) as { id: string };
}

const example = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', '..', 'forms/project-target/examples/valid-rural-road-maintenance.json'),
    'utf8',
  ),
).data;

/** Rows of the list as shown (table rows at 1440 px). */
const rowTitles = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allTextContents();

describe('lists people can work with', () => {
  const browser = useBrowser({ timeoutMs: 20_000 });
  let bridge: string;
  beforeAll(async () => {
    bridge = (
      await post('/api/submissions', { formId: 'project-target', data: { ...example, projectName: `危桥改造${tag}` } })
    ).id;
    await post('/api/submissions', { formId: 'project-target', data: { ...example, projectName: `渡口安全${tag}` } });
    const submitted = await post('/api/submissions', {
      formId: 'project-target',
      data: { ...example, projectName: `公路养护${tag}` },
    });
    await post(`/api/submissions/${submitted.id}/submit`, {});
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  it('searches by keyword and filters by status and step in 我的填报 at 1440 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions`);
    const search = page.getByLabel('关键词搜索');
    await search.fill(tag);
    await search.press('Enter');
    await expect.poll(() => rowTitles(page), POLL).toHaveLength(3);
    expect(new URL(page.url()).searchParams.get('q')).toBe(tag);

    await page.getByLabel('按状态筛选').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('审核中').click();
    await expect.poll(() => rowTitles(page), POLL).toEqual([`公路养护${tag}`]);
    // 当前环节 names the step, not a unit.
    const stepCell = page.locator('.ant-table-tbody tr.ant-table-row td').nth(4);
    expect(await stepCell.textContent()).toBe('单位负责人审核签发');

    await page.getByLabel('按状态筛选').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('草稿').click();
    await expect
      .poll(async () => (await rowTitles(page)).sort(), POLL)
      .toEqual([`危桥改造${tag}`, `渡口安全${tag}`].sort());
    await search.fill('危桥');
    await search.press('Enter');
    await expect.poll(() => rowTitles(page), POLL).toEqual([`危桥改造${tag}`]);
    await page.screenshot({ path: join(SCREENSHOTS, 'lists-search-1440.png') });
    expect(bridge).toBeTruthy();
  });

  it('deletes a draft after confirmation', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/submissions?q=${encodeURIComponent(`渡口安全${tag}`)}`);
    await expect.poll(() => rowTitles(page), POLL).toEqual([`渡口安全${tag}`]);
    await page.locator('.ant-table-tbody').getByRole('button', { name: '删除' }).click();
    const confirm = page.locator('.ant-popover:visible').filter({ hasText: '删除这份草稿？' });
    await confirm.waitFor();
    // Cancelling keeps it.
    await confirm.getByRole('button', { name: '取消' }).click();
    expect(await rowTitles(page)).toEqual([`渡口安全${tag}`]);
    await page.locator('.ant-table-tbody').getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '删除' }).click();
    await page.getByText('草稿已删除').waitFor();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), POLL).toBe(0);
  });

  it('renders the list as cards at 390 px without horizontal scrolling', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/submissions?q=${tag}`);
    const cards = page.getByTestId('list-cards').locator('.ant-card');
    await expect.poll(() => cards.count(), POLL).toBe(2);
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(await cards.first().textContent()).toContain('当前环节');
    const overflow = await page.evaluate(() => ({
      scroll: document.scrollingElement?.scrollWidth ?? 0,
      inner: window.innerWidth,
    }));
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.inner);
    await page.screenshot({ path: join(SCREENSHOTS, 'lists-cards-390.png') });
  });

  it('picks an indicator from the 指标库 in a blank project target', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${baseUrl}/submissions/new`);
    await page.locator('[data-form-id="project-target"]').getByRole('button', { name: '新建空白填报' }).click();
    await onFillPage(page);
    const table = page.locator('.indicator-table').last();
    await table.getByRole('button', { name: '添加指标' }).click();
    await table.getByLabel('第1行 从指标库选择').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByLabel('按名称搜索指标').fill('日常养护里程');
    await dialog.getByRole('button', { name: '选用 农村公路日常养护里程' }).click();
    await expect.poll(() => table.getByLabel('第1行 三级指标').inputValue(), POLL).toBe('农村公路日常养护里程');
    expect(await table.getByLabel('第1行 计量单位').inputValue()).toBe('公里');
    expect(
      await table
        .getByLabel('第1行 计算符号')
        .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')
        .textContent(),
    ).toContain('≥');
    // Free text stays possible.
    await table.getByLabel('第1行 三级指标').fill('农村公路日常养护里程（含村道）');
    expect(await table.getByLabel('第1行 三级指标').inputValue()).toBe('农村公路日常养护里程（含村道）');
  });
});
