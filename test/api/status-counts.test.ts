import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildStatusCounts } from '../../functions/core/use-cases/dashboard/get-dashboard';
import { createTestApi, type TestApi } from '../support/api';
import { installFaults, isTransactWrite } from '../support/faults';

let api: TestApi;
let faults: ReturnType<typeof installFaults>;
const FILLERS = ['jtj', 'jyj'];
/** Who decides a step assigned to a unit (a leader for the submitting unit's own sign-off). */
const DECIDER: Record<string, string> = {
  jtj: 'jtjld',
  jyj: 'jyjld',
  jjs: 'jjs',
  kjw: 'kjw',
  jxpj: 'jxpj',
  ysg: 'ysg',
  xzcz: 'xzcz',
};
const VIEWERS = ['jtj', 'jtjld', 'jyj', 'jjs', 'kjw', 'jxpj', 'ysg', 'xzcz', 'admin', 'ldxz'];

beforeAll(async () => {
  api = await createTestApi();
  faults = installFaults(api);
}, 240_000);

/** A small deterministic generator, so a failing sequence can be replayed from its seed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tracked {
  id: string;
  owner: string;
}

/** The counts the old 工作台 computed: every page of the caller's 填报查询 list, counted by status. */
async function recount(as: string) {
  const counts: Record<string, number> = { draft: 0, in_review: 0, returned: 0, approved: 0, rejected: 0 };
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const r = await api.json(
      'GET',
      `/api/submissions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { as },
    );
    expect(r.status).toBe(200);
    for (const s of r.body.items) counts[s.status] += 1;
    cursor = r.body.cursor ?? undefined;
    if (!cursor) break;
  }
  return counts;
}

async function expectCountersMatchRecount() {
  for (const as of VIEWERS) {
    const dash = await api.json('GET', '/api/dashboard', { as });
    expect(dash.status).toBe(200);
    expect({ as, counts: dash.body.counts }).toEqual({ as, counts: await recount(as) });
  }
}

/** Every unit's raw counter items as stored now. */
async function rawCounters() {
  const units = await api.deps.org.listUnits();
  const out: Record<string, unknown> = {};
  for (const u of units) out[u.id] = await api.deps.counts.read(u.id, false).then((r) => r.unit);
  out['*'] = (await api.deps.counts.read('none', true)).all;
  // Zero entries are absent before a rebuild and written as 0 by it: compare the non-zero ones.
  const clean = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, clean(v as Record<string, number>)]));
}

async function createOne(owner: string): Promise<Tracked | null> {
  const form = await api.json('GET', '/api/forms/project-target', { as: owner });
  const created = await api.json('POST', '/api/submissions', {
    as: owner,
    body: { formId: 'project-target', data: form.body.examples[0].data },
  });
  return created.status === 201 ? { id: created.body.id, owner } : null;
}

/** One random action on a random submission; 4xx answers (races, wrong state) are part of the game. */
async function act(rand: () => number, subs: Tracked[]): Promise<number> {
  const pick = subs[Math.floor(rand() * subs.length)];
  const roll = rand();
  if (!pick || roll < 0.15) {
    const made = await createOne(FILLERS[Math.floor(rand() * FILLERS.length)]);
    if (made) subs.push(made);
    return made ? 201 : 500;
  }
  const cur = await api.json('GET', `/api/submissions/${pick.id}`, { as: pick.owner });
  if (cur.status === 404) return 404;
  const sub = cur.body;
  if (roll < 0.3)
    return (
      await api.json('PUT', `/api/submissions/${pick.id}`, {
        as: pick.owner,
        body: { data: sub.data, version: sub.version },
      })
    ).status;
  if (roll < 0.5) return (await api.json('POST', `/api/submissions/${pick.id}/submit`, { as: pick.owner })).status;
  if (roll < 0.6) return (await api.json('POST', `/api/submissions/${pick.id}/withdraw`, { as: pick.owner })).status;
  if (roll < 0.67)
    return (await api.json('DELETE', `/api/submissions/${pick.id}?version=${sub.version}`, { as: pick.owner })).status;
  const step = sub.openSteps?.[0];
  if (!step) return 409;
  const as = DECIDER[step.assigneeUnitId];
  if (!as) return 409;
  const r = rand();
  const action = r < 0.7 ? 'approve' : r < 0.9 ? 'return' : 'reject';
  return (
    await api.json('POST', `/api/submissions/${pick.id}/decisions`, {
      as,
      body: { stepId: step.stepId, action, comment: action === 'approve' ? '同意' : '请补充年度指标' },
    })
  ).status;
}

describe('工作台 counters kept by the status-changing transactions', () => {
  it('equal a recount from the lists after a random sequence of actions, with parallel ones racing', async () => {
    for (const seed of [7, 42]) {
      const rand = prng(seed);
      const subs: Tracked[] = [];
      const statuses: number[] = [];
      for (let round = 0; round < 20; round++) {
        // Rounds of 1–4 actions at once: parallel ones often race on one submission (one wins, the rest 409).
        const n = 1 + Math.floor(rand() * 4);
        statuses.push(...(await Promise.all(Array.from({ length: n }, () => act(rand, subs)))));
      }
      expect(
        statuses.some((s) => s === 409),
        JSON.stringify(statuses),
      ).toBe(true);
      expect(
        statuses.filter((s) => s >= 500),
        JSON.stringify(statuses),
      ).toEqual([]);
      await expectCountersMatchRecount();
    }
  }, 400_000);

  it('counts nothing of a transaction that failed: a thrown TransactWriteItems leaves every counter as it was', async () => {
    const made = await createOne('jtj');
    if (!made) throw new Error('create failed');
    const before = await rawCounters();
    faults.set(async ({ command, input, attempt }) => {
      if (isTransactWrite(command, input)) {
        const e = new Error('Internal server error') as Error & Record<string, unknown>;
        e.name = 'InternalServerError';
        e.$fault = 'server';
        e.$metadata = { httpStatusCode: 500 };
        throw e;
      }
      return attempt();
    });
    try {
      const r = await api.json('POST', `/api/submissions/${made.id}/submit`, { as: 'jtj' });
      expect(r.status).toBeGreaterThanOrEqual(500);
    } finally {
      faults.set(null);
    }
    expect(await rawCounters()).toEqual(before);
    const ok = await api.json('POST', `/api/submissions/${made.id}/submit`, { as: 'jtj' });
    expect(ok.status).toBe(200);
    await expectCountersMatchRecount();
  }, 200_000);

  it('a rebuild from the submissions reproduces the kept counters exactly, and a second rebuild changes nothing', async () => {
    const kept = await rawCounters();
    const first = await rebuildStatusCounts(api.deps);
    expect(first.submissions).toBeGreaterThan(0);
    expect(await rawCounters()).toEqual(kept);
    await rebuildStatusCounts(api.deps);
    expect(await rawCounters()).toEqual(kept);
  }, 200_000);

  it('a rebuild repairs counters that were lost or wrong (existing data from before the counters)', async () => {
    const truth = await rawCounters();
    // Corrupt every counter (a rebuild with wrong contributions): as if data predated the counters or drifted.
    const units = await api.deps.org.listUnits();
    await api.deps.counts.rebuild(
      units.map((u) => u.id),
      (s) => ({ shardKey: s.id, all: { draft: 5 }, units: { jtj: { approved: -3 } } }),
    );
    expect(await rawCounters()).not.toEqual(truth);
    await rebuildStatusCounts(api.deps);
    expect(await rawCounters()).toEqual(truth);
    await expectCountersMatchRecount();
  }, 200_000);
});
