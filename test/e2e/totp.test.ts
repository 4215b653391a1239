import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { totpCodeAt } from '../../functions/adapters/identity/totp';
import { ARTIFACTS, apiClient, login, noSidewaysScroll, useBrowser } from './browser';

/**
 * The 动态验证码 of an administrator in Chromium: turned on in 个人设置 at 1440 px with the key shown once (the test
 * reads it and computes the code as an authenticator app would), sign-in with password and code on a 390 px phone
 * (a wrong code refused in Chinese, no sideways scrolling), then another administrator resets it in 用户与角色 and
 * sign-in needs no code. The test's own administrator: `admin`, whom other e2e files sign in as, never gets a code.
 */
const baseUrl = inject('baseUrl');
const USERNAME = 'admin2fa';
const NAME = '动态码管理员';
const PASSWORD = 'Totp-admin-2026';
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `totp-${name}.png`) });

/** Types user name and password into the blank login page; the code step follows when the account has one. */
async function enterPassword(page: Page) {
  await page.goto(`${baseUrl}/login`);
  await page.evaluate(() => localStorage.removeItem('jixiao.token'));
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(USERNAME);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('动态验证码 for an administrator', () => {
  const browser = useBrowser();
  /** The browser's page, once useBrowser's beforeAll has started it. */
  let page: Page;
  let secret = '';
  beforeAll(async () => {
    const admin = await apiClient(baseUrl, 'admin');
    await admin('POST', '/api/admin/users', {
      username: USERNAME,
      name: NAME,
      unitId: 'wlxx',
      roles: ['admin'],
      password: PASSWORD,
    });
    page = browser.page;
  });

  it('turns it on in 个人设置 at 1440 px with the key shown once and a code from it', async () => {
    await page.setViewportSize(WIDE);
    await enterPassword(page);
    await page.getByText('退出').waitFor();
    await page.goto(`${baseUrl}/profile`);
    const card = page.locator('.totp-settings');
    await card.getByRole('button', { name: '开启动态验证码' }).click();
    const key = card.locator('.totp-secret');
    await key.waitFor();
    secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, 'enrol-1440');
    await card.getByLabel('动态验证码').fill(totpCodeAt(secret, Date.now()));
    await card.getByRole('button', { name: '确认开启' }).click();
    await card.getByText('已开启').waitFor();
    // The key is gone from the page once the factor is on.
    expect(await card.textContent()).not.toContain(secret.slice(0, 8));
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
  });

  it('signs in on a 390 px phone with password and code; a wrong code is refused in Chinese', async () => {
    await page.setViewportSize(PHONE);
    await enterPassword(page);
    const code = page.getByLabel('动态验证码');
    await code.waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    // The code of the next 30-second step: the one typed at enrolment may not be used twice.
    const right = totpCodeAt(secret, Date.now() + 30_000);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    await code.fill(wrong);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.ant-alert-error').filter({ hasText: '动态验证码不正确' }).waitFor();
    expect(await page.getByText('退出').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBe(true);
    await shot(page, 'wrong-code-390');
    await code.fill(right);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('退出').waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
  });

  it('another administrator resets it in 用户与角色; then sign-in needs no code', async () => {
    await page.setViewportSize(WIDE);
    await login(page, baseUrl, 'admin');
    await page.goto(`${baseUrl}/admin/org`);
    await page.getByRole('tab', { name: '用户与角色' }).click();
    const row = page.getByRole('row').filter({ hasText: USERNAME });
    // Only accounts with the factor on offer the reset.
    const own = page.getByRole('row').filter({ hasText: '系统管理员' });
    await own.getByText('未开启').waitFor();
    expect(await own.getByText('重置动态验证码').count()).toBe(0);
    await row.getByRole('button', { name: '重置动态验证码' }).click();
    const confirm = page.locator('.ant-modal').filter({ hasText: `重置 ${NAME} 的动态验证码？` });
    await confirm.waitFor();
    await shot(page, 'reset-confirm-1440');
    await confirm.getByRole('button', { name: '重置' }).click();
    await page.getByText(`已重置 ${NAME} 的动态验证码`).waitFor();
    await row.getByText('未开启').waitFor();
    // The account's record keeps who reset it.
    await row.getByRole('button', { name: '操作记录' }).click();
    const record = page.getByRole('dialog', { name: `${NAME} 的账户操作记录` });
    await record.getByText(/系统管理员\s*重置了动态验证码/).waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter')); // opened
    await shot(page, 'account-record-1440');
    await page.keyboard.press('Escape');
    await record.waitFor({ state: 'hidden' });

    await page.setViewportSize(PHONE);
    await enterPassword(page);
    await page.getByText('退出').waitFor();
    expect(await page.getByLabel('动态验证码').count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBe(true);
  });
});
