import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { atBizReview, createUsers, expectClear4xx, openTasksFor, selfEvalAtUnitFeedback } from '../support/proof';

// The server clock is the test's: delegation windows and the 催办 hour are judged on it.
let clock = Date.parse('2026-03-02T01:00:00.000Z');
const tick = (ms = 1) => {
  clock += ms;
};
let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({
    clock: () => {
      clock += 1; // every reading moves on, like a real clock
      return new Date(clock).toISOString();
    },
  });
  await createUsers(api, [
    { username: 'jtjfz', unitId: 'jtj', roles: ['filler'], name: '测试副局长' },
    { username: 'jjsdep', unitId: 'jjs', roles: ['filler'], name: '测试股室干部' },
  ]);
});

type Result = { submissionId: string; stepId: string; status: string; error?: { code: string } };

describe('催办 (remind the current assignees)', () => {
  it('Given a step waiting at jjs, When the submitting unit reminds, Then every jjs user gets a 催办 notification linking to the review; a second within the hour is 429 with Retry-After', async () => {
    const id = await atBizReview(api);
    const before = (await api.json('GET', '/api/notifications/unread-count', { as: 'jjs' })).body.unread;
    const r = await api.json('POST', `/api/submissions/${id}/reminders`, {
      as: 'jtj',
      body: { message: '请尽快审核' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ stepId: 'bizReview', unitIds: ['jjs'] });
    const list = await api.json('GET', '/api/notifications', { as: 'jjs' });
    expect(list.body.items[0]).toMatchObject({
      type: 'submission_reminder',
      message: '请尽快审核',
      link: `/review/${id}`,
    });
    expect((await api.json('GET', '/api/notifications/unread-count', { as: 'jjs' })).body.unread).toBe(before + 1);
    tick(30 * 60_000);
    const again = await api.json('POST', `/api/submissions/${id}/reminders`, { as: 'jxpj', body: {} });
    expectClear4xx(again, 429);
    expect(again.body.error.code).toBe('REMINDER_TOO_SOON');
    const wait = Number(again.res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(29 * 60);
    expect(wait).toBeLessThanOrEqual(30 * 60);
    tick(31 * 60_000);
    expect((await api.json('POST', `/api/submissions/${id}/reminders`, { as: 'jxpj', body: {} })).status).toBe(200);
  });

  it('Given an unrelated unit, Then 催办 answers 404; a unit that sees it but may not remind gets 403', async () => {
    const id = await atBizReview(api);
    const unrelated = await api.json('POST', `/api/submissions/${id}/reminders`, { as: 'kjw', body: {} });
    expectClear4xx(unrelated, 404);
    expect(unrelated.body.error.code).toBe('NOT_FOUND');
    const reviewer = await api.json('POST', `/api/submissions/${id}/reminders`, { as: 'jjs', body: {} });
    expectClear4xx(reviewer, 403);
    expect(reviewer.body.error.code).toBe('REMIND_NOT_ALLOWED');
  });
});

describe('batch approval from the inbox', () => {
  it('Given mixed items, Then each is decided on its own: approvable ones pass, foreign, stale, scored and duplicate ones are reported, none blocks another', async () => {
    const a = await atBizReview(api);
    const b = await atBizReview(api);
    const stale = await atBizReview(api);
    expect((await api.decide(stale, 'jjs')).status).toBe(200);
    const kjwOwn = await api.submittedProjectTarget('jyj');
    const r = await api.json('POST', '/api/tasks/batch-decisions', {
      as: 'jjs',
      body: {
        action: 'approve',
        comment: '同意',
        items: [
          { submissionId: a, stepId: 'bizReview' },
          { submissionId: stale, stepId: 'bizReview' },
          { submissionId: kjwOwn, stepId: 'leaderSignoff' },
          { submissionId: b, stepId: 'bizReview' },
          { submissionId: a, stepId: 'bizReview' },
        ],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results.map((x: Result) => [x.status, x.error?.code ?? null])).toEqual([
      ['approved', null],
      ['failed', 'CONFLICT'],
      ['failed', 'NOT_FOUND'],
      ['approved', null],
      ['skipped', 'DUPLICATE_ITEM'],
    ]);
    expect(await openTasksFor(api, a, 'jjs')).toEqual([]);
    const hist = await api.json('GET', `/api/submissions/${b}/history`, { as: 'jtj' });
    expect(hist.body.items.at(-1)).toMatchObject({ type: 'approved', stepId: 'bizReview', comment: '同意' });
  });

  it('Given a step whose approve needs a decision field (单位反馈 channel), Then the batch leaves it out with the reason and decides the rest', async () => {
    const { id } = await selfEvalAtUnitFeedback(api);
    const other = await atBizReview(api);
    const r = await api.json('POST', '/api/tasks/batch-decisions', {
      as: 'jtjld',
      body: {
        action: 'approve',
        items: [
          { submissionId: id, stepId: 'unitFeedback' },
          { submissionId: other, stepId: 'bizReview' },
        ],
      },
    });
    expect(r.body.results.map((x: Result) => [x.status, x.error?.code ?? null])).toEqual([
      ['skipped', 'DECISION_NEEDS_INPUT'],
      ['failed', 'FORBIDDEN'],
    ]);
    expect((await openTasksFor(api, id, 'jtjld')).map((t: { stepId: string }) => t.stepId)).toEqual(['unitFeedback']);
  });

  it('Given too many items or another action, Then 422 and nothing is decided', async () => {
    const id = await atBizReview(api);
    const items = Array.from({ length: 21 }, () => ({ submissionId: id, stepId: 'bizReview' }));
    const big = await api.json('POST', '/api/tasks/batch-decisions', { as: 'jjs', body: { action: 'approve', items } });
    expectClear4xx(big, 422);
    expect(big.body.error.code).toBe('BATCH_TOO_LARGE');
    const ret = await api.json('POST', '/api/tasks/batch-decisions', {
      as: 'jjs',
      body: { action: 'return', items: [items[0]] },
    });
    expectClear4xx(ret, 422);
    expect(ret.body.error.details[0].path).toBe('/action');
    expect((await openTasksFor(api, id, 'jjs')).length).toBe(1);
  });
});

describe('delegation while away', () => {
  const user = async (username: string) =>
    (await api.json('GET', '/api/admin/users?limit=100', { as: 'admin' })).body.items.find(
      (u: { username: string }) => u.username === username,
    );
  const day = (offset: number) => new Date(clock + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

  it('Given jtjld names 副局长 deputy from tomorrow to the day after, Then before the window the deputy cannot sign, inside it signs on behalf of jtjld (history says so), after it cannot', async () => {
    const deputy = await user('jtjfz');
    const made = await api.json('POST', '/api/delegations', {
      as: 'jtjld',
      body: { deputyId: deputy.id, startsOn: day(1), endsOn: day(2), reason: '出差' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const sign = async () => {
      const id = await api.submittedProjectTarget('jtj');
      return {
        id,
        r: await api.json('POST', `/api/submissions/${id}/decisions`, {
          as: 'jtjfz',
          body: { stepId: 'leaderSignoff', action: 'approve', comment: '同意' },
        }),
      };
    };
    const early = await sign();
    expectClear4xx(early.r, 403);
    tick(86_400_000); // inside the window (tomorrow, Asia/Shanghai)
    const view = await api.json('GET', `/api/submissions/${early.id}`, { as: 'jtjfz' });
    expect(view.body.decidable[0]).toMatchObject({ stepId: 'leaderSignoff', onBehalfOf: { name: expect.any(String) } });
    const inside = await sign();
    expect(inside.r.status, JSON.stringify(inside.r.body)).toBe(200);
    const hist = await api.json('GET', `/api/submissions/${inside.id}/history`, { as: 'jtj' });
    const principal = await user('jtjld');
    expect(hist.body.items.find((e: { type: string }) => e.type === 'approved')).toMatchObject({
      actor: { id: deputy.id },
      onBehalfOf: { id: principal.id },
    });
    const listed = await api.json('GET', '/api/delegations', { as: 'jtjfz' });
    expect(listed.body.received[0]).toMatchObject({ principalId: principal.id, state: 'active' });
    tick(3 * 86_400_000); // past the window
    expectClear4xx((await sign()).r, 403);
  });

  it('Given a delegation ended early, Then the deputy cannot act any more; only the principal ends it (others 404)', async () => {
    const deputy = await user('jjsdep');
    const made = await api.json('POST', '/api/delegations', {
      as: 'jjs',
      body: { deputyId: deputy.id, startsOn: day(0), endsOn: day(3) },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = await atBizReview(api);
    const view = await api.json('GET', `/api/submissions/${id}`, { as: 'jjsdep' });
    expect(view.body.decidable.map((d: { stepId: string }) => d.stepId)).toEqual(['bizReview']);
    const other = await api.json('POST', `/api/delegations/${made.body.id}/end`, { as: 'jjsdep' });
    expectClear4xx(other, 404);
    expect(other.body.error.code).toBe('DELEGATION_NOT_FOUND');
    expect((await api.json('POST', `/api/delegations/${made.body.id}/end`, { as: 'jjs' })).status).toBe(200);
    const r = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjsdep',
      body: { stepId: 'bizReview', action: 'approve' },
    });
    expectClear4xx(r, 403);
  });

  it('Given jjs delegates to jjsdep, Then the list offers only other active users of jjs, the deputy sees the step in the inbox and /api/me says whom they stand in for, until it ends', async () => {
    const [jjs, deputy] = [await user('jjs'), await user('jjsdep')];
    const offered = await api.json('GET', '/api/delegations', { as: 'jjs' });
    expect(offered.body.canDelegate).toBe(true);
    expect(offered.body.deputies).toEqual([{ id: deputy.id, name: deputy.name }]);
    const asDeputy = await api.json('GET', '/api/delegations', { as: 'jjsdep' });
    expect(asDeputy.body).toMatchObject({ canDelegate: false, deputies: [] });
    const made = await api.json('POST', '/api/delegations', {
      as: 'jjs',
      body: { deputyId: deputy.id, startsOn: day(0), endsOn: day(1) },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = await atBizReview(api);
    expect((await openTasksFor(api, id, 'jjsdep')).map((t: { stepId: string }) => t.stepId)).toEqual(['bizReview']);
    const me = await api.json('GET', '/api/me', { as: 'jjsdep' });
    expect(me.body.standsInFor).toEqual([{ id: jjs.id, name: jjs.name }]);
    expect((await api.json('GET', '/api/me', { as: 'jjs' })).body.standsInFor).toEqual([]);
    expect((await api.json('POST', `/api/delegations/${made.body.id}/end`, { as: 'jjs' })).status).toBe(200);
    expect((await api.json('GET', '/api/me', { as: 'jjsdep' })).body.standsInFor).toEqual([]);
  });

  it('Given bad delegations, Then 422 or 403 with codes: another unit, oneself, reversed dates, a filler delegating', async () => {
    const outsider = await user('kjw');
    const jjs = await user('jjs');
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['jjs', { deputyId: outsider.id, startsOn: day(0), endsOn: day(1) }, 422, 'DELEGATION_DEPUTY_INVALID'],
      ['jjs', { deputyId: jjs.id, startsOn: day(0), endsOn: day(1) }, 422, 'DELEGATION_DEPUTY_INVALID'],
      [
        'jjs',
        { deputyId: (await user('jjsdep')).id, startsOn: day(2), endsOn: day(1) },
        422,
        'DELEGATION_DATE_INVALID',
      ],
      [
        'jjs',
        { deputyId: (await user('jjsdep')).id, startsOn: '2026-02-30', endsOn: day(1) },
        422,
        'DELEGATION_DATE_INVALID',
      ],
      ['jtj', { deputyId: (await user('jtjfz')).id, startsOn: day(0), endsOn: day(1) }, 403, 'DELEGATION_NOT_ALLOWED'],
    ];
    for (const [as, body, status, code] of cases) {
      const r = await api.json('POST', '/api/delegations', { as, body });
      expectClear4xx(r, status);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
  });
});
