import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { afterMotion, onFillPage } from './browser';

/**
 * Setting the scene for a form started from an approved target (the linked forms: 监控, 自评): the target is filed and
 * approved through the API, the report itself is started and typed in the browser.
 */

/** A JSON call as a demo user. */
export async function call(baseUrl: string, username: string, method: string, path: string, body?: unknown) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** jtj's project target with `data`, approved by 单位负责人, 业务股室, 绩效评价服务股 and 预算股; returns its id. */
export async function approvedTarget(baseUrl: string, data: Record<string, unknown>): Promise<string> {
  const created = await call(baseUrl, 'jtj', 'POST', '/api/submissions', { formId: 'project-target', data });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  expect((await call(baseUrl, 'jtj', 'POST', `/api/submissions/${id}/submit`, {})).status).toBe(200);
  for (const who of ['jtjld', 'jjs', 'jxpj', 'ysg']) {
    const sub = await call(baseUrl, who, 'GET', `/api/submissions/${id}`);
    const r = await call(baseUrl, who, 'POST', `/api/submissions/${id}/decisions`, {
      stepId: sub.json.openSteps[0].stepId,
      action: 'approve',
      comment: '同意',
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
  }
  return id;
}

/** 新建填报 → 「从已批准的绩效目标开始」 of `formId` → the target; returns the new report's id. */
export async function startFromTarget(page: Page, baseUrl: string, formId: string, targetId: string): Promise<string> {
  await page.goto(`${baseUrl}/submissions/new`);
  await page.locator(`[data-form-id="${formId}"]`).getByRole('button', { name: '从已批准的绩效目标开始' }).click();
  const dialog = page.locator('.ant-modal').filter({ has: page.locator(`[data-source-id="${targetId}"]`) });
  await dialog.waitFor();
  await afterMotion(dialog);
  await dialog.locator(`[data-source-id="${targetId}"]`).click();
  return onFillPage(page);
}
