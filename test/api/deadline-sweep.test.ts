import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../functions/core/use-cases/review/sweep-deadlines';
import { createTestApi, type TestApi } from '../support/api';
import { selfEvalAtUnitFeedback } from '../support/proof';

let api: TestApi;
let now = '2026-01-05T02:00:00.000Z';
beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
});

describe('daily deadline sweep (催办)', () => {
  it('marks the unit feedback task overdue once its 15 working days have passed, reminds once, and shows it as overdue in the inbox', async () => {
    const { id, dueAt } = await selfEvalAtUnitFeedback(api);

    expect(await sweepDeadlines(api.deps)).toMatchObject({ reminded: 0 });
    const before = await api.json('GET', '/api/tasks?status=open', { as: 'jtjld' });
    expect(before.body.items.find((t: { submissionId: string }) => t.submissionId === id).overdue).toBe(false);

    now = new Date(Date.parse(dueAt) + 1000).toISOString();
    expect(await sweepDeadlines(api.deps)).toMatchObject({ reminded: 1 });
    expect(await sweepDeadlines(api.deps)).toMatchObject({ reminded: 0 });
    const after = await api.json('GET', '/api/tasks?status=open', { as: 'jtjld' });
    expect(after.body.items.find((t: { submissionId: string }) => t.submissionId === id).overdue).toBe(true);
    // The unit hears of the overdue 整改 feedback once, in the notification center, linked to its 结果应用函.
    const notes = (await api.json('GET', '/api/notifications?limit=100', { as: 'jtjld' })).body.items.filter(
      (n: { type: string; link: string }) => n.type === 'rectification_overdue',
    );
    expect(notes.map((n: { link: string }) => n.link)).toEqual([`/submissions/${encodeURIComponent(id)}/letter`]);
  });
});

describe('daily deadline sweep of 填报任务', () => {
  it('reminds units that have not submitted when a campaign is due within 3 working days, and when overdue, once per unit per day', async () => {
    now = '2026-01-05T02:00:00.000Z'; // Monday
    const issued = await api.json('POST', '/api/campaigns', {
      as: 'jxpj',
      body: { formId: 'project-target', title: '扫描任务', year: 2026, dueDate: '2026-01-09', unitIds: ['jtj', 'jyj'] },
    });
    expect(issued.status).toBe(201);
    const id = issued.body.id as string;
    const notes = async (as: string) =>
      (await api.json('GET', '/api/notifications?limit=100', { as })).body.items.filter(
        (n: { link: string; type: string }) => n.link === `/campaigns/${id}` && n.type === 'campaign_deadline',
      );
    // Monday: Friday is 4 working days away — not yet.
    expect((await sweepDeadlines(api.deps)).campaignReminders).toBe(0);
    now = '2026-01-06T01:00:00.000Z'; // Tuesday 09:00 Shanghai: due within 3 working days
    expect((await sweepDeadlines(api.deps)).campaignReminders).toBe(2);
    now = '2026-01-06T09:00:00.000Z'; // same day in Shanghai: no second reminder
    expect((await sweepDeadlines(api.deps)).campaignReminders).toBe(0);
    expect(await notes('jyj')).toHaveLength(1);
    expect((await notes('jyj'))[0].title).toBe('即将截止：扫描任务');

    const form = await api.json('GET', '/api/forms/project-target', { as: 'jtj' });
    const data = form.body.examples.find((e: { title: string }) => e.title.includes('农村公路日常养护')).data;
    const sub = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'project-target', campaignId: id, data },
    });
    expect((await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
    now = '2026-01-07T01:00:00.000Z'; // next day: only jyj has not submitted
    expect((await sweepDeadlines(api.deps)).campaignReminders).toBe(1);
    now = '2026-01-12T01:00:00.000Z'; // overdue
    expect((await sweepDeadlines(api.deps)).campaignReminders).toBe(1);
    const jyj = await notes('jyj');
    expect(jyj).toHaveLength(3);
    expect(jyj[0].title).toBe('已逾期：扫描任务');
    expect(await notes('jtj')).toHaveLength(1);
    const board = await api.json('GET', `/api/campaigns/${id}`, { as: 'jxpj' });
    expect(board.body.units.find((u: { unitId: string }) => u.unitId === 'jyj')).toMatchObject({
      overdue: true,
      remindedAt: now,
    });
    // A closed campaign is no longer swept.
    await api.json('POST', `/api/campaigns/${id}/close`, { as: 'jxpj', body: {} });
    now = '2026-01-13T01:00:00.000Z';
    expect((await sweepDeadlines(api.deps)).campaignReminders).toBe(0);
  });
});
