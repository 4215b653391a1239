import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, apiAs, decide, login, onFillPage, pickOption, submitForm, useBrowser, waitSaved } from './browser';

const baseUrl = inject('baseUrl');

/** test-artifacts/e2e/admin-NN.png, numbered in the order of the scenario. */
function adminShots() {
  mkdirSync(ARTIFACTS, { recursive: true });
  let n = 1;
  return (page: Page) =>
    page.screenshot({ path: join(ARTIFACTS, `admin-${String(n++).padStart(2, '0')}.png`), fullPage: false });
}
const shot = adminShots();

/** Picks `option` in the first antd Select inside `within`. */
const pick = (within: Locator, option: string) => pickOption(within.locator('.ant-select').first(), option);

const CHAIN_ID = 'monitor-chain';
const FORM_ID = 'project-monitor';

describe('admin builds a form and its review chain without code', () => {
  const browser = useBrowser({ timeoutMs: 20_000 });

  it('designs 项目支出绩效运行监控表 and a two-step chain (第二十一条), publishes them, and a department runs it to 已通过', async () => {
    const { page } = browser;
    const where: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text()))
        where.push(`${page.url()} ${m.location().url}:${m.location().lineNumber}`);
    });

    // 1. The chain designer: 业务股室 审核 → 绩效评价服务股 汇总, both 第二十一条.
    await login(page, baseUrl, 'admin');
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.waitForURL(/\/admin\/forms/);
    await page.goto(`${baseUrl}/admin/chains/new`);
    await page.getByLabel('审核链编号').fill(CHAIN_ID);
    await page.getByLabel('审核链名称').fill('项目支出绩效运行监控审核');
    const step1 = page.getByTestId('step-card').nth(0);
    await step1.getByLabel('步骤名称').fill('业务股室审核');
    await step1.locator('[data-testid=step-basis] input').fill('第二十一条');
    await step1.getByLabel('办理期限').fill('10');
    // 转交 only to 教科文股 (a misrouted 归口 goes there, nowhere else).
    await step1.getByTestId('step-transfer').getByText('只能转交给指定单位').click();
    await step1.getByTestId('transfer-units').locator('.ant-select').click();
    await page.keyboard.type('教科文股'); // the option list is virtual: search first
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '教科文股' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '添加步骤' }).click();
    const step2 = page.getByTestId('step-card').nth(1);
    await step2.getByLabel('步骤名称').fill('绩效评价服务股汇总');
    await step2.locator('[data-testid=step-basis] input').fill('第二十一条');
    await pick(step2.getByTestId('assignee-type'), '指定单位');
    await pick(step2.getByTestId('assignee-unit'), '绩效评价服务股');
    const diagram = page.getByTestId('chain-diagram');
    expect(await diagram.textContent()).toContain('归口业务股室');
    expect(await diagram.textContent()).toContain('绩效评价服务股');
    await shot(page);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByTestId('chain-saved').filter({ hasText: '已保存第 1 版' }).waitFor();
    await shot(page);
    const asAdmin = await apiAs(baseUrl, 'admin');
    const savedChain = await asAdmin<{ items: { steps: { transferTo?: string[] }[] }[] }>(
      `/api/admin/chains/${CHAIN_ID}/versions`,
    );
    expect(savedChain.items[0].steps.map((st) => st.transferTo)).toEqual([['kjw'], undefined]);

    // 2. The form designer: four fields, one computed, a live preview.
    await page.goto(`${baseUrl}/admin/forms/new`);
    await page.getByLabel('表单编号').fill(FORM_ID);
    await page.getByLabel('表单名称').fill('项目支出绩效运行监控表');
    await pick(page.getByTestId('chain-select'), CHAIN_ID);
    const cards = page.getByTestId('field-card');
    const addField = async (type: string, label: string, key: string) => {
      await page.getByRole('button', { name: `+ ${type}` }).click();
      const card = cards.last();
      await card.getByLabel('字段标题').fill(label);
      await card.getByLabel('字段键').fill(key);
      return card;
    };
    const name = await addField('单行文本', '项目名称', 'projectName');
    await name.getByText('必填').click();
    await (await addField('金额（万元）', '全年预算数（万元）', 'budget')).getByText('必填').click();
    await (await addField('金额（万元）', '1—6月执行数（万元）', 'executed')).getByText('必填').click();
    const rate = await addField('百分比', '预算执行率（%）', 'executionRate');
    await rate.getByLabel('计算公式').fill('$executionRate(executed, budget)');
    // The live preview is the fill page's form; typing sample data updates the computed field.
    const preview = page.getByTestId('form-preview');
    await preview.locator('#root_budget').fill('120');
    await preview.locator('#root_executed').fill('54');
    await rate.getByTestId('computed-result').filter({ hasText: '45' }).waitFor();
    expect(await preview.locator('#root_executionRate').inputValue()).toBe('45');
    await shot(page);
    // The JSON view shows the schema the designer built.
    await page.getByRole('tab', { name: 'JSON' }).click();
    expect(await page.getByLabel('JSON schema').inputValue()).toContain('"format": "money"');
    await shot(page);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByTestId('save-result').filter({ hasText: '已保存第 1 版' }).waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('button', { name: '确定发布' }).click();
    await page.getByTestId('save-result').filter({ hasText: '第 1 版已发布' }).waitFor();
    await shot(page);

    // The versions page lists the published version.
    await page.goto(`${baseUrl}/admin/forms/${FORM_ID}/versions`);
    await page.getByText('当前使用').waitFor();
    await shot(page);

    // 3. The department fills and submits the new form (no server restart).
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/new`);
    await page.locator(`[data-form-id="${FORM_ID}"]`).getByRole('button', { name: '新建空白填报' }).click();
    const id = await onFillPage(page);
    await page.locator('#root_projectName').fill('2026年农村公路安全生命防护工程运行监控');
    await page.locator('#root_budget').fill('300');
    await page.locator('#root_executed').fill('126.5');
    await expect.poll(() => page.locator('#root_executionRate').inputValue()).toBe('42.17');
    await waitSaved(page);
    await shot(page);
    await submitForm(page);
    await shot(page);

    // 4. 业务股室 (归口 县交通运输局) and 绩效评价服务股 approve.
    const asFiller = await apiAs(baseUrl, 'jtj');
    const state = () =>
      asFiller<{
        status: string;
        formVersion: number;
        chainVersion: number;
        openSteps: { stepId: string; assigneeUnitId: string }[];
      }>(`/api/submissions/${encodeURIComponent(id)}`);
    expect((await state()).openSteps).toEqual([expect.objectContaining({ stepId: 'step1', assigneeUnitId: 'jjs' })]);
    await login(page, baseUrl, 'jjs');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    await shot(page);
    await decide(page, '通过', '执行进度正常，同意。');
    expect((await state()).openSteps).toEqual([expect.objectContaining({ stepId: 'step2', assigneeUnitId: 'jxpj' })]);
    await login(page, baseUrl, 'jxpj');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(id)}`);
    await decide(page, '通过', '已汇总。');
    await shot(page);

    const final = await state();
    expect(final).toMatchObject({ status: 'approved', formVersion: 1, chainVersion: 1 });
    await login(page, baseUrl, 'jtj');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(id)}`);
    await page.getByTestId('submission-status').filter({ hasText: '已通过' }).waitFor();
    await shot(page);
    expect(browser.dialogs).toEqual([]);
    expect(where).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });

  it('keeps admin pages away from other users and shows server reasons on the designer fields', async () => {
    const { page } = browser;
    await login(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/forms/new`);
    await page.getByLabel('表单编号').fill('unsafe-form');
    await page.getByLabel('表单名称').fill('正则测试表');
    await pick(page.getByTestId('chain-select'), CHAIN_ID);
    await page.getByRole('button', { name: '+ 单行文本' }).click();
    const card = page.getByTestId('field-card').last();
    await card.getByLabel('字段标题').fill('编码');
    await card.getByLabel('字段键').fill('code');
    await card.getByLabel('格式（正则）').fill('^(a+)+$');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await card.getByText(/灾难性回溯/).waitFor();
    // Invalid JSON in the JSON view is reported, not applied.
    await page.getByRole('tab', { name: 'JSON' }).click();
    await page.getByLabel('JSON schema').fill('{ "type": "object", ');
    await page.getByTestId('json-error').waitFor();
    await shot(page);

    await login(page, baseUrl, 'jtj');
    expect(await page.getByRole('menuitem', { name: '系统管理' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/forms`);
    await page.waitForURL((u) => !u.pathname.startsWith('/admin'));
  });

  it('lays every admin page out for a 390 px phone: wide tables scroll inside themselves, the page never sideways', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, baseUrl, 'admin');
    const pages: [string, string][] = [
      ['/admin/forms', '新建表单'],
      ['/admin/forms/project-target/versions', '版本比较'],
      ['/admin/chains', '新建审核链'],
      ['/admin/chains/project-target', '流程图'],
      ['/admin/indicators', '县级预算绩效指标库'],
      ['/admin/org', '新增单位'],
      ['/admin/cycle', '乡镇'],
    ];
    const wide: string[] = [];
    for (const [path, landmark] of pages) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByText(landmark).first().waitFor();
      await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${path}: ${width}px`);
    }
    await shot(page);
    expect(wide).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });
  });
});
