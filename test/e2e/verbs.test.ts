import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, apiClient, decide, login, pickOption, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

const client = (username: string): Promise<Call> => apiClient(baseUrl, username);

const example = (form: string, file: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'forms', form, 'examples', file), 'utf8')).data;

/** Creates and submits a form as `unit`, then runs the named steps (setup through the API). */
async function submitted(
  unit: string,
  formId: string,
  data: Record<string, unknown>,
  steps: [string, string, Record<string, unknown>?][],
): Promise<string> {
  const filler = await client(unit);
  const { id } = await filler<{ id: string }>('POST', '/api/submissions', { formId, data });
  await filler('POST', `/api/submissions/${encodeURIComponent(id)}/submit`);
  for (const [as, stepId, extra] of steps) {
    await (await client(as))('POST', `/api/submissions/${encodeURIComponent(id)}/decisions`, {
      stepId,
      action: 'approve',
      comment: '同意。',
      ...extra,
    });
  }
  return id;
}

const target = (unit: string, projectName: string) =>
  submitted(
    unit,
    'project-target',
    { ...example('project-target', 'valid-rural-road-maintenance.json'), projectName },
    [[`${unit}ld`, 'leaderSignoff']],
  );

interface HistoryItem {
  type: string;
  actor?: { id: string; name: string };
  toUnitId?: string;
  addedUnitId?: string;
  onBehalfOf?: { id: string; name: string };
  comment?: string;
}
interface Task {
  submissionId: string;
  stepId: string;
}

/** Picks `option` in the first antd Select inside `within` (typed first when `search`: the list is virtual). */
const pick = (within: Locator, option: string, search = true) =>
  pickOption(within.locator('.ant-select').first(), option, search ? option : undefined);

const openTasks = async (as: string) =>
  (await (await client(as))<{ items: Task[] }>('GET', '/api/tasks?status=open&limit=100')).items;
const history = async (id: string) =>
  (await (await client('jxpj'))<{ items: HistoryItem[] }>('GET', `/api/submissions/${encodeURIComponent(id)}/history`))
    .items;
const shanghaiDay = (offset: number) =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('approval verbs in the browser: 转交, 催办, batch, 加签, delegation', () => {
  const browser = useBrowser();
  /** The browser's page, once useBrowser's beforeAll has started it. */
  let page: Page;
  // A (教育体育局, at 教科文股) is transferred to 经济建设股; B and C wait there; D gets 加签 and a deputy's decision.
  const titles = { a: 'E2E转交批量甲', b: 'E2E转交批量乙', c: 'E2E转交批量丙', d: 'E2E加签代办丁' };
  const ids = { a: '', b: '', c: '', d: '' };
  let jjsId = '';
  const deputyName = '赵敏';

  beforeAll(async () => {
    const admin = await client('admin');
    await admin('POST', '/api/admin/users', {
      username: 'jjsdb',
      name: deputyName,
      unitId: 'jjs',
      roles: ['filler'],
      password: 'demo1234',
    });
    jjsId = (await (await client('jjs'))<{ id: string }>('GET', '/api/me')).id;
    ids.a = await target('jyj', titles.a);
    ids.b = await target('jtj', titles.b);
    const exAnte = example('ex-ante-assessment', 'valid-rural-road-safety.json');
    ids.c = await submitted(
      'jtj',
      'ex-ante-assessment',
      { ...exAnte, basicInfo: { ...exAnte.basicInfo, projectName: titles.c } },
      [
        ['jtjld', 'leaderSignoff'],
        [
          'pszx',
          'reviewCenterAdvice',
          { fields: { submittedAmount: '1600.00', recommendedAmount: '1486.30', economyOpinion: '单价偏高。' } },
        ],
      ],
    );
    ids.d = await target('jtj', titles.d);
    page = browser.page;
  });

  it('教科文股 transfers A to 经济建设股 with an opinion (1440 px): its inbox no longer lists A, 经济建设股 does', async () => {
    await page.setViewportSize(WIDE);
    await login(page, baseUrl, 'kjw');
    await page.goto(`${baseUrl}/tasks?q=${encodeURIComponent(titles.a)}`);
    await page.getByRole('link', { name: titles.a }).first().click();
    await page.waitForURL(/\/review\//);
    await page.locator('.decision-panel').getByRole('button', { name: '转交' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '转交：业务股室审核' });
    await pick(modal, '经济建设股');
    await modal.getByLabel('转交理由').fill('该项目属交通领域，应由经济建设股归口审核。');
    await page.screenshot({ path: join(ARTIFACTS, 'verbs-01-transfer.png') });
    await modal.getByRole('button', { name: '确定' }).click();
    await page.getByText('已办理').first().waitFor();

    await page.goto(`${baseUrl}/tasks?q=${encodeURIComponent(titles.a)}`);
    await page.getByText('暂无待办事项').first().waitFor();
    expect((await openTasks('kjw')).some((t) => t.submissionId === ids.a)).toBe(false);
    expect((await openTasks('jjs')).filter((t) => t.submissionId === ids.a).map((t) => t.stepId)).toEqual([
      'bizReview',
    ]);
    const moved = (await history(ids.a)).find((h) => h.type === 'transferred');
    expect(moved).toMatchObject({ toUnitId: 'jjs', comment: '该项目属交通领域，应由经济建设股归口审核。' });
  });

  it('the submitting unit 催办 from its own page: 经济建设股 gets the notification; a second within the hour is refused in Chinese', async () => {
    await login(page, baseUrl, 'jyj');
    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(ids.a)}`);
    const process = page.locator('.panel').filter({ hasText: '审核流程' }).first();
    await process.getByText('办理单位：经济建设股').waitFor();
    await process.getByRole('button', { name: '催办' }).click();
    await page.getByText('已催办当前办理单位').waitFor();
    await process.getByRole('button', { name: '催办' }).click();
    await page.getByText(/该环节一小时内已催办过，请约 \d+ 分钟后再试/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'verbs-02-remind.png') });

    await login(page, baseUrl, 'jjs');
    await page.getByRole('button', { name: /^消息通知/ }).click();
    await page.getByText(`催办：${titles.a}`).first().waitFor();
    const notes = await (await client('jjs'))<{ items: { type: string; title: string }[] }>(
      'GET',
      '/api/notifications',
    );
    expect(notes.items.filter((n) => n.type === 'submission_reminder' && n.title === `催办：${titles.a}`)).toHaveLength(
      1,
    );
  });

  it('经济建设股 approves A, B and C in one batch with one opinion (390 px); C needs a score and is left out with the reason', async () => {
    await page.setViewportSize(PHONE);
    await login(page, baseUrl, 'jjs');
    await page.goto(`${baseUrl}/tasks?q=${encodeURIComponent('E2E转交批量')}`);
    for (const t of [titles.a, titles.b, titles.c]) await page.getByLabel(`选择「${t}」`).check();
    const bar = page.getByRole('region', { name: '批量办理' });
    await bar.getByText('已选 3 件').waitFor();
    await bar.getByLabel('批量审核意见').fill('同意，按程序报绩效评价服务股复核。');
    await bar.getByRole('button', { name: '批量通过' }).click();
    const results = bar.locator('.ant-list');
    await results.getByText('批量办理结果').waitFor();
    for (const t of [titles.a, titles.b]) {
      await results.locator('.ant-list-item').filter({ hasText: t }).getByText('已通过').waitFor();
    }
    const left = results.locator('.ant-list-item').filter({ hasText: titles.c });
    await left.getByText('未办理').waitFor();
    await left.getByText('该环节需要评分或填写审核字段，请逐件办理').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(ARTIFACTS, 'verbs-03-batch-390.png'), fullPage: true });

    const open = await openTasks('jjs');
    expect(open.some((t) => t.submissionId === ids.a || t.submissionId === ids.b)).toBe(false);
    expect(open.filter((t) => t.submissionId === ids.c).map((t) => t.stepId)).toEqual(['bizReview']);
    for (const id of [ids.a, ids.b]) {
      const approved = (await history(id)).filter((h) => h.type === 'approved').pop();
      expect(approved).toMatchObject({ actor: { id: jjsId }, comment: '同意，按程序报绩效评价服务股复核。' });
    }
  });

  it('经济建设股 adds 政府采购监督管理股 after itself on D (1440 px), delegates to 赵敏 on 委托代办 (390 px); she decides D on its behalf, the timeline and the print say 代 … 办理', async () => {
    await page.setViewportSize(WIDE);
    await page.goto(`${baseUrl}/review/${encodeURIComponent(ids.d)}`);
    await page.getByRole('heading', { name: titles.d }).waitFor();
    await page.locator('.decision-panel').getByRole('button', { name: '加签' }).click({ noWaitAfter: true });
    const modal = page.locator('.ant-modal').filter({ hasText: '加签：业务股室审核' });
    await pick(modal, '政府采购监督管理股');
    await modal.getByText('本单位通过后，再由加签单位办理').click();
    await modal.getByLabel('加签说明').fill('项目含政府采购，请采购监管股会签。');
    await modal.getByRole('button', { name: '确定' }).click();
    await page.getByText('已办理').first().waitFor();
    expect((await history(ids.d)).find((h) => h.type === 'signerAdded')).toMatchObject({ addedUnitId: 'zfcg' });

    // 委托代办 at 390 px: name 赵敏 from today to the day after tomorrow.
    await page.setViewportSize(PHONE);
    await page.goto(`${baseUrl}/delegations`);
    const form = page.locator('.ant-card').filter({ hasText: '委托他人代办' });
    await pick(form, deputyName, false);
    for (const [label, day] of [
      ['开始日期', shanghaiDay(0)],
      ['结束日期', shanghaiDay(2)],
    ]) {
      await form.getByLabel(label).first().click();
      await page.keyboard.type(day);
      await page.keyboard.press('Enter');
    }
    await form.getByLabel('事由').fill('出差');
    await form.getByRole('button', { name: '委托代办' }).click();
    const mine = page.locator('.ant-card').filter({ hasText: '我的委托' });
    await mine.getByText(`代办人：${deputyName}`).waitFor();
    await mine.getByText('生效中').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(ARTIFACTS, 'verbs-04-delegation-390.png'), fullPage: true });

    // The deputy (a 填报人 of 经济建设股) gets 待办 while the delegation lasts and decides D on 李明's behalf.
    await page.setViewportSize(WIDE);
    await login(page, baseUrl, 'jjsdb');
    await page.getByRole('menuitem', { name: '待办' }).click();
    await page.getByRole('link', { name: titles.d }).first().click();
    await page.waitForURL(/\/review\//);
    await page.locator('.decision-panel').getByText('您正代 李明').waitFor();
    await decide(page, '通过', '李明出差，代为审核通过。');
    await page.goto(`${baseUrl}/review/${encodeURIComponent(ids.d)}`);
    const record = page.locator('.history-timeline');
    await record
      .getByText(/代 李明.*办理（委托代办）/)
      .first()
      .waitFor();
    await record.getByText('加签：政府采购监督管理股（本单位通过后办理）').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'verbs-05-on-behalf.png'), fullPage: true });

    const events = await history(ids.d);
    const approved = events.filter((h) => h.type === 'approved').pop();
    expect(approved).toMatchObject({ actor: { name: deputyName }, onBehalfOf: { id: jjsId } });
    expect((await openTasks('zfcg')).filter((t) => t.submissionId === ids.d).map((t) => t.stepId)).toEqual([
      'bizReview',
    ]);

    await page.goto(`${baseUrl}/submissions/${encodeURIComponent(ids.d)}/print`);
    const opinions = page.locator('.print-opinions');
    await opinions.getByText(`${deputyName}（代 李明 办理）`).waitFor();
    await opinions.getByText('加签：政府采购监督管理股').waitFor();

    // 李明 is back early: he ends the delegation; 赵敏 has no 待办 any more.
    await login(page, baseUrl, 'jjs');
    await page.goto(`${baseUrl}/delegations`);
    await page.getByRole('button', { name: '提前结束' }).first().click();
    await page.locator('.ant-popover').getByRole('button', { name: '结束委托' }).click();
    await page.locator('.ant-card').filter({ hasText: '我的委托' }).getByText('已提前结束').first().waitFor();
    const me = await (await client('jjsdb'))<{ standsInFor: unknown[] }>('GET', '/api/me');
    expect(me.standsInFor).toEqual([]);
  });
});
