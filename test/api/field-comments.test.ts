import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});

/** A project target signed off by its 负责人, waiting at 经济建设股 (jjs). */
async function atSection(): Promise<string> {
  const id = await api.submittedProjectTarget('jtj');
  expect((await api.decide(id, 'jtjld')).status).toBe(200);
  return id;
}

const returnedEvent = async (id: string, as: string) => {
  const h = await api.json('GET', `/api/submissions/${id}/history`, { as });
  return { status: h.status, event: h.body?.items?.filter((e: { type: string }) => e.type === 'returned').at(-1) };
};

describe('field comments on a return', () => {
  it('stores comments on fields and indicator rows with the return event; the unit reads them, a stranger gets 404', async () => {
    const id = await atSection();
    const r = await api.decide(id, 'jjs', 'return', {
      comment: '请按批注修改',
      fieldComments: [
        { path: '/projectName', comment: '项目名称应与预算一致' },
        { path: '/annualIndicators', rowId: 'T1', comment: '  指标值偏低  ' },
        { path: '/goals/annualGoal', comment: '年度目标请量化' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('returned');

    const mine = await returnedEvent(id, 'jtj');
    expect(mine.event.comment).toBe('请按批注修改');
    expect(mine.event.fieldComments).toEqual([
      { path: '/projectName', comment: '项目名称应与预算一致' },
      { path: '/annualIndicators', rowId: 'T1', comment: '指标值偏低' },
      { path: '/goals/annualGoal', comment: '年度目标请量化' },
    ]);
    // Another department and an unrelated 业务股室 see nothing of it.
    expect((await returnedEvent(id, 'jyj')).status).toBe(404);
    expect((await returnedEvent(id, 'kjw')).status).toBe(404);
    // Other events carry none.
    const all = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    const others = all.body.items.filter((e: { type: string }) => e.type !== 'returned');
    expect(others.every((e: { fieldComments: unknown }) => e.fieldComments === null)).toBe(true);
  });

  it('refuses unknown fields, unknown rows, array indexes beyond the data and empty comments with 422 at the item path, storing nothing', async () => {
    const id = await atSection();
    const before = await api.json('GET', `/api/submissions/${id}`, { as: 'jjs' });
    const r = await api.decide(id, 'jjs', 'return', {
      fieldComments: [
        { path: '/projectName', comment: '可以' },
        { path: '/noSuchField', comment: '字段不存在' },
        { path: '/annualIndicators', rowId: 'X9', comment: '行不存在' },
        { path: '/annualIndicators/99/name', comment: '下标越界' },
        { path: '/goals/annualGoal', comment: '   ' },
        { path: 'projectName', comment: '不是指针' },
      ],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/fieldComments/1/path',
      '/fieldComments/2/rowId',
      '/fieldComments/3/path',
      '/fieldComments/4/comment',
      '/fieldComments/5/path',
    ]);
    const after = await api.json('GET', `/api/submissions/${id}`, { as: 'jjs' });
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.status).toBe('in_review');
  });

  it('refuses comments on an approve, too many comments and over-long text', async () => {
    const id = await atSection();
    const onApprove = await api.decide(id, 'jjs', 'approve', {
      fieldComments: [{ path: '/projectName', comment: '批注' }],
    });
    expect(onApprove.status).toBe(422);
    expect(onApprove.body.error.details[0].path).toBe('/fieldComments');
    const many = Array.from({ length: 31 }, () => ({ path: '/projectName', comment: '批注' }));
    const tooMany = await api.decide(id, 'jjs', 'return', { fieldComments: many });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0].path).toBe('/fieldComments');
    const long = await api.decide(id, 'jjs', 'return', {
      fieldComments: [{ path: '/projectName', comment: '长'.repeat(501) }],
    });
    expect(long.status).toBe(422);
    expect(long.body.error.details[0].path).toBe('/fieldComments/0/comment');
    const extra = await api.decide(id, 'jjs', 'return', {
      fieldComments: [{ path: '/projectName', comment: '批注', label: 'x' }],
    });
    expect(extra.status).toBe(422);
  });

  it('keeps the comments of the last return in the history after the unit resubmits (the next round reads them)', async () => {
    const id = await atSection();
    expect(
      (
        await api.decide(id, 'jjs', 'return', {
          fieldComments: [{ path: '/goals/annualGoal', comment: '年度目标请量化' }],
        })
      ).status,
    ).toBe(200);
    const current = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    const data = { ...current.body.data, goals: { ...current.body.data.goals, annualGoal: '完成1850公里养护' } };
    expect(
      (await api.json('PUT', `/api/submissions/${id}`, { as: 'jtj', body: { data, version: current.body.version } }))
        .status,
    ).toBe(200);
    expect((await api.json('POST', `/api/submissions/${id}/submit`, { as: 'jtj' })).status).toBe(200);
    expect((await api.decide(id, 'jtjld')).status).toBe(200);
    // The reviewer of round 2 reads the previous round's comments and the snapshots to diff.
    const seen = await returnedEvent(id, 'jjs');
    expect(seen.event.fieldComments).toEqual([{ path: '/goals/annualGoal', comment: '年度目标请量化' }]);
    const snaps = await api.json('GET', `/api/submissions/${id}/snapshots`, { as: 'jjs' });
    expect(snaps.body.items.map((s: { round: number }) => s.round)).toEqual([1, 2]);
    expect(snaps.body.items[1].data.goals.annualGoal).toBe('完成1850公里养护');
  });
});
