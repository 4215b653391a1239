import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/adapters/dynamodb/local-server';
import {
  type Browser,
  createFromExample,
  decide,
  launch,
  login,
  pickOption,
  screenshotter,
  submitForm,
  waitSaved,
} from './browser';

/**
 * `npm run start:cloud-local` as a deployment is used: the script itself (web app, Lambda handler behind the
 * local HTTP API, cognito-local, DynamoDB Local) on a free port with its own DATA_DIR. The admin creates a
 * user in the browser; the user signs in with the temporary password, sets a new one, files and submits a
 * form; the unit leader approves it; a reset and then a disable each end the user's open session at once.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const USERNAME = 'cloudwang';
const TEMPORARY = 'Temp-2026cloud';
const FIRST_OWN = 'Xinfeng2026own';
const RESET_TO = 'Reset-2026cloud';
const SECOND_OWN = 'Xinfeng2026again';
const PROJECT = '2025年信丰县农村公路日常养护项目（云端形态）';
const shot = screenshotter(70);
/** A JVM, the emulator, ~30 pool users seeded and the handler's cold start, on a shared 2-core machine. */
const STARTUP_MS = 360_000;
const STEP_MS = 400_000;

let child: ChildProcess;
let output = '';
let dataDir: string;
let url: string;

/** Every process still in the script's process group (the script, its JVM, cognito-local, esbuild). */
function groupMembers(pgid: number): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => Number(cols[1]) === pgid)
    .map((cols) => cols.join(' '));
}

/** SIGTERM to the whole group (what Ctrl-C does in a terminal), SIGKILL after 15 s; resolves when it is empty. */
async function stopGroup(pgid: number): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pgid, s);
    } catch {
      // group already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 15_000;
  while (groupMembers(pgid).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  if (groupMembers(pgid).length) signal('SIGKILL');
  for (let i = 0; i < 20 && groupMembers(pgid).length; i++) await new Promise((r) => setTimeout(r, 250));
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start:cloud-local exited with ${child.exitCode}\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`start:cloud-local did not answer /api/health within ${STARTUP_MS / 1000} s\n${output}`);
}

/** The input of an antd form item by its label text, inside `within`. */
const field = (within: Locator, label: RegExp) =>
  within
    .locator('.ant-form-item')
    .filter({ has: within.page().locator('label', { hasText: label }) })
    .locator('input')
    .first();

async function signInFirstTime(page: Page, password: string, newPassword: string, step: string) {
  await page.getByLabel('用户名').fill(USERNAME);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('请设置您自己的新密码').waitFor();
  await shot(page, `${step}-new-password`);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '设置新密码并登录' }).click();
  await page.getByText('退出').waitFor();
}

/** The admin opens the user's row in 用户与角色 and saves a change made by `edit`. */
async function editUser(page: Page, edit: (modal: Locator) => Promise<void>) {
  await page.goto(`${url}/admin/org`);
  await page.getByRole('tab', { name: '用户与角色' }).click();
  await page.getByRole('row').filter({ hasText: USERNAME }).getByRole('button', { name: '编辑' }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: '编辑用户' });
  await modal.waitFor();
  await edit(modal);
  await saveUser(page, modal);
}

/** Clicks 保存 in the user dialog: saved, or the reason it was not (a refused save must say why, not time out). */
async function saveUser(page: Page, modal: Locator) {
  await modal.getByRole('button', { name: '保存' }).click();
  const saved = page.getByText('用户已保存');
  const refused = page.locator('.ant-message-error, .ant-modal .ant-form-item-explain-error');
  await saved.or(refused).first().waitFor();
  if (!(await saved.isVisible())) throw new Error(`用户未保存：${await refused.first().textContent()}`);
}

describe('npm run start:cloud-local in Chromium', () => {
  let adminSide: Browser;
  let userSide: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jixiao-cloud-e2e-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['scripts/start-cloud-local.mjs'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_PASSWORD: 'demo1234', LOG_LEVEL: 'silent' },
      detached: true, // its own process group: the JVM and cognito-local go with it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await waitForHealth();
    adminSide = await launch();
    userSide = await launch();
    for (const side of [adminSide, userSide]) {
      await side.page.setViewportSize({ width: 1440, height: 900 });
      side.page.setDefaultTimeout(60_000); // two browsers and the whole cloud shape on a shared 2-core machine
    }
  }, STEP_MS);

  afterAll(async () => {
    await adminSide?.close();
    await userSide?.close();
    if (child?.pid) await stopGroup(child.pid);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'the admin creates a user; the user sets a new password at first sign-in, files and submits; the leader approves',
    async () => {
      const admin = adminSide.page;
      const user = userSide.page;
      expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true });

      // The admin (a demo user in the emulated pool) creates the user with a temporary password.
      await login(admin, url, 'admin');
      await admin.goto(`${url}/admin/org`);
      await admin.getByRole('tab', { name: '用户与角色' }).click();
      await admin.getByRole('button', { name: '新增用户' }).click();
      const modal = admin.locator('.ant-modal').filter({ hasText: '新增用户' });
      await field(modal, /^用户名$/).fill(USERNAME);
      await field(modal, /^姓名$/).fill('王丽');
      await pickOption(
        modal.locator('.ant-form-item').filter({ hasText: '单位' }).locator('.ant-select'),
        '信丰县交通运输局',
        '交通运输局',
      );
      await field(modal, /^密码$/).fill(TEMPORARY);
      await shot(admin, 'cloud-admin-new-user');
      await saveUser(admin, modal);
      await admin.getByRole('row').filter({ hasText: USERNAME }).waitFor();

      // The temporary password opens only the new-password step; the token comes after it.
      await user.goto(`${url}/login`);
      await signInFirstTime(user, TEMPORARY, FIRST_OWN, 'cloud-user');
      const token = await user.evaluate(() => localStorage.getItem('jixiao.token'));
      expect(JSON.parse(Buffer.from(String(token).split('.')[0], 'base64url').toString()).alg).toBe('RS256');
      await shot(user, 'cloud-user-signed-in');

      // The user files a 项目支出绩效目标申报表 from its worked example and submits it.
      const id = await createFromExample(user, url);
      await user.locator('#root_projectName').fill(PROJECT);
      await waitSaved(user);
      await submitForm(user);
      await shot(user, 'cloud-user-submitted');

      // The unit's 负责人 approves the first step from the 待办 list.
      await login(admin, url, 'jtjld');
      await admin.goto(`${url}/tasks`);
      await admin
        .getByRole('link', { name: /云端形态/ })
        .first()
        .click();
      await admin.waitForURL(/\/review\//);
      await decide(admin, '通过', '同意报送。');
      const state = await user.evaluate(async (sid) => {
        const r = await fetch(`/api/submissions/${encodeURIComponent(sid)}`, {
          headers: { authorization: `Bearer ${localStorage.getItem('jixiao.token')}` },
        });
        return (await r.json()) as { status: string; openSteps: { name: string }[] };
      }, id);
      expect(state.status).toBe('in_review');
      expect(state.openSteps.map((s) => s.name)).toEqual(['业务股室审核']);
    },
    STEP_MS,
  );

  it(
    'a reset ends the open session at once; at 390 px the user signs in with the new temporary password',
    async () => {
      const admin = adminSide.page;
      const user = userSide.page;
      await login(admin, url, 'admin');
      await editUser(admin, (modal) => field(modal, /重置密码/).fill(RESET_TO));

      // The user's next request is refused and the page sends them to 登录.
      await user.getByRole('menuitem', { name: '我的填报' }).click();
      await user.waitForURL(/\/login$/);
      await user.getByRole('button', { name: '登录' }).waitFor();

      await user.setViewportSize({ width: 390, height: 844 });
      await signInFirstTime(user, RESET_TO, SECOND_OWN, 'cloud-phone');
      const width = await user.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await shot(user, 'cloud-phone-signed-in');
    },
    STEP_MS,
  );

  it(
    'a disable ends the open session at once and the user can no longer sign in',
    async () => {
      const admin = adminSide.page;
      const user = userSide.page;
      await user.setViewportSize({ width: 1440, height: 900 });
      await user.goto(`${url}/`);
      await user.getByText('退出').waitFor();
      await editUser(admin, (modal) => modal.getByRole('switch').click());
      await admin.getByRole('row').filter({ hasText: USERNAME }).filter({ hasText: '已停用' }).waitFor();

      await user.getByRole('menuitem', { name: '我的填报' }).click();
      await user.waitForURL(/\/login$/);
      await user.getByLabel('用户名').fill(USERNAME);
      await user.getByLabel('密码').fill(SECOND_OWN);
      await user.getByRole('button', { name: '登录' }).click();
      await user.getByText('用户名或密码错误').waitFor();
      await shot(user, 'cloud-user-disabled');
    },
    STEP_MS,
  );

  it(
    'stopping the script leaves no process behind',
    async () => {
      const pgid = child.pid as number;
      expect(groupMembers(pgid).join('\n')).toMatch(/java .*DynamoDB/);
      expect(groupMembers(pgid).join('\n')).toMatch(/cognito-local/);
      await stopGroup(pgid);
      expect(groupMembers(pgid)).toEqual([]);
      expect(child.exitCode ?? child.signalCode).not.toBeNull();
    },
    STEP_MS,
  );
});
