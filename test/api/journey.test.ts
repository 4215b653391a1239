import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

describe('project-target journey (第十六、十七条)', () => {
  it('runs 单位负责人 → 业务股室 → 绩效评价服务股 → 预算股 with a return and a resubmission, and the history tells the story', async () => {
    const sub = await api.createProjectTarget('jtj');
    expect(sub).toMatchObject({ formId: 'project-target', status: 'draft', version: 1 });

    const saved = await api.json('PUT', `/api/submissions/${sub.id}`, {
      as: 'jtj',
      body: { data: { ...sub.data, goals: { ...sub.data.goals, annualGoal: '首轮年度目标' } }, version: 1 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);

    const submitted = await api.json('POST', `/api/submissions/${sub.id}/submit`, { as: 'jtj' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_review');
    expect(submitted.body.openSteps[0]).toMatchObject({ stepId: 'leaderSignoff', assigneeUnitId: 'jtj' });

    expect((await api.decide(sub.id, 'jtjld')).status).toBe(200);

    const inbox = await api.json('GET', '/api/tasks?status=open', { as: 'jjs' });
    expect(inbox.body.items.map((t: { submissionId: string }) => t.submissionId)).toContain(sub.id);

    const returned = await api.decide(sub.id, 'jjs', 'return', { comment: '请补充隐患路段处置率指标' });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    expect((await api.json('GET', '/api/tasks?status=open', { as: 'jjs' })).body.items).toHaveLength(0);

    const current = await api.json('GET', `/api/submissions/${sub.id}`, { as: 'jtj' });
    expect(current.body.permissions).toMatchObject({ canEdit: true, canSubmit: true });
    const revised = { ...current.body.data, goals: { ...current.body.data.goals, annualGoal: '修改后的年度目标' } };
    const resaved = await api.json('PUT', `/api/submissions/${sub.id}`, {
      as: 'jtj',
      body: { data: revised, version: current.body.version },
    });
    expect(resaved.status).toBe(200);
    expect((await api.json('POST', `/api/submissions/${sub.id}/submit`, { as: 'jtj' })).body.status).toBe('in_review');

    for (const reviewer of ['jtjld', 'jjs', 'jxpj', 'ysg']) {
      const r = await api.decide(sub.id, reviewer);
      expect(r.status, `${reviewer}: ${JSON.stringify(r.body)}`).toBe(200);
    }
    const done = await api.json('GET', `/api/submissions/${sub.id}`, { as: 'jtj' });
    expect(done.body.status).toBe('approved');
    expect(done.body.openSteps).toEqual([]);

    const history = await api.json('GET', `/api/submissions/${sub.id}/history`, { as: 'jtj' });
    const story = history.body.items.map(
      (e: { type: string; stepId: string | null }) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`,
    );
    expect(story).toEqual([
      'created',
      'saved',
      'submitted',
      'approved:leaderSignoff',
      'returned:bizReview',
      'saved',
      'submitted',
      'approved:leaderSignoff',
      'approved:bizReview',
      'approved:perfReview',
      'approved:budgetApproval',
      'completed',
    ]);
    const ret = history.body.items.find((e: { type: string }) => e.type === 'returned');
    expect(ret).toMatchObject({ comment: '请补充隐患路段处置率指标', actor: { unitId: 'jjs' } });
    expect(history.body.items.map((e: { seq: number }) => e.seq)).toEqual(
      history.body.items.map((_: unknown, i: number) => i + 1),
    );

    const snapshots = await api.json('GET', `/api/submissions/${sub.id}/snapshots`, { as: 'jjs' });
    expect(
      snapshots.body.items.map((s: { data: { goals: { annualGoal: string } } }) => s.data.goals.annualGoal),
    ).toEqual(['首轮年度目标', '修改后的年度目标']);

    const done2 = await api.json('GET', '/api/tasks?status=done', { as: 'jjs' });
    expect(done2.body.items.map((t: { outcome: string }) => t.outcome).sort()).toEqual(['approve', 'return']);
  });

  it('lets the submitter withdraw until the first reviewer acts, then answers 409', async () => {
    const id = await api.submittedProjectTarget('jtj');
    const w = await api.json('POST', `/api/submissions/${id}/withdraw`, { as: 'jtj' });
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('draft');
    expect(
      (await api.json('GET', '/api/tasks?status=open', { as: 'jtj' })).body.items.filter(
        (t: { submissionId: string }) => t.submissionId === id,
      ),
    ).toHaveLength(0);
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect((await api.decide(id, 'jtjld')).status).toBe(200);
    const late = await api.json('POST', `/api/submissions/${id}/withdraw`, { as: 'jtj' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/不能撤回/);
  });

  it('refuses to submit data whose computed values disagree with the server (422 with the field)', async () => {
    const sub = await api.createProjectTarget('jtj');
    const data = structuredClone(sub.data);
    data.funding.annual.total = '9999.00';
    const saved = await api.json('PUT', `/api/submissions/${sub.id}`, {
      as: 'jtj',
      body: { data, version: sub.version },
    });
    expect(saved.status).toBe(200);
    const r = await api.json('POST', `/api/submissions/${sub.id}/submit`, { as: 'jtj' });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain('/funding/annual/total');
    expect((await api.json('GET', `/api/submissions/${sub.id}`, { as: 'jtj' })).body.status).toBe('draft');
  });
});
