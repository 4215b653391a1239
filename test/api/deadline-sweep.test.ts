import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../functions/core/use-cases/sweep-deadlines';
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
