import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

/**
 * 上级转移支付自评价 (规程第二十四条): the 业务股室 reviews the unit's preliminary result and returns it until it
 * is complete; the unit then reports it to the upper level (outside the platform) and records that here; the
 * final result is sent on to 绩效评价服务股 for the record. The 第二十五条 steps (抽查复核, 结果应用, 整改) do not apply.
 */
const example = JSON.parse(
  readFileSync('forms/project-self-eval/examples/valid-rural-road-maintenance.json', 'utf8'),
).data;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

const decide = (id: string, as: string, stepId: string, body: Record<string, unknown> = {}) =>
  api.json('POST', `/api/submissions/${id}/decisions`, { as, body: { stepId, action: 'approve', ...body } });
const openSteps = async (id: string) =>
  (await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' })).body.openSteps.map(
    (s: { stepId: string }) => s.stepId,
  );

async function submitted(evaluationKind: string) {
  const created = await api.json('POST', '/api/submissions', {
    as: 'jtj',
    body: { formId: 'project-self-eval', data: { ...example, evaluationKind } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
  expect((await decide(id, 'jtjld', 'leaderSignoff')).status).toBe(200);
  return id;
}

describe('上级转移支付自评价 (第二十四条)', () => {
  it('goes 业务股室审核 (returned until complete) → the unit records its report to the upper level → 绩效评价服务股 gets the final result', async () => {
    const id = await submitted('upperTransferSelf');

    // The 业务股室 asks for changes; the unit revises and sends it again.
    const back = await api.json('POST', `/api/submissions/${id}/decisions`, {
      as: 'jjs',
      body: { stepId: 'bizPrelimReview', action: 'return', comment: '请按上级要求补充未完成原因。' },
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.status).toBe('returned');
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect((await decide(id, 'jtjld', 'leaderSignoff')).status).toBe(200);
    expect((await decide(id, 'jjs', 'bizPrelimReview')).status).toBe(200);
    expect(await openSteps(id)).toEqual(['upperReport']);

    // Only the unit records the report, and it must say to whom and when.
    const bySection = await decide(id, 'jjs', 'upperReport', {
      fields: { upperDepartment: '赣州市财政局', reportedOn: '2026-04-10' },
    });
    expect(bySection.status).toBe(403);
    expect(bySection.body.error.code).toBe('FORBIDDEN');
    const blank = await decide(id, 'jtjld', 'upperReport', { fields: {} });
    expect(blank.status).toBe(422);
    expect(blank.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['/fields/upperDepartment', '/fields/reportedOn']),
    );
    expect(await openSteps(id)).toEqual(['upperReport']);

    const reported = await decide(id, 'jtjld', 'upperReport', {
      fields: { upperDepartment: '赣州市财政局', reportedOn: '2026-04-10', documentNo: '信交字〔2026〕12号' },
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect(reported.body.status).toBe('approved');

    // The copy reached 绩效评价服务股: it can open the result, and its notification links to it.
    expect((await api.json('GET', `/api/submissions/${id}`, { as: 'jxpj' })).status).toBe(200);
    const notes = (await api.json('GET', '/api/notifications?limit=100', { as: 'jxpj' })).body.items;
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'review_notice',
          link: `/review/${id}`,
          title: expect.stringContaining('同步报送'),
        }),
      ]),
    );

    // None of the 第二十五条 steps ran.
    const history = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    const stepIds = history.body.items.map((e: { stepId?: string }) => e.stepId).filter(Boolean);
    expect(stepIds).toContain('upperReport');
    expect(stepIds).not.toContain('spotCheck');
    expect(stepIds).not.toContain('resultApplication');
  });

  it('keeps the 单位自评 on the 第二十五条 path: 抽查复核 follows the 业务股室', async () => {
    const id = await submitted('unitSelf');
    expect((await decide(id, 'jjs', 'bizPrelimReview')).status).toBe(200);
    expect(await openSteps(id)).toEqual(['spotCheck']);
  });
});
