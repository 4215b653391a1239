import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { zip } from '../../functions/adapters/excel/zip';
import { sweepOrphanAttachments } from '../../functions/core/use-cases/attachments/sweep-attachments';
import { createTestApi, type TestApi } from '../support/api';

const example = (form: string, file: string) => JSON.parse(readFileSync(`forms/${form}/examples/${file}`, 'utf8')).data;
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(60).fill(0)]);
const PE = text(`MZ${'\u0000'.repeat(200)}`);
const HTML = text('<!doctype html><html><body><script>alert(1)</script></body></html>');
const SVG = text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
const OFD = zip([
  { name: 'OFD.xml', data: text('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>') },
  { name: 'Doc_0/Document.xml', data: text('<ofd:Document/>') },
]);

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

async function begin(as: string, name: string, size: number, contentType = 'application/pdf', submissionId?: string) {
  return api.json('POST', '/api/attachments', { as, body: { name, size, contentType, submissionId } });
}

async function put(url: string, bytes: Uint8Array) {
  const res = await api.app.request(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const body = await res.text();
  return { status: res.status, body: body ? JSON.parse(body) : null };
}

/** Create, send the bytes, complete: the completion answer. */
async function upload(as: string, name: string, bytes: Uint8Array, contentType = 'application/pdf') {
  const created = await begin(as, name, bytes.byteLength, contentType);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.upload.method).toBe('PUT');
  const sent = await put(created.body.upload.url, bytes);
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const done = await api.json('POST', `/api/attachments/${created.body.id}/complete`, { as });
  return { id: created.body.id as string, ...done };
}

async function specialFundTarget(attachments: string[], as = 'jtj') {
  const data = {
    ...example('project-target', 'valid-rural-road-maintenance.json'),
    isSpecialFund: true,
    fundReleaseDoc: { docNo: '信财预指〔2025〕35号', title: '关于下达农村公路养护资金的通知', attachments },
  };
  const r = await api.json('POST', '/api/submissions', { as, body: { formId: 'project-target', data } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

describe('upload, complete, download', () => {
  it('stores a PDF, records its sha256 and serves it only as a download', async () => {
    const r = await upload('jtj', '资金下达文件（2025）.pdf', PDF);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      name: '资金下达文件（2025）.pdf',
      size: PDF.byteLength,
      contentType: 'application/pdf',
    });
    expect(r.body.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    const meta = await api.json('GET', `/api/attachments/${r.id}`, { as: 'jtjld' });
    expect(meta.body).toMatchObject({ id: r.id, status: 'complete', sha256: r.body.sha256 });

    const res = await api.call('GET', `/api/attachments/${r.id}/content`, { as: 'jtj' });
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="_______2025_.pdf"; filename*=UTF-8''${encodeURIComponent('资金下达文件（2025）.pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('application/pdf');
  });

  it('accepts an OFD (a zip with OFD.xml) and a docx-named PDF is refused as a mismatch', async () => {
    const ofd = await upload('jtj', '批复.ofd', OFD, '');
    expect(ofd.status, JSON.stringify(ofd.body)).toBe(200);
    expect(ofd.body.contentType).toBe('application/ofd');
    const renamed = await upload('jtj', '纪要.docx', PDF, '');
    expect(renamed.status).toBe(422);
    expect(renamed.body.error.code).toBe('ATTACHMENT_TYPE_MISMATCH');
  });

  it('refuses a second upload to the same address and a forged address', async () => {
    const created = await begin('jtj', 'a.pdf', PDF.byteLength);
    expect((await put(created.body.upload.url, PDF)).status).toBe(200);
    const again = await put(created.body.upload.url, PDF);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('UPLOAD_ALREADY_DONE');
    const forged = `${created.body.upload.url.slice(0, -4)}AAAA`;
    const f = await put(forged, PDF);
    expect(f.status).toBe(404);
    expect(f.body.error.code).toBe('UPLOAD_TOKEN_INVALID');
  });
});

describe('the type is told from the bytes, never from the name or the declared type', () => {
  for (const [what, name, bytes, declared] of [
    ['an ELF executable named .pdf', '会议纪要.pdf', ELF, 'application/pdf'],
    ['a PE executable named .pdf', '会议纪要.pdf', PE, 'application/pdf'],
    ['HTML declared as PDF', '通知.pdf', HTML, 'application/pdf'],
    ['SVG named .png', '图.png', SVG, 'image/png'],
  ] as const) {
    it(`refuses ${what} with 422 ATTACHMENT_TYPE_NOT_ALLOWED and deletes the bytes`, async () => {
      const r = await upload('jtj', name, bytes, declared);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
      expect(r.body.error.message).toMatch(/只能上传/);
      expect(await api.deps.files.size(`incoming/jtj/${r.id}`)).toBeNull();
      const content = await api.call('GET', `/api/attachments/${r.id}/content`, { as: 'jtj' });
      expect(content.status).toBe(409);
    });
  }

  it('refuses HTML, SVG and scripts by name or declared type before any upload', async () => {
    for (const [name, type] of [
      ['a.html', 'text/html'],
      ['a.svg', 'image/svg+xml'],
      ['a.pdf', 'text/html'],
      ['run.js', 'text/javascript'],
      ['setup.exe', 'application/x-msdownload'],
    ]) {
      const r = await begin('jtj', name, 10, type);
      expect(r.status, name).toBe(422);
      expect(r.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    }
  });
});

describe('size limits', () => {
  it('refuses an empty file when declared and when stored', async () => {
    const declared = await begin('jtj', 'a.pdf', 0);
    expect(declared.status).toBe(422);
    expect(declared.body.error.code).toBe('ATTACHMENT_EMPTY');
    const created = await begin('jtj', 'b.pdf', 10);
    expect((await put(created.body.upload.url, new Uint8Array())).status).toBe(200);
    const done = await api.json('POST', `/api/attachments/${created.body.id}/complete`, { as: 'jtj' });
    expect(done.status).toBe(422);
    expect(done.body.error.code).toBe('ATTACHMENT_EMPTY');
  });

  it('refuses more than the limit (20 MB by default), and cuts an upload off past its declared size', async () => {
    const big = await begin('jtj', 'big.pdf', 20 * 1024 * 1024 + 1);
    expect(big.status).toBe(422);
    expect(big.body.error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(big.body.error.message).toMatch(/20 MB/);

    const created = await begin('jtj', 'small.pdf', 100);
    const over = await put(created.body.upload.url, new Uint8Array(101).fill(0x25));
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await api.deps.files.size(`incoming/jtj/${created.body.id}`)).toBeNull();
  });

  it('takes the per-file limit from the organisation settings', async () => {
    const settings = await api.deps.org.getSettings();
    await api.deps.org.putSettings({ ...settings, attachmentMaxBytes: 50 });
    try {
      const r = await begin('jtj', 'a.pdf', PDF.byteLength);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('ATTACHMENT_TOO_LARGE');
    } finally {
      await api.deps.org.putSettings(settings);
    }
  });
});

describe('access', () => {
  it('answers 404 to another unit before submission, for metadata, content and completion', async () => {
    const r = await upload('jtj', '纪要.pdf', PDF);
    for (const as of ['jyj', 'jjs', 'jxpj']) {
      expect((await api.json('GET', `/api/attachments/${r.id}`, { as })).status, as).toBe(404);
      expect((await api.call('GET', `/api/attachments/${r.id}/content`, { as })).status, as).toBe(404);
    }
    const foreign = await api.json('POST', `/api/attachments/${r.id}/complete`, { as: 'jyj' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
  });

  it('reviewers of the submission download its files once submitted; another department gets 404', async () => {
    const file = await upload('jtj', '资金下达文件.pdf', PDF);
    const id = await specialFundTarget([file.id]);
    const submitted = await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    for (const as of ['jxpj', 'ysg', 'jtjld']) {
      const res = await api.call('GET', `/api/attachments/${file.id}/content`, { as });
      expect(res.status, as).toBe(200);
    }
    for (const as of ['jyj', 'kjw']) {
      expect((await api.call('GET', `/api/attachments/${file.id}/content`, { as })).status, as).toBe(404);
    }
    const meta = await api.json('GET', `/api/attachments/${file.id}`, { as: 'jxpj' });
    expect(meta.body).toMatchObject({ submissionId: id, pinnedRound: 1 });
  });
});

describe('R-B2 and R-B1 accept only a completed file of the same unit', () => {
  it('R-B2 refuses a made-up id, a pending upload and another unit’s file, at the field', async () => {
    const made = await specialFundTarget(['att-7731']);
    const r1 = await api.json('POST', `/api/submissions/${made}/submit`, { as: 'jtj' });
    expect(r1.status).toBe(422);
    expect(r1.body.error.code).toBe('ATTACHMENT_INVALID');
    expect(r1.body.error.details).toEqual([
      { path: '/fundReleaseDoc/attachments/0', message: expect.stringMatching(/附件/) },
    ]);

    const pending = await begin('jtj', 'p.pdf', PDF.byteLength);
    const other = await upload('jyj', 'x.pdf', PDF);
    const mixed = await specialFundTarget([pending.body.id, other.id]);
    const r2 = await api.json('POST', `/api/submissions/${mixed}/submit`, { as: 'jtj' });
    expect(r2.status).toBe(422);
    expect(r2.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/fundReleaseDoc/attachments/0',
      '/fundReleaseDoc/attachments/1',
    ]);
  });

  it('R-B2 refuses a special-fund target with no file at all (rule message at the field)', async () => {
    const id = await specialFundTarget([]);
    const r = await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain('/fundReleaseDoc/attachments');
  });

  it('refuses a file already bound to another submission', async () => {
    const file = await upload('jtj', 'a.pdf', PDF);
    const first = await specialFundTarget([file.id]);
    expect((await api.json('POST', `/api/submissions/${first}/submit`, { as: 'jtj' })).status).toBe(200);
    const second = await specialFundTarget([file.id]);
    const r = await api.json('POST', `/api/submissions/${second}/submit`, { as: 'jtj' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ATTACHMENT_INVALID');
  });

  it('R-B1: the 部门整体 target submits with a real 三重一大 minutes file', async () => {
    const file = await upload('jtj', '党组会纪要.pdf', PDF);
    const data = example('dept-target', 'valid-transport-bureau.json');
    data.tripleOneDecision.attachments = [file.id];
    const c = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'dept-target', data } });
    const r = await api.json('POST', `/api/submissions/${c.body.id}/submit`, { as: 'jtj' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
});

describe('pinned on submit: a new round adds files, none are silently removed', () => {
  it('keeps round-1 files, records which files each round added', async () => {
    const first = await upload('jtj', '第一版.pdf', PDF);
    const id = await specialFundTarget([first.id]);
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect((await api.decide(id, 'jtjld', 'return')).status).toBe(200);

    const second = await upload('jtj', '补充.pdf', PDF);
    const current = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    const replace = structuredClone(current.body.data);
    replace.fundReleaseDoc.attachments = [second.id];
    let saved = await api.json('PUT', `/api/submissions/${id}`, {
      as: 'jtj',
      body: { data: replace, version: current.body.version },
    });
    expect(saved.status).toBe(200);
    const refused = await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].message).toMatch(/第一版\.pdf.*不能删除或替换/);

    const both = structuredClone(current.body.data);
    both.fundReleaseDoc.attachments = [first.id, second.id];
    saved = await api.json('PUT', `/api/submissions/${id}`, {
      as: 'jtj',
      body: { data: both, version: saved.body.version },
    });
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    const history = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    const added = history.body.items
      .filter((e: { type: string }) => e.type === 'submitted')
      .map((e: { attachmentsAdded?: { name: string }[] }) => (e.attachmentsAdded ?? []).map((a) => a.name));
    expect(added).toEqual([['第一版.pdf'], ['补充.pdf']]);
    expect((await api.json('GET', `/api/attachments/${second.id}`, { as: 'jtj' })).body.pinnedRound).toBe(2);
  });
});

describe('orphans expire after a day', () => {
  it('the sweep deletes files never pinned (completed or not) older than a day, and keeps pinned ones', async () => {
    const late = await createTestApi({ clock: () => '2026-05-01T00:00:00.000Z' });
    const body = (name: string) => ({ name, size: PDF.byteLength, contentType: 'application/pdf' });
    const orphan = await late.json('POST', '/api/attachments', { as: 'jtj', body: body('orphan.pdf') });
    await late.app.request(orphan.body.upload.url, { method: 'PUT', body: PDF });
    expect((await late.json('POST', `/api/attachments/${orphan.body.id}/complete`, { as: 'jtj' })).status).toBe(200);
    const never = await late.json('POST', '/api/attachments', { as: 'jtj', body: body('never.pdf') });

    const pinned = await late.json('POST', '/api/attachments', { as: 'jtj', body: body('kept.pdf') });
    await late.app.request(pinned.body.upload.url, { method: 'PUT', body: PDF });
    await late.json('POST', `/api/attachments/${pinned.body.id}/complete`, { as: 'jtj' });
    const data = {
      ...example('project-target', 'valid-rural-road-maintenance.json'),
      isSpecialFund: true,
      fundReleaseDoc: { docNo: '1', title: '文件', attachments: [pinned.body.id] },
    };
    const sub = await late.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target', data } });
    expect((await late.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);

    // Within the day nothing goes.
    const early = { ...late.deps, clock: { now: () => '2026-05-01T23:00:00.000Z' } };
    expect(await sweepOrphanAttachments(early)).toEqual({ removed: 0 });
    const next = { ...late.deps, clock: { now: () => '2026-05-02T00:00:01.000Z' } };
    expect(await sweepOrphanAttachments(next)).toEqual({ removed: 2 });
    expect((await late.json('GET', `/api/attachments/${orphan.body.id}`, { as: 'jtj' })).status).toBe(404);
    expect((await late.json('GET', `/api/attachments/${never.body.id}`, { as: 'jtj' })).status).toBe(404);
    expect(await late.deps.files.size(`incoming/jtj/${orphan.body.id}`)).toBeNull();
    const kept = await late.call('GET', `/api/attachments/${pinned.body.id}/content`, { as: 'jtj' });
    expect(kept.status).toBe(200);
    expect(new Uint8Array(await kept.arrayBuffer())).toEqual(PDF);
  });
});
