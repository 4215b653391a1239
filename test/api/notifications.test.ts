import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { expectClear4xx } from '../support/proof';

/** 催报 into the notification center: fan-out per user, the hourly limit, read/unread, access. */
let api: TestApi;
let now = '2026-03-02T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse('2026-03-02T02:00:00.000Z') + minutes * 60_000).toISOString();

const issue = async (unitIds: string[]) => {
  const r = await api.json('POST', '/api/campaigns', {
    as: 'jxpj',
    body: { formId: 'project-target', title: '催报测试任务', year: 2026, dueDate: '2026-03-31', unitIds },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
};
const remind = (id: string, body: Record<string, unknown> = {}, as = 'jxpj') =>
  api.json('POST', `/api/campaigns/${id}/reminders`, { as, body });
const unread = async (as: string) => (await api.json('GET', '/api/notifications/unread-count', { as })).body.unread;

beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
});

describe('催报 and the notification center', () => {
  it('reminds the units that have not submitted, to every user of each unit, with a link to the campaign', async () => {
    const id = await issue(['jtj', 'jyj']);
    const [jtj0, jtjld0, jyj0] = [await unread('jtj'), await unread('jtjld'), await unread('jyj')];
    const r = await remind(id, { message: '请于本周内完成填报' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ reminded: 2, unitIds: ['jtj', 'jyj'], skipped: [] });
    expect(await unread('jtj')).toBe(jtj0 + 1);
    expect(await unread('jtjld')).toBe(jtjld0 + 1);
    expect(await unread('jyj')).toBe(jyj0 + 1);
    expect(await unread('jjs')).toBe(0);
    const list = await api.json('GET', '/api/notifications', { as: 'jtj' });
    expect(list.body.items[0]).toMatchObject({
      type: 'campaign_reminder',
      title: '催报：催报测试任务',
      message: '请于本周内完成填报',
      at: now,
      read: false,
      link: `/campaigns/${id}`,
    });
    expect(list.body.unread).toBe(jtj0 + 1);
    const b = await api.json('GET', `/api/campaigns/${id}`, { as: 'jxpj' });
    expect(b.body.units.map((u: { remindedAt: string }) => u.remindedAt)).toEqual([now, now]);
  });

  it('sends at most one reminder per unit per campaign per hour: all inside the hour → 429 REMINDER_TOO_SOON, nothing sent', async () => {
    now = at(0);
    const id = await issue(['jtj']);
    expect((await remind(id)).status).toBe(200);
    const before = await unread('jtj');
    now = at(59);
    const again = await remind(id);
    expectClear4xx(again, 429);
    expect(again.body.error.code).toBe('REMINDER_TOO_SOON');
    expect(again.res.headers.get('retry-after')).toBe('3600');
    expect(await unread('jtj')).toBe(before);
    now = at(61);
    expect((await remind(id)).body.reminded).toBe(1);
    expect(await unread('jtj')).toBe(before + 1);
  });

  it('skips (with a reason) the chosen units reminded within the hour and reminds the others', async () => {
    now = at(120);
    const id = await issue(['jtj', 'jyj']);
    expect((await remind(id, { unitIds: ['jtj'] })).body.unitIds).toEqual(['jtj']);
    now = at(130);
    const r = await remind(id, { unitIds: ['jtj', 'jyj'] });
    expect(r.status).toBe(200);
    expect(r.body.reminded).toBe(1);
    expect(r.body.unitIds).toEqual(['jyj']);
    expect(r.body.skipped).toEqual([
      { unitId: 'jtj', reason: 'recently_reminded', message: expect.stringMatching(/一小时内已催报/) },
    ]);
  });

  it('reminds only the units that have not submitted by default; 409 when all have', async () => {
    now = at(200);
    const id = await issue(['jtj']);
    const form = await api.json('GET', '/api/forms/project-target', { as: 'jtj' });
    const data = form.body.examples.find((e: { title: string }) => e.title.includes('农村公路日常养护')).data;
    const sub = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'project-target', campaignId: id, data },
    });
    expect((await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
    const r = await remind(id);
    expectClear4xx(r, 409);
    expect(r.body.error.code).toBe('CAMPAIGN_NOTHING_TO_REMIND');
  });

  it('refuses a department reminding (403) and units outside the campaign (422), sending nothing', async () => {
    const id = await issue(['jtj']);
    const before = await unread('jyj');
    const dept = await remind(id, {}, 'jtj');
    expectClear4xx(dept, 403);
    expect(dept.body.error.code).toBe('CAMPAIGN_ISSUER_ONLY');
    const outside = await remind(id, { unitIds: ['jyj'] });
    expectClear4xx(outside, 422);
    expect(outside.body.error.code).toBe('CAMPAIGN_UNIT_NOT_ADDRESSED');
    expect(outside.body.error.details[0].path).toBe('/unitIds/0');
    expect(await unread('jyj')).toBe(before);
  });

  it('marks read once per user: the unread count drops, a second read changes nothing, someone else’s id is 404', async () => {
    now = at(300);
    const id = await issue(['jtj']);
    await remind(id);
    const list = await api.json('GET', '/api/notifications?unread=true', { as: 'jtj' });
    const n = list.body.items.find((x: { link: string }) => x.link === `/campaigns/${id}`);
    const before = list.body.unread;
    const read = await api.json('POST', `/api/notifications/${n.id}/read`, { as: 'jtj' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ unread: before - 1 });
    expect((await api.json('POST', `/api/notifications/${n.id}/read`, { as: 'jtj' })).body).toEqual({
      unread: before - 1,
    });
    const after = await api.json('GET', '/api/notifications', { as: 'jtj' });
    expect(after.body.items.find((x: { id: string }) => x.id === n.id)).toMatchObject({ read: true, readAt: now });
    const unreadOnly = await api.json('GET', '/api/notifications?unread=true', { as: 'jtj' });
    expect(unreadOnly.body.items.map((x: { id: string }) => x.id)).not.toContain(n.id);
    // jtjld got its own copy: still unread for jtjld; jtj's id means nothing to jtjld.
    const other = await api.json('POST', `/api/notifications/${n.id}/read`, { as: 'jtjld' });
    expectClear4xx(other, 404);
    expect(other.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    const ghost = await api.json('POST', '/api/notifications/0000000000-nosuch/read', { as: 'jtj' });
    expectClear4xx(ghost, 404);
  });
});
