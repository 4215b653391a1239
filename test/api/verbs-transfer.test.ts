import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { atBizReview, expectClear4xx, openTasksFor, snapshot, together } from '../support/proof';

type OpenStep = { stepId: string; assigneeUnitId: string };
type Ev = { type: string; stepId: string | null; actor: { unitId: string } };

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  for (const u of ['jtj', 'jtjld', 'jjs', 'kjw', 'zfcg', 'jxpj', 'ysg', 'jyj']) await api.token(u);
});

const act = (id: string, as: string, body: Record<string, unknown>) =>
  api.json('POST', `/api/submissions/${id}/decisions`, { as, body: { stepId: 'bizReview', ...body } });

describe('转交 (transfer)', () => {
  it('Given a misrouted 业务股室 step, When jjs transfers it to kjw with an opinion, Then kjw holds it in its inbox, jjs no longer, and the history says so', async () => {
    const id = await atBizReview(api);
    const r = await act(id, 'jjs', { action: 'transfer', toUnitId: 'kjw', comment: '该项目归教科文股管理' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.openSteps).toEqual([expect.objectContaining({ stepId: 'bizReview', assigneeUnitId: 'kjw' })]);
    expect(await openTasksFor(api, id, 'jjs')).toEqual([]);
    expect((await openTasksFor(api, id, 'kjw')).map((t: OpenStep) => t.stepId)).toEqual(['bizReview']);
    const hist = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    expect(hist.body.items.at(-1)).toMatchObject({
      type: 'transferred',
      stepId: 'bizReview',
      toUnitId: 'kjw',
      comment: '该项目归教科文股管理',
      actor: { unitId: 'jjs' },
    });
    // The new unit decides; the old one cannot any more.
    expectClear4xx(await act(id, 'jjs', { action: 'approve' }), 403);
    const ok = await act(id, 'kjw', { action: 'approve', comment: '同意' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.openSteps[0].stepId).toBe('perfReview');
  });

  it('Given bad targets, Then 422 with the code and field path, and nothing changes', async () => {
    const id = await atBizReview(api);
    const before = await snapshot(api, id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ toUnitId: 'kjw', comment: '' }, 'VALIDATION_FAILED', '/comment'],
      [{ toUnitId: 'nope', comment: '转' }, 'UNIT_UNKNOWN', '/toUnitId'],
      [{ toUnitId: 'jyj', comment: '转' }, 'UNIT_UNKNOWN', '/toUnitId'],
      [{ toUnitId: 'jjs', comment: '转' }, 'UNIT_ALREADY_ASSIGNED', '/toUnitId'],
      [{ comment: '转' }, 'UNIT_UNKNOWN', '/toUnitId'],
    ];
    for (const [body, code, path] of cases) {
      const r = await act(id, 'jjs', { action: 'transfer', ...body });
      expectClear4xx(r, 422);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await snapshot(api, id)).toEqual(before);
  });

  it('Given units other than the assignee, Then the one that sees the submission gets 403 and an unrelated one 404', async () => {
    const id = await atBizReview(api);
    const seen = await act(id, 'jxpj', { action: 'transfer', toUnitId: 'kjw', comment: '转' });
    expectClear4xx(seen, 403);
    expect(seen.body.error.code).toBe('FORBIDDEN');
    const unrelated = await act(id, 'kjw', { action: 'addSigner', unitId: 'zfcg', position: 'before', comment: '加' });
    expectClear4xx(unrelated, 404);
    expect(unrelated.body.error.code).toBe('NOT_FOUND');
    const filler = await act(id, 'jtj', { action: 'transfer', toUnitId: 'kjw', comment: '转' });
    expectClear4xx(filler, 403);
    expect(filler.body.error.code).toBe('SEPARATION_OF_DUTIES');
  });

  it('Given a transfer and an approve sent at the same time, Then exactly one wins, the other gets 409, and the history holds one of them', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await atBizReview(api);
      const [t, a] = await together(2, (i) =>
        i === 0
          ? act(id, 'jjs', { action: 'transfer', toUnitId: 'kjw', comment: '转交教科文股' })
          : act(id, 'jjs', { action: 'approve', comment: '同意' }),
      );
      const statuses = [t.status, a.status].sort();
      expect(statuses, JSON.stringify([t.body, a.body])).toEqual([200, 409]);
      const loser = t.status === 409 ? t : a;
      expect(loser.body.error.code).toBe('CONFLICT');
      const snap = await snapshot(api, id);
      const acts = snap.history.filter(
        (e) => e.stepId === 'bizReview' && (e.type === 'transferred' || e.type === 'approved'),
      );
      expect(acts).toHaveLength(1);
      const open = [...(await openTasksFor(api, id, 'jjs')), ...(await openTasksFor(api, id, 'kjw'))];
      expect(open.length).toBe(t.status === 200 ? 1 : 0);
    }
  });
});

describe('加签 (add a signer)', () => {
  it('Given jjs adds 政府采购监督管理股 before itself, Then zfcg decides first, jjs waits, then jjs decides and the chain moves on; the pinned chain is unchanged', async () => {
    const id = await atBizReview(api);
    const pinned = await api.json('GET', `/api/submissions/${id}`, { as: 'jtj' });
    const r = await act(id, 'jjs', {
      action: 'addSigner',
      unitId: 'zfcg',
      position: 'before',
      comment: '采购金额较大，请政府采购股把关',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.openSteps.map((s: OpenStep) => s.assigneeUnitId)).toEqual(['zfcg']);
    expect(r.body.chain).toEqual(pinned.body.chain);
    expect(r.body.chainVersion).toBe(pinned.body.chainVersion);
    expect(await openTasksFor(api, id, 'jjs')).toEqual([]);
    const early = await act(id, 'jjs', { action: 'approve', comment: '同意' });
    expectClear4xx(early, 403);
    const z = await act(id, 'zfcg', { action: 'approve', comment: '采购程序合规' });
    expect(z.status, JSON.stringify(z.body)).toBe(200);
    expect(z.body.openSteps.map((s: OpenStep) => `${s.stepId}:${s.assigneeUnitId}`)).toEqual(['bizReview:jjs']);
    const j = await act(id, 'jjs', { action: 'approve', comment: '同意' });
    expect(j.body.openSteps[0].stepId).toBe('perfReview');
    const hist = await api.json('GET', `/api/submissions/${id}/history`, { as: 'jtj' });
    const types = hist.body.items
      .filter((e: Ev) => e.stepId === 'bizReview')
      .map((e: Ev) => `${e.type}:${e.actor.unitId}`);
    expect(types).toEqual(['signerAdded:jjs', 'approved:zfcg', 'approved:jjs']);
    expect(hist.body.items.find((e: Ev) => e.type === 'signerAdded')).toMatchObject({
      addedUnitId: 'zfcg',
      position: 'before',
    });
  });

  it('Given jjs adds a signer after itself, Then jjs approves first and the step closes only after the added unit approved', async () => {
    const id = await atBizReview(api);
    expect(
      (await act(id, 'jjs', { action: 'addSigner', unitId: 'zfcg', position: 'after', comment: '请复核采购' })).status,
    ).toBe(200);
    expect(await openTasksFor(api, id, 'zfcg')).toEqual([]);
    const j = await act(id, 'jjs', { action: 'approve', comment: '同意' });
    expect(j.body.openSteps.map((s: OpenStep) => `${s.stepId}:${s.assigneeUnitId}`)).toEqual(['bizReview:zfcg']);
    const z = await act(id, 'zfcg', { action: 'approve', comment: '同意' });
    expect(z.body.openSteps[0].stepId).toBe('perfReview');
  });

  it('Given a bad 加签, Then 422 with code and path: no position, the submitting unit, a unit already on the step', async () => {
    const id = await atBizReview(api);
    const noPos = await act(id, 'jjs', { action: 'addSigner', unitId: 'zfcg', comment: '加' });
    expectClear4xx(noPos, 422);
    expect(noPos.body.error.details[0].path).toBe('/position');
    const dept = await act(id, 'jjs', { action: 'addSigner', unitId: 'jtj', position: 'before' });
    expect(dept.body.error.code).toBe('UNIT_UNKNOWN');
    const self = await act(id, 'jjs', { action: 'addSigner', unitId: 'jjs', position: 'after' });
    expect(self.body.error.code).toBe('UNIT_ALREADY_ASSIGNED');
  });
});
