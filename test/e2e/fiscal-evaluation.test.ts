import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import report from '../../forms/fiscal-evaluation/examples/valid-rural-roads.json';
import { docShot, submitAndExpectInReview, type } from './blank-form';
import { login, onFillPage, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const POLL = { timeout: 30_000 };

/**
 * 财政评价 by a third-party agency (第二十六条): 绩效评价服务股 files the year's list, 预算股 and the 领导小组 approve
 * it, two objects are assigned to the agency; `dsf` signs in, sees only those two, types one report from its first
 * field at 1440 px and the other on a 390 px phone, and submits each (得分 87.67, 良, computed on the page).
 */
async function as(username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const { token } = (await res.json()) as { token: string };
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as T;
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}

const tag = Date.now().toString(36).slice(-5);
const objectNames = [`农村公路日常养护项目（评价${tag}）`, `危桥改造项目（评价${tag}）`];

async function approvedAssignments(): Promise<string[]> {
  const object = (objectName: string) => ({
    objectType: 'project',
    objectName,
    competentDeptCode: '118001',
    competentDeptName: '信丰县交通运输局',
    amount: '1325.00',
    proposedBy: 'business',
    reasons: '资金量大，群众关注度高',
    mode: 'thirdParty',
    feeEstimate: '8.00',
  });
  const clerk = await as('jxpjtb');
  const plan = await clerk<{ id: string }>('POST', '/api/submissions', {
    formId: 'fiscal-evaluation-plan',
    data: {
      planYear: 2026,
      objects: objectNames.map(object),
      preparedUnit: '绩效评价服务股',
      preparedBy: '陈某',
      contactPhone: '0797-3310001',
    },
  });
  await clerk('POST', `/api/submissions/${plan.id}/submit`);
  for (const [who, stepId] of [
    ['ysg', 'budgetConfirm'],
    ['ldxz', 'leadingGroupApproval'],
  ]) {
    await (await as(who))('POST', `/api/submissions/${plan.id}/decisions`, {
      stepId,
      action: 'approve',
      comment: '同意',
    });
  }
  const organiser = await as('jxpj');
  const ids: string[] = [];
  for (const objectIndex of [0, 1]) {
    const r = await organiser<{ id: string }>('POST', '/api/evaluations', {
      planId: plan.id,
      objectIndex,
      assigneeUnitId: 'dsfjg',
    });
    ids.push(r.id);
  }
  return ids;
}

/** Types the report the way the evaluator does, from 被评价年度 down to 有关建议. */
async function typeReport(page: Page): Promise<void> {
  await type(page.locator('#root_fiscalYear'), '2025');
  await type(page.locator('#root_evaluators_0_name'), '王某');
  await type(page.locator('#root_evaluators_0_org'), '赣南某绩效咨询有限公司');
  await type(page.locator('#root_evaluators_0_role'), '项目负责人');
  await page.locator('#root_conflictDeclaration_noConflict').check();
  await type(page.locator('#root_conflictDeclaration_declaredBy'), '王某');
  for (const [i, row] of report.data.scoreTable.entries()) {
    await type(page.locator(`#root_scoreTable_${i}_score`), String(row.score));
    if (row.score < row.weight) await type(page.locator(`#root_scoreTable_${i}_scoringBasis`), row.scoringBasis);
  }
  await type(page.locator('#root_conclusion'), report.data.conclusion);
  for (const [key, text] of [
    ['problems', report.data.problems[0].text],
    ['recommendations', report.data.recommendations[0].text],
  ]) {
    // rjsf's add button shows an icon; its name is its title.
    await page.locator(`#root_${key} button[title="添加一项"]`).click();
    await type(page.locator(`#root_${key}_0_text`), text);
  }
}

async function fillAndSubmit(page: Page, title: string, shot: string) {
  await page.goto(`${baseUrl}/submissions`);
  await page.getByRole('link', { name: title }).first().click();
  await onFillPage(page);
  await typeReport(page);
  await expect.poll(() => page.locator('#root_totalScore').inputValue(), POLL).toBe('87.67');
  expect(await page.locator('[data-field="root_grade"]').textContent()).toContain('良');
  await docShot(page, shot);
  await submitAndExpectInReview(page);
}

describe('财政评价 by a third-party agency in the browser', () => {
  let ids: string[] = [];
  beforeAll(async () => {
    ids = await approvedAssignments();
  }, 120_000);
  const browser = useBrowser();

  it('dsf sees only its two assignments and types the first from its first field at 1440 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'dsf');
    await expect.poll(() => page.locator('.ant-menu-item').allInnerTexts(), POLL).toEqual(['工作台', '评价任务']);
    await page.goto(`${baseUrl}/submissions`);
    const titles = page.locator('.ant-table-tbody tr.ant-table-row td:first-child');
    await expect.poll(async () => (await titles.allInnerTexts()).length, POLL).toBe(2);
    expect((await titles.allInnerTexts()).join('\n')).toContain(objectNames[0]);
    const listed = await (await as('dsf'))<{ items: { id: string }[] }>('GET', '/api/submissions?limit=100');
    expect(listed.items.map((s) => s.id).sort()).toEqual([...ids].sort());
    await fillAndSubmit(page, objectNames[0], 'fiscal-evaluation-agency-1440');
  }, 600_000);

  it('dsf types the second on a 390 px phone', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await fillAndSubmit(page, objectNames[1], 'fiscal-evaluation-agency-390');
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll).toBeLessThanOrEqual(inner);
    const statuses = await (await as('dsf'))<{ items: { status: string }[] }>('GET', '/api/submissions?limit=100');
    expect(statuses.items.map((s) => s.status)).toEqual(['in_review', 'in_review']);
  }, 600_000);
});
