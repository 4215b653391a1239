import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { date, submitAndExpectInReview, type } from './blank-form';
import { apiClient, decide, login, useBrowser, waitSaved } from './browser';

/**
 * 上级转移支付自评 (规程第二十四条) in the browser: the clerk marks a self-evaluation as 上级转移支付自评 and
 * submits it; after the 业务股室's review, the unit's leader records on a phone to whom and when it was reported,
 * and 绩效评价服务股 receives the final result. The 第二十五条 steps (抽查复核, 结果应用) never open.
 */
const baseUrl = inject('baseUrl');
const example = JSON.parse(readFileSync('forms/project-self-eval/examples/valid-rural-road-maintenance.json', 'utf8'))
  .data as Record<string, unknown>;

describe('上级转移支付自评 (第二十四条) in the browser', () => {
  let id = '';
  const project = `2025年信丰县农村公路日常养护项目（上级转移支付${Date.now().toString(36)}）`;
  beforeAll(async () => {
    const created = await (await apiClient(baseUrl, 'jtj'))<{ id: string }>('POST', '/api/submissions', {
      formId: 'project-self-eval',
      data: { ...example, projectName: project, evaluationKind: 'unitSelf' },
    });
    id = created.id;
  }, 120_000);
  const browser = useBrowser();

  it('1440 px: the clerk chooses 上级转移支付自评 and submits', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}`);
    await page.getByTestId('save-status').waitFor();
    const kind = page.locator('[data-field="root_evaluationKind"]');
    await kind.getByText('上级转移支付自评', { exact: true }).click();
    await expect.poll(() => kind.getByRole('radio', { name: '上级转移支付自评' }).isChecked()).toBe(true);
    await date(page.locator('#root_upperNoticeDeadline'), '2026-04-15');
    await waitSaved(page);
    await submitAndExpectInReview(page);

    const jtj = await apiClient(baseUrl, 'jtj');
    const saved = await jtj<{ data: { evaluationKind: string; upperNoticeDeadline: string } }>(
      'GET',
      `/api/submissions/${encodeURIComponent(id)}`,
    );
    expect(saved.data).toMatchObject({ evaluationKind: 'upperTransferSelf', upperNoticeDeadline: '2026-04-15' });
  }, 300_000);

  it('390 px: after the 业务股室, the unit leader records the report to the upper level; 绩效评价服务股 gets the result', async () => {
    const path = `/api/submissions/${encodeURIComponent(id)}`;
    await (await apiClient(baseUrl, 'jtjld'))('POST', `${path}/decisions`, {
      stepId: 'leaderSignoff',
      action: 'approve',
    });
    await (await apiClient(baseUrl, 'jjs'))('POST', `${path}/decisions`, {
      stepId: 'bizPrelimReview',
      action: 'approve',
    });

    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, baseUrl, 'jtjld');
    await page.goto(`${baseUrl}/tasks`);
    const task = page.getByText(project).first();
    await task.waitFor();
    await task.click();
    await page.waitForURL(/\/review\//);
    await page.locator('.doc-view').waitFor();
    await page.locator('.review-dock').getByRole('button', { name: '审核办理' }).click();
    const panel = page.locator('.review-dock-drawer .decision-panel');
    expect(await panel.textContent()).toContain('单位报送上级部门');

    // 通过 without saying to whom and when is refused at the fields, and nothing is sent.
    await panel.getByRole('button', { name: '通过', exact: true }).click();
    await panel.locator('.ant-form-item-explain-error').first().waitFor();
    expect(await page.locator('.ant-modal').filter({ hasText: '确认通过？' }).count()).toBe(0);

    await type(panel.getByLabel('报送的上级部门'), '赣州市财政局');
    await date(panel.getByLabel('报送日期'), '2026-04-10');
    await type(panel.getByLabel('报送文号'), '信交字〔2026〕12号');
    await decide(page, '通过', '已按上级要求报送。');
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll).toBeLessThanOrEqual(inner);

    const jtj = await apiClient(baseUrl, 'jtj');
    const done = await jtj<{ status: string }>('GET', path);
    expect(done.status).toBe('approved');
    const history = await jtj<{ items: { stepId?: string; fields?: Record<string, unknown> }[] }>(
      'GET',
      `${path}/history`,
    );
    const report = history.items.find((e) => e.stepId === 'upperReport');
    expect(report?.fields).toMatchObject({ upperDepartment: '赣州市财政局', reportedOn: '2026-04-10' });
    const steps = history.items.map((e) => e.stepId);
    expect(steps).not.toContain('spotCheck');
    expect(steps).not.toContain('resultApplication');

    const jxpj = await apiClient(baseUrl, 'jxpj');
    const notes = await jxpj<{ items: { link?: string; title: string }[] }>('GET', '/api/notifications?limit=100');
    expect(notes.items.find((n) => n.link === `/review/${id}`)?.title).toContain('同步报送');
  }, 300_000);
});
