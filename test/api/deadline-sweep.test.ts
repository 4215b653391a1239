import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../functions/core/use-cases/sweep-deadlines';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
let now = '2026-01-05T02:00:00.000Z';
beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
});

const decide = (id: string, as: string, stepId: string, extra: Record<string, unknown> = {}) =>
  api.json('POST', `/api/submissions/${id}/decisions`, { as, body: { stepId, action: 'approve', ...extra } });

describe('daily deadline sweep (催办)', () => {
  it('marks the unit feedback task overdue once its 15 working days have passed, reminds once, and shows it as overdue in the inbox', async () => {
    const data = JSON.parse(readFileSync('forms/project-self-eval/examples/valid-rural-road-maintenance.json', 'utf8')).data;
    const created = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-self-eval', data } });
    const id = created.body.id as string;
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect((await decide(id, 'jtjld', 'leaderSignoff')).status).toBe(200);
    expect((await decide(id, 'jjs', 'bizPrelimReview')).status).toBe(200);
    expect((await decide(id, 'jxpj', 'spotCheck', { score: 92, fields: { spotChecked: true } })).status).toBe(200);
    const letter = await decide(id, 'jxpj', 'resultApplication', { fields: {} });
    const dueAt = letter.body.openSteps[0].dueAt as string;
    expect(letter.body.openSteps[0].stepId).toBe('unitFeedback');

    expect(await sweepDeadlines(api.deps)).toEqual({ reminded: 0 });
    const before = await api.json('GET', '/api/tasks?status=open', { as: 'jtjld' });
    expect(before.body.items.find((t: { submissionId: string }) => t.submissionId === id).overdue).toBe(false);

    now = new Date(Date.parse(dueAt) + 1000).toISOString();
    expect(await sweepDeadlines(api.deps)).toEqual({ reminded: 1 });
    expect(await sweepDeadlines(api.deps)).toEqual({ reminded: 0 });
    const after = await api.json('GET', '/api/tasks?status=open', { as: 'jtjld' });
    expect(after.body.items.find((t: { submissionId: string }) => t.submissionId === id).overdue).toBe(true);
  });
});
