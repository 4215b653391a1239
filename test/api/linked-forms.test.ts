import { beforeAll, describe, expect, it } from 'vitest';
import selfEval from '../../forms/project-self-eval/examples/valid-rural-road-maintenance.json';
import { createTestApi, type TestApi } from '../support/api';
import { approvedProjectTarget, withComputed } from '../support/linked';

/** Linked forms: a self-evaluation starts from the approved target it reports on; what came from it is locked. */
let api: TestApi;
let targetId: string;

type Row = Record<string, unknown>;

/** The worked example's own entries (actual values, weights, scores) on top of what the link copied. */
function filledIn(linked: Record<string, any>): Record<string, any> {
  const example = structuredClone(selfEval.data) as Record<string, any>;
  const rows = (linked.indicators as Row[]).map((row) => ({
    ...(example.indicators as Row[]).find((r) => r.indicatorId === row.indicatorId),
    ...row,
  }));
  const funds = structuredClone(example.funds);
  for (const key of ['currentAppropriation', 'carryOver', 'other']) {
    if (linked.funds?.[key]?.initialBudget) funds[key].initialBudget = linked.funds[key].initialBudget;
  }
  return {
    ...example,
    ...linked,
    funds,
    overallGoal: { ...example.overallGoal, expected: linked.overallGoal.expected },
    indicators: rows,
  };
}

beforeAll(async () => {
  api = await createTestApi();
  targetId = await approvedProjectTarget(api);
}, 240_000);

describe('POST /api/submissions with sourceSubmissionId (linked forms)', () => {
  it('prefills a project self-evaluation from the approved target and locks what came from it', async () => {
    const created = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'project-self-eval', sourceSubmissionId: targetId },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { data, source } = created.body;
    expect(data.approvedTargetRef).toBe(targetId);
    expect(data.projectName).toBe('2025年信丰县农村公路日常养护项目');
    expect(data.overallGoal.expected).toContain('1850公里');
    expect(data.funds.currentAppropriation.initialBudget).toBe('1180.00');
    expect(data.indicators).toHaveLength(9);
    expect(data.indicators[1]).toMatchObject({ indicatorId: 'T2', name: '危桥改造数量', targetValue: 6, unit: '座' });
    expect(data.preparedBy).toBe('刘芳（县交通运输局 填报人）');
    expect(source).toMatchObject({ submissionId: targetId, formId: 'project-target' });
    expect(source.lockedPaths).toEqual(expect.arrayContaining(['/indicators', '/indicators/*/name', '/projectName']));
    expect(source.lockedPaths).not.toContain('/indicators/*/weight'); // the target carried no weights: typed in

    // Changing a target value is refused at its own field; nothing is stored.
    const changed = structuredClone(data);
    changed.indicators[1].targetValue = 3;
    const refused = await api.json('PUT', `/api/submissions/${created.body.id}`, {
      as: 'jtj',
      body: { data: changed, version: 1 },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('LOCKED_FIELD_CHANGED');
    expect(refused.body.error.details).toEqual([{ path: '/indicators/1/targetValue', message: expect.any(String) }]);

    // Adding a row, or renaming the project, is refused too.
    const added = structuredClone(data);
    added.indicators.push({
      indicatorId: 'X1',
      level1: 'output',
      level2: 'quantity',
      name: '新增指标',
      operator: 'gte',
    });
    const addRefused = await api.json('PUT', `/api/submissions/${created.body.id}`, {
      as: 'jtj',
      body: { data: { ...added, projectName: '另一个项目' }, version: 1 },
    });
    expect(addRefused.status).toBe(422);
    expect(addRefused.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      '/indicators/9',
      '/projectName',
    ]);
    const still = await api.json('GET', `/api/submissions/${created.body.id}`, { as: 'jtj' });
    expect(still.body.version).toBe(1);

    // Filling in what the unit reports (actual values, weights …) saves and submits.
    const saved = await api.json('PUT', `/api/submissions/${created.body.id}`, {
      as: 'jtj',
      body: { data: await withComputed(api, 'project-self-eval', filledIn(data)), version: 1 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const submitted = await api.json('POST', `/api/submissions/${created.body.id}/submit`, { as: 'jtj' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe('in_review');
    expect(submitted.body.source.submissionId).toBe(targetId);
  });

  it('refuses a source that is not approved (422), of another unit (404) or of the wrong form family (422)', async () => {
    const draft = await api.createProjectTarget('jtj');
    const cases: [string, string, string, number, string][] = [
      ['jtj', 'project-self-eval', draft.id, 422, 'SOURCE_NOT_APPROVED'],
      ['jyj', 'project-self-eval', targetId, 404, 'SOURCE_NOT_FOUND'], // another unit's target
      ['jtj', 'project-self-eval', 'no-such-id', 404, 'SOURCE_NOT_FOUND'],
      ['jtj', 'dept-self-eval', targetId, 422, 'SOURCE_FORM_MISMATCH'], // a project target for a department self-evaluation
      ['jtj', 'project-target', targetId, 422, 'SOURCE_NOT_SUPPORTED'], // a form without a source block
    ];
    for (const [as, formId, sourceSubmissionId, status, code] of cases) {
      const r = await api.json('POST', '/api/submissions', { as, body: { formId, sourceSubmissionId } });
      expect([r.status, r.body.error.code], `${as} ${formId} ← ${sourceSubmissionId}`).toEqual([status, code]);
    }
  });

  it('keeps the unlinked self-evaluation (targets approved on paper): typed in, saved and submitted, no source', async () => {
    const data = structuredClone(selfEval.data) as Record<string, unknown>;
    delete data.approvedTargetRef;
    const created = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-self-eval' } });
    expect(created.status).toBe(201);
    expect(created.body.source).toBeNull();
    const saved = await api.json('PUT', `/api/submissions/${created.body.id}`, {
      as: 'jtj',
      body: { data: { ...created.body.data, ...data }, version: 1 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // Names typed by the unit are its own to change.
    const renamed = structuredClone(saved.body.data);
    renamed.indicators[0].name = '农村公路日常养护总里程';
    const again = await api.json('PUT', `/api/submissions/${created.body.id}`, {
      as: 'jtj',
      body: { data: renamed, version: 2 },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const submitted = await api.json('POST', `/api/submissions/${created.body.id}/submit`, { as: 'jtj' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.source).toBeNull();
    const list = await api.json('GET', '/api/submissions', { as: 'jtj' });
    const item = list.body.items.find((i: { id: string }) => i.id === created.body.id);
    expect(item.sourceSubmissionId).toBeNull();
  });
});
