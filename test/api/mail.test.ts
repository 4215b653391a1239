import { beforeAll, describe, expect, it } from 'vitest';
import { createMailStore } from '../../functions/adapters/dynamodb/mail-store';
import type { MailMessage } from '../../functions/core/ports-mail';
import { MAIL_MAX_ATTEMPTS, MAIL_SEND_BUDGET_MS, sweepMail } from '../../functions/core/use-cases/notifications/mail';
import { sweepDeadlines } from '../../functions/core/use-cases/review/sweep-deadlines';
import { createTestApi, type TestApi } from '../support/api';
import { selfEvalAtUnitFeedback } from '../support/proof';

/** Email by preference: immediate, daily digest, off; failures queued and retried by the sweep. */
let api: TestApi;
let now = '2026-03-02T02:00:00.000Z';
const sent: MailMessage[] = [];
let failing = false;
/** The mail service takes every message and never answers. */
let hanging = false;
const ids = new Map<string, string>();

const setEmail = (username: string, email: string) =>
  api.json('PUT', `/api/admin/users/${ids.get(username)}`, { as: 'admin', body: { email } });
const setPreference = (as: string, mailPreference: string) =>
  api.json('PUT', '/api/me/preferences', { as, body: { mailPreference } });
const to = (addr: string) => sent.filter((m) => m.to === addr);

beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
  api.deps.mail = {
    sender: {
      async send(m) {
        if (failing) throw new Error('connection refused');
        if (hanging) return new Promise(() => {});
        sent.push(m);
      },
    },
    store: createMailStore(api.deps.db),
    appUrl: 'https://jixiao.example.gov.cn',
  };
  const users = await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' });
  for (const u of users.body.items) ids.set(u.username, u.id);
  for (const name of ['jtj', 'jtjld', 'jjs', 'jxpj'])
    expect((await setEmail(name, `${name}@xf.example`)).status).toBe(200);
});

describe('email preferences', () => {
  it('reads and changes the caller’s own preference; a bad value is a 422 at its path', async () => {
    const mine = await api.json('GET', '/api/me/preferences', { as: 'jyj' });
    expect(mine.body).toMatchObject({ email: null, mailPreference: 'immediate' });
    const changed = await setPreference('jyj', 'digest');
    expect(changed.status).toBe(200);
    expect((await api.json('GET', '/api/me/preferences', { as: 'jyj' })).body.mailPreference).toBe('digest');
    const bad = await setPreference('jyj', 'weekly');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('/mailPreference');
    const email = await api.json('PUT', '/api/me/preferences', {
      as: 'jyj',
      body: { mailPreference: 'off', email: 'x@y.example' },
    });
    expect(email.status).toBe(422);
    expect((await api.json('GET', '/api/me/preferences')).status).toBe(401);
  });

  it('lets only the admin set a user’s address, and refuses a malformed one at /email', async () => {
    expect((await api.json('GET', '/api/me/preferences', { as: 'jtj' })).body.email).toBe('jtj@xf.example');
    const bad = await setEmail('jyj', 'not-an-address');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/email']);
    const byOther = await api.json('PUT', `/api/admin/users/${ids.get('jyj')}`, {
      as: 'jtj',
      body: { email: 'a@b.example' },
    });
    expect(byOther.status).toBe(403);
  });
});

describe('email where notifications and tasks arise', () => {
  it('sends a new task at once to immediate users, nothing to users who turned it off, and the digest once a day', async () => {
    sent.length = 0;
    expect((await setPreference('jtj', 'off')).status).toBe(200);
    expect((await setPreference('jjs', 'digest')).status).toBe(200);
    const id = await api.submittedProjectTarget('jtj');
    // 负责人 sign-off opens for the unit jtj: jtjld (immediate) gets it, jtj (off) does not.
    expect(to('jtjld@xf.example')).toHaveLength(1);
    expect(to('jtjld@xf.example')[0].subject).toMatch(/^【绩效平台】新的待办：/);
    expect(to('jtjld@xf.example')[0].text).toContain(`https://jixiao.example.gov.cn/review/${id}`);
    expect(to('jtj@xf.example')).toHaveLength(0);
    // 经济建设股 (digest) gets nothing now …
    expect((await api.decide(id, 'jtjld')).status).toBe(200);
    expect(to('jjs@xf.example')).toHaveLength(0);
    const second = await api.submittedProjectTarget('jtj');
    expect((await api.decide(second, 'jtjld')).status).toBe(200);
    expect(to('jjs@xf.example')).toHaveLength(0);
    // … and one message with both tasks from the daily sweep, then nothing the next day.
    const swept = await sweepDeadlines(api.deps);
    expect(swept.mail.digests).toBeGreaterThanOrEqual(1);
    const digest = to('jjs@xf.example');
    expect(digest).toHaveLength(1);
    expect(digest[0].subject).toBe('【绩效平台】每日提醒汇总（2 条）');
    expect(digest[0].text).toContain(`/review/${id}`);
    expect(digest[0].text).toContain(`/review/${second}`);
    await sweepDeadlines(api.deps);
    expect(to('jjs@xf.example')).toHaveLength(1);
    expect(to('jtj@xf.example')).toHaveLength(0);
  });

  it('never fails the business action when sending fails: the message is queued and the sweep retries it', async () => {
    sent.length = 0;
    failing = true;
    expect((await setPreference('jxpj', 'immediate')).status).toBe(200);
    const id = await api.submittedProjectTarget('jtj');
    expect((await api.decide(id, 'jtjld')).status).toBe(200);
    const atJxpj = await api.decide(id, 'jjs');
    expect(atJxpj.status).toBe(200);
    expect(sent).toHaveLength(0);
    const queued = await api.deps.mail?.store.due('2099-01-01T00:00:00.000Z');
    expect(queued?.map((q) => q.message.to)).toContain('jxpj@xf.example');
    // Not due yet at the same instant; due after the back-off.
    failing = false;
    await sweepDeadlines(api.deps);
    expect(to('jxpj@xf.example')).toHaveLength(0);
    now = new Date(Date.parse(now) + 6 * 60_000).toISOString();
    const swept = await sweepDeadlines(api.deps);
    expect(swept.mail.retried).toBeGreaterThanOrEqual(1);
    expect(to('jxpj@xf.example')[0].subject).toMatch(/新的待办/);
    expect(await api.deps.mail?.store.due('2099-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('answers a submit in time when the mail service hangs: the message not sent is queued for the sweep', async () => {
    const draft = await api.createProjectTarget('jtj');
    await api.deps.mail?.store
      .due('2099-01-01T00:00:00.000Z')
      .then((all) => Promise.all(all.map((q) => api.deps.mail?.store.settle(q, null))));
    hanging = true;
    const started = performance.now();
    const r = await api.json('POST', `/api/submissions/${draft.id}/submit`, { as: 'jtj' });
    const ms = performance.now() - started;
    hanging = false;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('in_review');
    // It waited for the mail service up to the budget, and no longer (the rest is the submit's own work).
    expect(ms).toBeGreaterThanOrEqual(MAIL_SEND_BUDGET_MS - 50);
    expect(ms).toBeLessThan(MAIL_SEND_BUDGET_MS + 8_000);
    const queued = (await api.deps.mail?.store.due('2099-01-01T00:00:00.000Z')) ?? [];
    expect(queued.map((q) => [q.message.to, q.attempts])).toEqual([['jtjld@xf.example', 1]]);
    expect(queued[0].lastError).toMatch(/no answer from the mail service within/);
    await api.deps.mail?.store.settle(queued[0], null);
  });

  it('keeps the daily sweep within its time when the mail service hangs: what is not tried stays for the next run', async () => {
    const store = createMailStore(api.deps.db);
    await store.due('2099-01-01T00:00:00.000Z').then((all) => Promise.all(all.map((q) => store.settle(q, null))));
    await store.digests().then((all) => store.removeDigests(all));
    for (const n of [1, 2, 3])
      await store.enqueue({
        id: `hang-${n}`,
        userId: ids.get('jxpj') as string,
        message: { to: 'jxpj@xf.example', subject: `待重发 ${n}`, text: 't' },
        attempts: 1,
        nextAttemptAt: now,
        createdAt: now,
      });
    await store.addDigest([
      { id: 'hang-d', userId: ids.get('jjs') as string, title: '汇总', message: 'm', link: '/tasks', at: now },
    ]);
    hanging = true;
    const started = performance.now();
    const swept = await sweepMail(api.deps, { totalMs: 1_000, sendMs: 400 });
    const ms = performance.now() - started;
    hanging = false;
    // Each send waited at most 400 ms, the whole no longer than its 1 s (and the store's own writes).
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(1_000 + 2_000);
    expect(swept.retried + swept.digests).toBe(0);
    expect(swept.failed).toBeGreaterThanOrEqual(2);
    expect(swept.deferred).toBeGreaterThanOrEqual(1);
    expect(swept.failed + swept.deferred).toBe(4);
    // Nothing is lost: every message is still queued (those tried with one more attempt), the digest still waits.
    const queued = await store.due('2099-01-01T00:00:00.000Z');
    expect(queued.map((q) => q.id).sort()).toEqual(['hang-1', 'hang-2', 'hang-3']);
    expect(queued.filter((q) => q.attempts === 2)).toHaveLength(swept.failed);
    expect(queued.find((q) => q.id === 'hang-1')?.lastError).toMatch(/no answer from the mail service within 400 ms/);
    expect((await store.digests()).map((d) => d.id)).toEqual(['hang-d']);
    await Promise.all(queued.map((q) => store.settle(q, null)));
    await store.digests().then((all) => store.removeDigests(all));
  });

  it(`gives a message up after ${MAIL_MAX_ATTEMPTS} attempts`, async () => {
    failing = true;
    const store = createMailStore(api.deps.db);
    await store.enqueue({
      id: 'q1',
      userId: ids.get('jxpj') as string,
      message: { to: 'jxpj@xf.example', subject: 's', text: 't' },
      attempts: MAIL_MAX_ATTEMPTS - 1,
      nextAttemptAt: now,
      createdAt: now,
    });
    const swept = await sweepDeadlines(api.deps);
    expect(swept.mail.failed).toBe(1);
    expect(await store.due('2099-01-01T00:00:00.000Z')).toEqual([]);
    failing = false;
  });

  it('emails 催报 to the units reminded, by preference', async () => {
    sent.length = 0;
    expect((await setPreference('jtj', 'immediate')).status).toBe(200);
    expect((await setPreference('jtjld', 'off')).status).toBe(200);
    const c = await api.json('POST', '/api/campaigns', {
      as: 'jxpj',
      body: {
        formId: 'project-target',
        title: '邮件测试任务',
        year: 2026,
        dueDate: '2026-03-31',
        unitIds: ['jtj', 'jyj'],
      },
    });
    expect(c.status).toBe(201);
    const r = await api.json('POST', `/api/campaigns/${c.body.id}/reminders`, {
      as: 'jxpj',
      body: { message: '请尽快填报' },
    });
    expect(r.status).toBe(200);
    expect(to('jtj@xf.example').map((m) => m.subject)).toEqual(['【绩效平台】催报：邮件测试任务']);
    expect(to('jtj@xf.example')[0].text).toContain('请尽快填报');
    expect(to('jtjld@xf.example')).toHaveLength(0);
  });

  it('emails the units of tasks the sweep finds overdue, once', async () => {
    // The 自评 feedback step has a deadline (15 working days); its unit is jtj (jtj immediate, jtjld off).
    const { id, dueAt } = await selfEvalAtUnitFeedback(api);
    sent.length = 0;
    now = new Date(Date.parse(dueAt) + 1000).toISOString();
    const swept = await sweepDeadlines(api.deps);
    expect(swept.reminded).toBe(1);
    const overdue = to('jtj@xf.example').filter((m) => m.subject.startsWith('【绩效平台】待办已超期：'));
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toContain('已超过办理期限');
    expect(overdue[0].text).toContain(`/review/${id}`);
    expect(to('jtjld@xf.example')).toHaveLength(0);
    sent.length = 0;
    await sweepDeadlines(api.deps);
    expect(to('jtj@xf.example')).toHaveLength(0);
  });
});
