import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailCatcher, startMailCatcher } from '../../functions/adapters/mail/mail-catcher';
import { createSesSender } from '../../functions/adapters/mail/ses-sender';
import { createSmtpSender } from '../../functions/adapters/mail/smtp-sender';

let catcher: MailCatcher;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-outbox-'));
  catcher = await startMailCatcher(join(dir, 'outbox'));
});
afterAll(async () => {
  await catcher.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) of a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The header block unfolded, and the body decoded by its Content-Transfer-Encoding. */
function parseEml(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1] ?? '';
  const bodyRaw = rest.join('\n\n');
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const body =
    cte === 'base64'
      ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            bodyRaw
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : bodyRaw;
  return { header, body };
}

describe('local mail: nodemailer to the smtp-server catcher, written as .eml', () => {
  it('delivers a Chinese message over a real SMTP round trip into DATA_DIR/outbox', async () => {
    const sender = createSmtpSender({
      host: catcher.host,
      port: catcher.port,
      from: '绩效平台 <noreply@jixiao.local>',
    });
    await sender.send({
      to: 'liufang@jtj.example',
      subject: '【绩效平台】催报：2025年度项目支出绩效自评',
      text: '刘芳，您好：\n\n请于 2026-03-31 前完成填报。\n\n查看详情：http://localhost:3000/campaigns/c1\n',
    });
    const files = readdirSync(catcher.dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const raw = readFileSync(join(catcher.dir, files[0]), 'utf8');
    const { header, body } = parseEml(raw);
    // The subject travels RFC 2047-encoded (7-bit header) and decodes to the Chinese text.
    expect(header('Subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(decodeWords(header('Subject'))).toBe('【绩效平台】催报：2025年度项目支出绩效自评');
    expect(header('To')).toBe('liufang@jtj.example');
    expect(decodeWords(header('From'))).toContain('noreply@jixiao.local');
    expect(header('Content-Type')).toMatch(/charset=utf-8/i);
    expect(body).toContain('请于 2026-03-31 前完成填报。');
    expect(body).toContain('http://localhost:3000/campaigns/c1');
  });

  it('fails loudly when the SMTP server is not there (the caller queues the message)', async () => {
    const sender = createSmtpSender({ host: '127.0.0.1', port: 1, from: 'noreply@jixiao.local' });
    await expect(sender.send({ to: 'a@b.example', subject: '测试', text: '测试' })).rejects.toThrow();
  });
});

describe('SES v2 adapter', () => {
  it('sends one SendEmail with the verified sender, the configuration set and UTF-8 content', async () => {
    const sent: SendEmailCommand[] = [];
    const sender = createSesSender({
      client: { send: async (cmd: SendEmailCommand) => void sent.push(cmd) } as never,
      from: 'noreply@jixiao.example.gov.cn',
      configurationSet: 'jixiao-dev',
    });
    await sender.send({ to: 'wangli@jyj.example', subject: '【绩效平台】新的待办', text: '请办理。' });
    expect(sent).toHaveLength(1);
    expect(sent[0].constructor.name).toBe('SendEmailCommand');
    expect(sent[0].input).toEqual({
      FromEmailAddress: 'noreply@jixiao.example.gov.cn',
      Destination: { ToAddresses: ['wangli@jyj.example'] },
      ConfigurationSetName: 'jixiao-dev',
      Content: {
        Simple: {
          Subject: { Data: '【绩效平台】新的待办', Charset: 'UTF-8' },
          Body: { Text: { Data: '请办理。', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('lets a refusal by SES reach the caller', async () => {
    const sender = createSesSender({
      client: {
        send: async () => {
          throw Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' });
        },
      } as never,
      from: 'noreply@jixiao.example.gov.cn',
      configurationSet: 'jixiao-dev',
    });
    await expect(sender.send({ to: 'x@y.example', subject: 's', text: 't' })).rejects.toThrow(/not verified/);
  });
});
