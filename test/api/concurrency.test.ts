import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import {
  atBizReview,
  createUsers,
  decisionEvents,
  expectClear4xx,
  openTasksFor,
  snapshot,
  together,
} from '../support/proof';

let api: TestApi;
const JJS_REVIEWERS = Array.from({ length: 10 }, (_, i) => `jjsrev${i}`);

beforeAll(async () => {
  api = await createTestApi();
  await createUsers(
    api,
    JJS_REVIEWERS.map((username) => ({ username, unitId: 'jjs', roles: ['reviewer'] })),
  );
  // Sign everyone in up front so the races below race on the decision, not on the login.
  for (const u of ['jtj', 'jtjld', 'jjs', 'jxpj', 'ysg', 'admin', ...JJS_REVIEWERS]) await api.token(u);
});

async function raceDecisions(
  id: string,
  n: number,
  actorOf: (i: number) => string,
  actionOf: (i: number) => 'approve' | 'return' | 'reject' = () => 'approve',
) {
  return together(n, (i) =>
    api.json('POST', `/api/submissions/${id}/decisions`, {
      as: actorOf(i),
      body: { stepId: 'bizReview', action: actionOf(i), comment: actionOf(i) === 'approve' ? '同意' : '请修改后再报' },
    }),
  );
}

describe('parallel decisions on one open step', () => {
  for (const n of [2, 10, 50]) {
    for (let round = 1; round <= (n === 50 ? 2 : 3); round++) {
      it(`lets exactly one of ${n} parallel approvals by 经济建设股 reviewers win (repeat ${round}): one 200, ${n - 1}×409, one history event, version bumped once`, async () => {
        const id = await atBizReview(api);
        const before = await snapshot(api, id);
        const results = await raceDecisions(id, n, (i) =>
          i % 2 === 0 ? JJS_REVIEWERS[i % JJS_REVIEWERS.length] : 'jjs',
        );
        const statuses = results.map((r) => r.status);
        expect(
          statuses.filter((s) => s === 200),
          JSON.stringify(statuses),
        ).toHaveLength(1);
        expect(
          statuses.filter((s) => s === 409),
          JSON.stringify(statuses),
        ).toHaveLength(n - 1);
        for (const r of results.filter((x) => x.status === 409)) expectClear4xx(r, 409);

        const after = await snapshot(api, id);
        expect(after.version).toBe(before.version + 1);
        expect(after.status).toBe('in_review');
        expect(after.openSteps).toEqual([{ stepId: 'perfReview', assigneeUnitId: 'jxpj' }]);
        const newEvents = after.history.slice(before.history.length);
        expect(newEvents).toEqual([{ seq: before.history.length + 1, type: 'approved', stepId: 'bizReview' }]);
        expect(decisionEvents(after.history).filter((e: any) => e.stepId === 'bizReview')).toHaveLength(1);
        const winner = results.find((r) => r.status === 200);
        expect(winner?.body.version).toBe(after.version);
        // The task is closed once, and only the next step's task is open.
        expect(await openTasksFor(api, id, 'jjs')).toHaveLength(0);
        expect(await openTasksFor(api, id, 'jxpj')).toHaveLength(1);
        const done = (await api.json('GET', '/api/tasks?status=done&limit=100', { as: 'jjs' })).body.items.filter(
          (t: { submissionId: string }) => t.submissionId === id,
        );
        expect(done).toHaveLength(1);
      });
    }
  }
});

describe('approve races reject and return', () => {
  for (let round = 1; round <= 3; round++) {
    it(`settles approve vs reject vs return on bizReview into one outcome with a consistent state (repeat ${round})`, async () => {
      const id = await atBizReview(api);
      const before = await snapshot(api, id);
      const actions = ['approve', 'reject', 'return', 'approve', 'reject', 'return'] as const;
      const results = await raceDecisions(
        id,
        actions.length,
        (i) => JJS_REVIEWERS[i],
        (i) => actions[i],
      );
      const winners = results.map((r, i) => ({ r, action: actions[i] })).filter(({ r }) => r.status === 200);
      expect(winners, JSON.stringify(results.map((r) => r.status))).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(actions.length - 1);
      const action = winners[0].action;
      const after = await snapshot(api, id);
      expect(after.version).toBe(before.version + 1);
      const expected = {
        approve: {
          status: 'in_review',
          openSteps: [{ stepId: 'perfReview', assigneeUnitId: 'jxpj' }],
          events: ['approved'],
        },
        reject: { status: 'rejected', openSteps: [], events: ['rejected', 'completed'] },
        return: { status: 'returned', openSteps: [], events: ['returned'] },
      }[action];
      expect(after.status).toBe(expected.status);
      expect(after.openSteps).toEqual(expected.openSteps);
      expect(after.history.slice(before.history.length).map((e) => e.type)).toEqual(expected.events);
      expect(decisionEvents(after.history).filter((e: any) => e.stepId === 'bizReview')).toHaveLength(1);
      expect(await openTasksFor(api, id, 'jjs')).toHaveLength(0);
      expect(await openTasksFor(api, id, 'jxpj')).toHaveLength(action === 'approve' ? 1 : 0);
    });
  }
});

describe('withdraw races the first approval', () => {
  for (let round = 1; round <= 4; round++) {
    it(`lets either the withdrawal (jtj) or the sign-off (jtjld) win, never both (repeat ${round})`, async () => {
      const id = await api.submittedProjectTarget('jtj');
      const before = await snapshot(api, id);
      const [w, d] = await together(2, (i) =>
        i === 0
          ? api.json('POST', `/api/submissions/${id}/withdraw`, { as: 'jtj' })
          : api.json('POST', `/api/submissions/${id}/decisions`, {
              as: 'jtjld',
              body: { stepId: 'leaderSignoff', action: 'approve', comment: '同意' },
            }),
      );
      expect([w.status, d.status].sort(), JSON.stringify([w.body, d.body])).toEqual([200, 409]);
      const after = await snapshot(api, id);
      expect(after.version).toBe(before.version + 1);
      if (w.status === 200) {
        expect(after.status).toBe('draft');
        expect(after.openSteps).toEqual([]);
        expect(after.history.slice(before.history.length).map((e) => e.type)).toEqual(['withdrawn']);
        expect(await openTasksFor(api, id, 'jtjld')).toHaveLength(0);
        expectClear4xx(d, 409);
      } else {
        expect(after.status).toBe('in_review');
        expect(after.openSteps).toEqual([{ stepId: 'bizReview', assigneeUnitId: 'jjs' }]);
        expect(after.history.slice(before.history.length).map((e) => e.type)).toEqual(['approved']);
        expectClear4xx(w, 409);
        // And a later withdrawal is still refused.
        expectClear4xx(await api.json('POST', `/api/submissions/${id}/withdraw`, { as: 'jtj' }), 409);
      }
    });
  }
});

describe('stale versions and steps that are not open', () => {
  it('answers 409 to a save with a stale version and keeps the data', async () => {
    const sub = await api.createProjectTarget('jtj');
    const first = await api.json('PUT', `/api/submissions/${sub.id}`, {
      as: 'jtj',
      body: { data: { ...sub.data, goals: { ...sub.data.goals, annualGoal: '第一次保存' } }, version: 1 },
    });
    expect(first.status).toBe(200);
    const before = await snapshot(api, sub.id);
    const stale = await api.json('PUT', `/api/submissions/${sub.id}`, {
      as: 'jtj',
      body: { data: { ...sub.data, goals: { ...sub.data.goals, annualGoal: '过期的保存' } }, version: 1 },
    });
    expectClear4xx(stale, 409);
    expect(await snapshot(api, sub.id)).toEqual(before);
    expect((before.data as any).goals.annualGoal).toBe('第一次保存');
  });

  it('lets exactly one of 10 parallel saves on the same version win', async () => {
    const sub = await api.createProjectTarget('jtj');
    const results = await together(10, (i) =>
      api.json('PUT', `/api/submissions/${sub.id}`, {
        as: 'jtj',
        body: { data: { ...sub.data, goals: { ...sub.data.goals, annualGoal: `并发保存${i}` } }, version: 1 },
      }),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const winner = results.findIndex((r) => r.status === 200);
    const after = await snapshot(api, sub.id);
    expect(after.version).toBe(2);
    expect((after.data as any).goals.annualGoal).toBe(`并发保存${winner}`);
    expect(after.history.map((e) => e.type)).toEqual(['created', 'saved']);
  });

  it('answers 409 to a decision that carries a stale version and writes nothing', async () => {
    const id = await atBizReview(api);
    const before = await snapshot(api, id);
    const r = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizReview', action: 'approve', comment: '同意', version: before.version - 1 },
    });
    expectClear4xx(r, 409);
    expect(await snapshot(api, id)).toEqual(before);
    const ok = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizReview', action: 'approve', comment: '同意', version: before.version },
    });
    expect(ok.status).toBe(200);
  });

  it('answers 409 when 绩效评价服务股 decides perfReview while bizReview is still open (out of order)', async () => {
    const id = await atBizReview(api);
    const before = await snapshot(api, id);
    const r = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jxpj',
      body: { stepId: 'perfReview', action: 'approve', comment: '同意' },
    });
    expectClear4xx(r, 409);
    expect(await snapshot(api, id)).toEqual(before);
  });

  it('answers 409 to a second decision on a finished step, and to any decision on an approved submission', async () => {
    const id = await atBizReview(api);
    expect((await api.decide(id, 'jjs')).status).toBe(200);
    const before = await snapshot(api, id);
    const again = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizReview', action: 'approve', comment: '再次同意' },
    });
    expectClear4xx(again, 409);
    expect(await snapshot(api, id)).toEqual(before);

    expect((await api.decide(id, 'jxpj')).status).toBe(200);
    expect((await api.decide(id, 'ysg')).status).toBe(200);
    const done = await snapshot(api, id);
    expect(done.status).toBe('approved');
    const late = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'ysg',
      body: { stepId: 'budgetApproval', action: 'return', comment: '撤销批复' },
    });
    expectClear4xx(late, 409);
    expect(await snapshot(api, id)).toEqual(done);
  });
});
