import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page, type Request, type Response } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Dialogs (alert/confirm/prompt) the page opened: must stay 0. */
  dialogs: string[];
  /** Console messages about Content-Security-Policy violations. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** Debian's Chromium (never downloaded) and how the tests and the web benchmarks start it. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian Chromium (never downloaded), fresh profile, 1366×768, less motion asked for. */
export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // As a person who has asked their system for less motion: dialogs appear at once, so a click is never taken while
    // a dialog still zooms in (the app follows the setting; a11y.test.ts checks both ways).
    reducedMotion: 'reduce',
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  return {
    context,
    page,
    dialogs,
    cspViolations,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium for the tests of one describe block: launched before them (default timeout `timeoutMs`), closed after.
 * What it returns reads through to the running browser, so a test writes `browser.page` and `browser.dialogs`.
 */
export function useBrowser(options: { timeoutMs?: number } = {}): Browser {
  let running: Browser | undefined;
  beforeAll(async () => {
    running = await launch();
    running.page.setDefaultTimeout(options.timeoutMs ?? 60_000);
  });
  afterAll(async () => {
    await running?.close();
  }, 420_000);
  const current = () => {
    if (!running) throw new Error('useBrowser: the browser starts in beforeAll');
    return running;
  };
  return {
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
    get dialogs() {
      return current().dialogs;
    },
    get cspViolations() {
      return current().cspViolations;
    },
    close: () => current().close(),
  };
}

/**
 * Picks `option` in the antd Select `select` (typing `typed` first when given: long lists are virtual) and
 * checks the select then shows it. On a loaded machine a click can land while the list is still filtering
 * or animating and select nothing; the pick is then made again rather than left for a later step to trip on.
 */
export async function pickOption(select: Locator, option: string, typed?: string): Promise<void> {
  const page = select.page();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typed) await page.keyboard.type(typed);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if ((await select.textContent())?.includes(option)) return;
      await page.waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`下拉框未选中「${option}」`);
    await page.keyboard.press('Escape');
  }
}

/** Saves test-artifacts/e2e/NN-step.png. */
export function screenshotter(start: number) {
  mkdirSync(ARTIFACTS, { recursive: true });
  let n = start;
  return async (page: Page, step: string) => {
    const name = `${String(n++).padStart(2, '0')}-${step}.png`;
    await page.screenshot({ path: join(ARTIFACTS, name), fullPage: false });
  };
}

/** Signs in through the 登录 page (signing out first when someone is signed in). */
export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.evaluate(() => localStorage.removeItem('jixiao.token'));
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('退出').waitFor();
}

/** A demo user's bearer token, signed in through the API. */
export async function signInToken(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Plain API calls for looking up state (the journey itself is driven through the UI). */
export async function apiAs(baseUrl: string, username: string) {
  const token = await signInToken(baseUrl, username);
  return async <T>(path: string): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return (await r.json()) as T;
  };
}

/** A signed-in API client for test set-up and checks, any method (the journey under test runs in the browser). */
export async function apiClient(baseUrl: string, username: string) {
  const token = await signInToken(baseUrl, username);
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/**
 * Runs `action` while noting every API request the page makes and its answer (`POST /api/…`, `→ 200 POST /api/…`);
 * when the action fails, its error names them after `what`, so a wait that ends without an answer says which call
 * was left open.
 */
export async function watchingApi(page: Page, what: string, action: () => Promise<void>): Promise<void> {
  const calls: string[] = [];
  const api = (r: Request) => {
    const path = new URL(r.url()).pathname;
    return path.startsWith('/api/') ? `${r.method()} ${path}` : null;
  };
  const onRequest = (r: Request) => {
    const call = api(r);
    if (call) calls.push(call);
  };
  const onResponse = (r: Response) => {
    const call = api(r.request());
    if (call) calls.push(`→ ${r.status()} ${call}`);
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  try {
    await action();
  } catch (e) {
    throw new Error(`${what}；请求 ${calls.join('，') || '无'}`, { cause: e });
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
}

/** The inner texts of what `selector` finds, joined, or 无. */
export async function seen(page: Page, selector: string): Promise<string> {
  const texts = await page
    .locator(selector)
    .allInnerTexts()
    .catch(() => []);
  return texts.join(' | ') || '无';
}

/**
 * Waits until `dialog` (an antd Modal) has finished its opening motion. antd zooms a dialog in from where the click
 * was; on a loaded machine Playwright can find the button steady for two frames while it is still moving, and its
 * click then lands where the button was and acts on nothing (seen: 确定 clicked, the dialog still open, no request).
 */
export async function afterMotion(dialog: Locator): Promise<void> {
  await dialog.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
  );
}

/** Decides the open step on the review page through the decision panel and its confirmation. */
export async function decide(page: Page, action: '通过' | '退回' | '不予通过', comment?: string): Promise<void> {
  const panel = page.locator('.decision-panel');
  await panel.waitFor();
  if (comment) await panel.getByLabel('审核意见').fill(comment);
  await panel.getByRole('button', { name: action, exact: true }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: `确认${action}？` });
  await modal.waitFor();
  await afterMotion(modal);
  // Done, or refused with the page's own message or the panel's alert (named in the failure). Up to 60 s, like the
  // submit helpers: on a loaded machine the decision and the page's reload can take longer than the default 20 s.
  const done = page.getByText('已办理').first();
  const refused = page.locator('.ant-message-error, .decision-panel .ant-alert-error').first();
  await watchingApi(page, `「${action}」后未见「已办理」`, async () => {
    const ok = modal.getByRole('button', { name: '确定' });
    await ok.click();
    await done
      .or(refused)
      .waitFor({ timeout: 60_000 })
      .catch(async (e) => {
        // What the page shows when no answer came: whether the dialog is still open and its button still loading.
        const open = await modal.isVisible();
        const loading = open && ((await ok.getAttribute('class').catch(() => '')) ?? '').includes('ant-btn-loading');
        throw new Error(
          `确认框 ${open ? (loading ? '仍在（确定按钮加载中）' : '仍在') : '已关'}；提示 ${await seen(page, '.ant-message-notice')}；面板 ${await seen(page, '.decision-panel .ant-alert')}`,
          { cause: e },
        );
      });
  });
  if (await refused.isVisible()) throw new Error(`「${action}」was refused: ${await refused.textContent()}`);
}

/** Waits until the page is a submission's own fill page (not 新建填报) and shows its save status; returns its id. */
export async function onFillPage(page: Page): Promise<string> {
  await page.waitForURL((u) => /^\/submissions\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
  await page.getByTestId('save-status').waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/** Creates a project-target draft from its worked example through 新建填报 and returns its id. */
export async function createFromExample(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/submissions/new`);
  const card = page.locator('[data-form-id="project-target"]');
  await card.getByRole('button', { name: '从示例填充' }).click();
  const dialog = page
    .locator('.ant-modal')
    .filter({ has: page.getByRole('button', { name: /农村公路日常养护项目$/ }) });
  await dialog.waitFor();
  await afterMotion(dialog);
  await dialog.getByRole('button', { name: /农村公路日常养护项目$/ }).click();
  // The draft's own page, or the reason the draft was not made (shown in the dialog).
  const refused = page.locator('.ant-modal .ant-alert-error');
  await page.getByTestId('save-status').or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`示例草稿未建立：${await refused.textContent()}`);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  return id;
}

/** Waits until the autosave indicator says 已保存. */
export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-status').filter({ hasText: '已保存' }).waitFor({ timeout: 20_000 });
}

/** Clicks 提交/重新提交 and confirms. */
export async function submitForm(page: Page): Promise<void> {
  // An error toast left from an earlier step must not be taken for this submit's answer.
  const refusal = page.locator('.ant-message-error');
  while ((await refusal.count()) > 0) await refusal.first().waitFor({ state: 'detached', timeout: 15_000 });
  await page.getByRole('button', { name: /^(重新)?提交$/ }).click();
  const modal = page.locator('.ant-modal-confirm').filter({ hasText: '确认提交？' });
  await unlessRefused(page, modal, 30_000);
  await afterMotion(modal);
  await modal.getByRole('button', { name: '提交' }).click();
  // The save, the server's full check of the submission and the reload: on a loaded machine more than 20 s.
  await unlessRefused(page, page.getByTestId('submission-status').filter({ hasText: '审核中' }), 60_000);
}

/** Waits for `target`; when the page answers with an error toast instead, fails with the toast's words. */
async function unlessRefused(page: Page, target: Locator, timeout: number): Promise<void> {
  const refusal = page.locator('.ant-message-error');
  await target.or(refusal).first().waitFor({ timeout });
  if (!(await target.first().isVisible()) && (await refusal.count()) > 0) {
    throw new Error(`submit refused by the page: ${(await refusal.allInnerTexts()).join(' / ')}`);
  }
}

/** Whether the page stays within the viewport's width (wide tables scroll inside themselves). */
export function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}
