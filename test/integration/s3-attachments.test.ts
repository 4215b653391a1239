import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sweepOrphanAttachments } from '../../functions/core/use-cases/attachments/sweep-attachments';
import { readConfig } from '../../functions/entry/config';
import { cloudStorage } from '../../functions/entry/storage';
import { createTestApi, type TestApi } from '../support/api';

/**
 * The S3 file store against s3rver (a local S3 emulator, in-process, own directory, free port), chosen the way
 * the Lambda chooses it: from ATTACHMENT_BUCKET / ATTACHMENT_S3_ENDPOINT. s3rver verifies neither SigV4 signatures nor POST
 * policies, so the policy is decoded and asserted here, and `complete` must refuse whatever got stored anyway.
 */
const BUCKET = 'jixiao-attachments-test';
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(60).fill(0)]);
const HTML = text('<!doctype html><html><body><script>alert(1)</script></body></html>');
const example = JSON.parse(
  readFileSync('forms/project-target/examples/valid-rural-road-maintenance.json', 'utf8'),
).data;

let dir: string;
let server: S3rver;
let endpoint: string;
let api: TestApi;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: dir,
    silent: true,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  // s3rver's default key pair, through the SDK's ordinary credential chain (the Lambda's role does this in the cloud).
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  const config = readConfig({
    ATTACHMENT_BUCKET: BUCKET,
    ATTACHMENT_S3_ENDPOINT: endpoint,
    AWS_REGION: 'ap-southeast-1',
  });
  api = await createTestApi({ storage: cloudStorage(config) });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface PostTarget {
  method: string;
  url: string;
  fields: Record<string, string>;
}

async function begin(name: string, size: number, contentType = 'application/pdf', as = 'jtj') {
  const r = await api.json('POST', '/api/attachments', { as, body: { name, size, contentType } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; upload: PostTarget };
}

/** What a browser does with the presigned form: the fields, then the file, as multipart/form-data. */
async function postForm(target: PostTarget, bytes: Uint8Array, filename: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(target.fields)) form.append(k, v);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), filename);
  const res = await fetch(target.url, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

/** Declare, POST the bytes to the emulator, complete. */
async function upload(name: string, bytes: Uint8Array, declared = bytes.byteLength, as = 'jtj') {
  const created = await begin(name, declared, 'application/pdf', as);
  await postForm(created.upload, bytes, name);
  const done = await api.json('POST', `/api/attachments/${created.id}/complete`, { as });
  return { id: created.id, key: created.upload.fields.key, ...done };
}

const stored = (key: string) => api.deps.files.size(key);

describe('S3 store chosen by configuration', () => {
  it('is what ATTACHMENT_BUCKET and ATTACHMENT_S3_ENDPOINT select', () => {
    const env = { ATTACHMENT_BUCKET: BUCKET, ATTACHMENT_S3_ENDPOINT: endpoint };
    expect(cloudStorage(readConfig(env))).toEqual({ mode: 's3', bucket: BUCKET, region: 'ap-southeast-1', endpoint });
    expect(cloudStorage(readConfig({}))).toBeUndefined();
  });
});

describe('presigned POST policy', () => {
  it('limits the upload to the declared size, this exact key under the unit prefix, this bucket and type', async () => {
    const created = await begin('资金下达文件.pdf', 1234);
    const { upload } = created;
    expect(upload.method).toBe('POST');
    expect(upload.url).toBe(`${endpoint}/${BUCKET}`);
    expect(upload.fields.key).toBe(`incoming/jtj/${created.id}`);
    expect(upload.fields['Content-Type']).toBe('application/pdf');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy, 'base64').toString('utf8'));
    const conditions = policy.conditions as unknown[];
    expect(conditions).toContainEqual(['content-length-range', 1, 1234]);
    expect(conditions).toContainEqual(['starts-with', '$key', 'incoming/jtj/']);
    expect(conditions).toContainEqual({ key: `incoming/jtj/${created.id}` });
    expect(conditions).toContainEqual({ bucket: BUCKET });
    expect(conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
    // Valid for the upload window only (15 minutes).
    const ttl = Date.parse(policy.expiration) - Date.now();
    expect(ttl).toBeGreaterThan(14 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);
    // Signed for the S3 service with SigV4.
    expect(upload.fields['X-Amz-Algorithm']).toBe('AWS4-HMAC-SHA256');
    expect(upload.fields['X-Amz-Credential']).toMatch(/^S3RVER\/\d{8}\/ap-southeast-1\/s3\/aws4_request$/);
    expect(upload.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('complete re-checks the stored bytes, whatever the store let through', () => {
  it('accepts a real PDF, records its sha256; the download is a presigned redirect that forces a download', async () => {
    const r = await upload('资金下达文件（2025）.pdf', PDF);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ contentType: 'application/pdf', size: PDF.byteLength });
    expect(r.body.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(await stored(r.key)).toBe(PDF.byteLength);

    const res = await api.call('GET', `/api/attachments/${r.id}/content`, { as: 'jtj' });
    expect(res.status).toBe(302);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    const location = res.headers.get('location') as string;
    expect(location.startsWith(`${endpoint}/${BUCKET}/${r.key}?`)).toBe(true);
    expect(new URL(location).searchParams.get('X-Amz-Expires')).toBe('60');

    const file = await fetch(location);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(res.headers.get('content-disposition'));
    expect(file.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('资金下达文件（2025）')}.pdf`,
    );
    // The overrides are part of the signed query (s3rver does not verify SigV4; S3 refuses a changed query).
    expect(new URL(location).searchParams.get('response-content-disposition')).toBe(
      res.headers.get('content-disposition'),
    );
    expect(new URL(location).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an executable named .pdf and HTML declared as PDF, and deletes the bytes', async () => {
    for (const [name, bytes] of [
      ['报告.pdf', ELF],
      ['纪要.pdf', HTML],
    ] as const) {
      const r = await upload(name, bytes);
      expect(r.status, name).toBe(422);
      expect(r.body.error.code, name).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
      expect(r.body.error.details[0].path).toBe('file');
      expect(await stored(r.key), name).toBeNull();
      const meta = await api.json('GET', `/api/attachments/${r.id}`, { as: 'jtj' });
      expect(meta.body.status).toBe('pending');
    }
  });

  it('refuses bytes larger than declared (the policy range the emulator ignores) and deletes them', async () => {
    const big = new Uint8Array(4096).fill(0x20);
    big.set(PDF);
    const r = await upload('大文件.pdf', big, 100);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await stored(r.key)).toBeNull();
  });

  it('refuses an empty upload and a completion before any upload', async () => {
    const empty = await upload('空.pdf', new Uint8Array(0), 10);
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('ATTACHMENT_EMPTY');
    expect(await stored(empty.key)).toBeNull();

    const never = await begin('未上传.pdf', 10);
    const r = await api.json('POST', `/api/attachments/${never.id}/complete`, { as: 'jtj' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ATTACHMENT_NOT_UPLOADED');
  });
});

describe('submit pins the file in the bucket; reviewers download it, other units get 404', () => {
  it('copies it out of incoming/, serves it to the chain and to nobody else, and the orphan sweep spares it', async () => {
    const file = await upload('资金下达文件.pdf', PDF);
    expect(file.status).toBe(200);
    const data = {
      ...example,
      isSpecialFund: true,
      fundReleaseDoc: {
        docNo: '信财预指〔2025〕35号',
        title: '关于下达农村公路养护资金的通知',
        attachments: [file.id],
      },
    };
    const created = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target', data } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await api.json('POST', `/api/submissions/${created.body.id}/submit`, { as: 'jtj' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await stored(`files/jtj/${file.id}`)).toBe(PDF.byteLength);

    for (const as of ['jtjld', 'jxpj', 'ysg']) {
      const res = await api.call('GET', `/api/attachments/${file.id}/content`, { as });
      expect(res.status, as).toBe(302);
      const bytes = new Uint8Array(await (await fetch(res.headers.get('location') as string)).arrayBuffer());
      expect(bytes, as).toEqual(PDF);
    }
    for (const as of ['jyj', 'kjw']) {
      const res = await api.json('GET', `/api/attachments/${file.id}/content`, { as });
      expect(res.status, as).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(res.res.headers.get('location')).toBeNull();
    }

    // A day later the sweep deletes every orphan object of the bucket and keeps the pinned file.
    const orphan = await upload('孤儿.pdf', PDF);
    expect(await stored(orphan.key)).toBe(PDF.byteLength);
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000).toISOString();
    const swept = await sweepOrphanAttachments({ ...api.deps, clock: { now: () => later } });
    expect(swept.removed).toBeGreaterThanOrEqual(1);
    expect(await stored(orphan.key)).toBeNull();
    expect(await stored(`files/jtj/${file.id}`)).toBe(PDF.byteLength);
    expect((await api.call('GET', `/api/attachments/${file.id}/content`, { as: 'jxpj' })).status).toBe(302);
  });
});
