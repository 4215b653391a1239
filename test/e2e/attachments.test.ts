import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docShot, startBlank, submitAndExpectInReview, type } from './blank-form';
import { typeProjectTarget } from './blank-journeys';
import { decide, login, signInToken, useBrowser, waitSaved } from './browser';

const baseUrl = inject('baseUrl');

/**
 * R-B2 in the browser: a special-fund 项目支出绩效目标 cannot be submitted without its 资金下达文件; the clerk
 * uploads a real PDF through the attachment field, submits, and the reviewers of the chain open the file with
 * one click, while another department gets 404 for the same address.
 */

/** A small but complete one-page PDF (header, catalog, page, content stream, xref, trailer). */
function pdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const FILE_NAME = '信财预指〔2025〕35号 资金下达文件.pdf';
const PDF = pdf('Xinfeng special fund release 2025-35');
let dir: string;
let filePath: string;

/** A GET as `username`, the raw response (status and headers matter here). */
async function get(username: string, path: string) {
  return fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${await signInToken(baseUrl, username)}` } });
}

/** 是否财政专项资金 = 是, then the document's 文号 and 文件名称 (the fields above the upload). */
async function markSpecialFund(page: Page): Promise<void> {
  await page.locator('[data-field="root_isSpecialFund"]').getByLabel('是', { exact: true }).check();
  await type(page.locator('#root_fundReleaseDoc_docNo'), '信财预指〔2025〕35号');
  await type(page.locator('#root_fundReleaseDoc_title'), '关于下达2026年农村公路养护专项资金的通知');
}

/** Chooses the PDF in the attachment field and waits for it in the list (name, size, SHA-256 prefix). */
async function uploadReleaseDoc(page: Page) {
  await page.getByLabel('上传资金下达文件附件').setInputFiles(filePath);
  const item = page.locator('[data-field="root_fundReleaseDoc_attachments"] .att-item').filter({ hasText: FILE_NAME });
  await item.filter({ hasText: 'SHA-256' }).waitFor();
  return item;
}

/** The page never scrolls sideways. */
const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('资金下达文件 of a special-fund target (R-B2)', () => {
  let submissionId: string;
  let attachmentId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-att-'));
    filePath = join(dir, FILE_NAME);
    writeFileSync(filePath, PDF);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const browser = useBrowser();

  it('1440 px: refused without the file (at the field), uploaded through the field, then submitted', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, baseUrl, 'jtj');
    submissionId = await startBlank(page, baseUrl, 'project-target');
    await typeProjectTarget(page, '2026年农村公路养护专项资金项目');
    await markSpecialFund(page);
    await waitSaved(page);

    // 提交 without the file: refused, the problem listed and shown at the attachment field.
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect((await summary.locator('li').allInnerTexts()).join('\n')).toContain('财政专项资金须上传资金下达文件');
    const field = page.locator('[data-field="root_fundReleaseDoc_attachments"]');
    await expect
      .poll(() => field.locator('.ant-form-item-explain-error').allInnerTexts())
      .toEqual([expect.stringContaining('财政专项资金须上传资金下达文件')]);
    const draft = (await (await get('jtj', `/api/submissions/${submissionId}`)).json()) as { status: string };
    expect(draft.status).toBe('draft');

    // Upload the real PDF through the field: listed with its size and SHA-256 prefix, 删除 offered while a draft.
    const item = await uploadReleaseDoc(page);
    expect(await item.textContent()).toMatch(/\d+ (B|KB) · SHA-256 [0-9a-f]{12}/);
    await expect.poll(() => item.getByRole('button', { name: '删除' }).count()).toBe(1);
    await expect.poll(() => field.locator('.ant-form-item-explain-error').count()).toBe(0);
    await waitSaved(page);
    await docShot(page, 'attachments-upload-1440');
    expect(await noSideScroll(page)).toBe(true);
    await submitAndExpectInReview(page);

    const saved = (await (await get('jtj', `/api/submissions/${submissionId}`)).json()) as {
      data: { fundReleaseDoc: { attachments: string[] } };
    };
    expect(saved.data.fundReleaseDoc.attachments).toHaveLength(1);
    attachmentId = saved.data.fundReleaseDoc.attachments[0];
    const meta = (await (await get('jtj', `/api/attachments/${attachmentId}`)).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({ name: FILE_NAME, size: PDF.byteLength, status: 'complete', pinnedRound: 1 });
  }, 420_000);

  it('1440 px: the reviewers open the file with one click; another department gets 404', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1440, height: 900 });
    // 单位负责人 signs off, then the 业务股室 of 县交通运输局 reviews: each downloads the file from the document.
    for (const reviewer of ['jtjld', 'jjs']) {
      await login(page, baseUrl, reviewer);
      await page.goto(`${baseUrl}/review/${encodeURIComponent(submissionId)}`);
      const item = page.locator('.att-item').filter({ hasText: FILE_NAME });
      await item.filter({ hasText: 'SHA-256' }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        item.getByRole('button', { name: '下载' }).click(),
      ]);
      expect(download.suggestedFilename(), reviewer).toBe(FILE_NAME);
      expect(readFileSync(await download.path()), reviewer).toEqual(PDF);
      expect(await item.getByRole('button', { name: '删除' }).count(), reviewer).toBe(0);
      if (reviewer === 'jjs') await docShot(page, 'attachments-review-1440');
      if (reviewer === 'jtjld') await decide(page, '通过', '资金下达文件齐全，同意报送。');
    }

    // The same address as another department (and its metadata): 404, nothing of the file.
    for (const other of ['jyj', 'kjw']) {
      const res = await get(other, `/api/attachments/${attachmentId}/content`);
      expect(res.status, other).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      expect(res.headers.get('content-disposition')).toBeNull();
      expect((await get(other, `/api/attachments/${attachmentId}`)).status, other).toBe(404);
    }
    // The reviewer's download carries the headers that keep the browser from rendering it.
    const ok = await get('jjs', `/api/attachments/${attachmentId}/content`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(browser.cspViolations).toEqual([]);
  }, 300_000);

  it('390 px: the upload works on a phone, the list is readable and nothing scrolls sideways', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, baseUrl, 'jtj');
    await startBlank(page, baseUrl, 'project-target');
    await markSpecialFund(page);
    const item = await uploadReleaseDoc(page);
    await item.scrollIntoViewIfNeeded();
    const box = await item.boundingBox();
    const name = await item.locator('.att-name').boundingBox();
    expect(box && name).toBeTruthy();
    if (!box || !name) return;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(name.x + name.width).toBeLessThanOrEqual(390);
    expect(await item.locator('.att-name').textContent()).toBe(FILE_NAME);
    await expect.poll(() => item.getByRole('button', { name: '下载' }).isVisible()).toBe(true);
    expect(await noSideScroll(page)).toBe(true);
    await waitSaved(page);
    await docShot(page, 'attachments-upload-390');
    expect(browser.cspViolations).toEqual([]);
    expect(browser.dialogs).toEqual([]);
  }, 300_000);
});
