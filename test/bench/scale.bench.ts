/**
 * Scale (issue "Performance to the goal"): 1,000 units, then 1k and 100k submissions written straight into the
 * table with BatchWriteItem (submission, a 经济建设股 grant, a task: in 待办 while in review) together with the
 * 工作台 status counters the transactions would have kept. At each size the 待办 inbox, 工作台 and the board of a
 * 150-unit campaign are read through the real app: DynamoDB requests, consumed read capacity, median time.
 * Goal: 100k / 1k ≈ 1 for each (flat in the number of submissions). Also the board against one unit's row.
 * `BENCH_SCALE_LARGE` (default 100000) and `BENCH_SCALE_BUDGET_S` (seeding budget, default 600) shrink it.
 */
import { randomUUID } from 'node:crypto';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';
import { batchWrite, CounterTotals } from '../../functions/adapters/dynamodb/status-counts';
import type { Submission } from '../../functions/core/model';
import { countContributions } from '../../functions/core/use-cases/dashboard/status-counts';
import { type BenchResult, DEMO_PASSWORD, log, median, pool, round, runBench, seededApp } from './support';

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_SCALE_LARGE ?? 100_000);
const BUDGET_S = Number(process.env.BENCH_SCALE_BUDGET_S ?? 600);
const UNITS = 1_000;
const BOARD_UNITS = 150;
const RUNS = 20;
const STATUSES = ['draft', 'in_review', 'returned', 'approved', 'rejected'] as const;
const unitIds = Array.from({ length: UNITS }, (_, i) => `su${String(i).padStart(4, '0')}`);

/** Submission n: its items and what it adds to the counters. */
function submissionOf(n: number): { items: Record<string, unknown>[]; sub: Submission } {
  const id = randomUUID();
  const at = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
  // 1 in 40 belongs to 县交通运输局 (jtj): its own lists grow with the table too.
  const unitId = n % 40 === 0 ? 'jtj' : unitIds[n % UNITS];
  const status = STATUSES[n % STATUSES.length];
  const everSubmitted = status !== 'draft' || n % 10 === 0;
  const sub = {
    id,
    formId: 'project-target',
    formVersion: 1,
    chainId: 'project-target',
    chainVersion: 1,
    title: `项目 ${n}`,
    unitId,
    createdBy: 'seed',
    status,
    data: {},
    computed: {},
    workflow: { round: 1, steps: {} },
    version: 2,
    everSubmitted,
    viewerUnitIds: everSubmitted ? ['jjs'] : [],
    historyCount: 1,
    createdAt: at,
    updatedAt: at,
  } as unknown as Submission;
  const items: Record<string, unknown>[] = [
    { ...keys.submission(id), ...keys.submissionAll(at, id), entity: 'submission', ...sub },
    {
      ...keys.visibility(id, unitId),
      ...keys.visibilityIndex(unitId, at, id),
      entity: 'visibility',
      submissionId: id,
      unitId,
    },
  ];
  if (everSubmitted)
    items.push({
      ...keys.visibility(id, 'jjs'),
      ...keys.visibilityIndex('jjs', at, id),
      entity: 'visibility',
      submissionId: id,
      unitId: 'jjs',
    });
  if (status === 'in_review')
    items.push({
      ...keys.task(id, 1, 'bizReview', 'jjs', at),
      ...keys.inbox('jjs', null, at, id),
      entity: 'task',
      submissionId: id,
      formId: 'project-target',
      title: `项目 ${n}`,
      round: 1,
      stepId: 'bizReview',
      stepName: '业务股室审核',
      kind: 'review',
      assigneeUnitId: 'jjs',
      submitterUnitId: unitId,
      assignedAt: at,
      dueAt: null,
      status: 'open',
    });
  return { items, sub };
}

runBench('scale', async () => {
  const external = process.env.DYNAMODB_ENDPOINT;
  const dynamo = external ? null : await startLocalDynamo();
  try {
    const { deps, app } = await seededApp(external ?? (dynamo?.endpoint as string), {
      app: { rateLimitPerMinute: 1e6 },
    });
    const db = deps.db;
    const commands: string[] = [];
    let rcu = 0;
    db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const name = (context as { commandName?: string }).commandName ?? 'unknown';
        commands.push(name.replace(/Command$/, ''));
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const out = await next(args);
        const cc = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] })
          .ConsumedCapacity;
        for (const c of Array.isArray(cc) ? cc : cc ? [cc] : []) rcu += c.CapacityUnits ?? 0;
        return out;
      },
      { step: 'initialize', name: 'benchRecorder' },
    );
    const write = (items: Record<string, unknown>[]) =>
      pool(
        Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25)),
        8,
        (chunk) =>
          batchWrite(
            db,
            chunk.map((Item) => ({ PutRequest: { Item } })),
          ),
      );
    // 1,000 units (a county has ~150; this is the many-counties-sized org).
    await write(
      unitIds.map((id) => ({
        ...keys.unit(id),
        ...keys.unitListSort(id),
        entity: 'unit',
        id,
        name: `预算单位${id}`,
        kind: 'department',
        managedBy: 'jjs',
      })),
    );
    const token = async (username: string) => {
      const r = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      return ((await r.json()) as { token: string }).token;
    };
    const tokens = { jxpj: await token('jxpj'), jjs: await token('jjs'), jtj: await token('jtj') };
    const issued = await app.request('/api/campaigns', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.jxpj}` },
      body: JSON.stringify({
        formId: 'project-target',
        title: '2025年度项目支出绩效自评',
        year: 2025,
        dueDate: '2026-03-31',
        unitIds: [...unitIds.slice(0, BOARD_UNITS - 1), 'jtj'],
      }),
    });
    const campaign = ((await issued.json()) as { id: string }).id;
    await write(
      unitIds.slice(0, BOARD_UNITS - 1).map((unitId, i) => ({
        ...keys.campaignUnit(campaign, unitId),
        campaignId: campaign,
        unitId,
        status: STATUSES[i % STATUSES.length],
        submissionId: randomUUID(),
        updatedAt: '2026-03-25T02:00:00.000Z',
      })),
    );

    const totals = new CounterTotals([...unitIds, 'jtj', 'jjs']);
    let seeded = 0;
    let seedSeconds = 0;
    const grow = async (to: number, deadline: number) => {
      const t = performance.now();
      while (seeded < to && performance.now() < deadline) {
        const batch = Array.from({ length: Math.min(2_000, to - seeded) }, (_, i) => submissionOf(seeded + i));
        await write(batch.flatMap((b) => b.items));
        for (const b of batch) totals.add(countContributions(b.sub));
        seeded += batch.length;
      }
      // The counters as the transactions would have kept them (absolute values of every item).
      await write(totals.puts().map((p) => p.PutRequest.Item));
      seedSeconds += (performance.now() - t) / 1000;
    };
    const measure = async (path: string, as: keyof typeof tokens) => {
      const times: number[] = [];
      let requests: string[] = [];
      let units = 0;
      for (let i = 0; i < RUNS; i++) {
        commands.length = 0;
        rcu = 0;
        const t = performance.now();
        const r = await app.request(path, { headers: { authorization: `Bearer ${tokens[as]}` } });
        if (r.status !== 200) throw new Error(`${path} as ${as}: ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
        times.push(performance.now() - t);
        requests = [...commands];
        units = rcu;
      }
      return {
        ms: round(median(times), 2),
        rcu: round(units, 2),
        requests: requests.length,
        commands: requests.join(', '),
      };
    };
    const probe = async () => ({
      inbox: await measure('/api/tasks?limit=20', 'jjs'),
      dashboardAll: await measure('/api/dashboard', 'jxpj'),
      dashboardUnit: await measure('/api/dashboard', 'jtj'),
      board: await measure(`/api/campaigns/${campaign}`, 'jxpj'),
      row: await measure(`/api/campaigns/${campaign}`, 'jtj'),
    });

    await grow(SMALL, Number.POSITIVE_INFINITY);
    const small = await probe();
    log('at', seeded, small);
    await grow(LARGE, performance.now() + BUDGET_S * 1000);
    const large = await probe();
    log('at', seeded, large, `seeded in ${round(seedSeconds, 1)} s`);
    const dashRes = await app.request('/api/dashboard', { headers: { authorization: `Bearer ${tokens.jxpj}` } });
    const dash = (await dashRes.json()) as { counts: Record<string, number> };
    const label = `${Math.round(seeded / 1000)}k vs 1k submissions, ${UNITS} units`;
    const flat = (key: keyof typeof small, what: string): BenchResult => ({
      name: `scale: ${what}, ${label}`,
      value: large[key].ms,
      baseline: small[key].ms,
      ratio: round(large[key].ms / small[key].ms, 3),
      goal: 'flat: RCU ratio 1.0 ± 0.1, time ≈ 1×',
      met: Math.abs(large[key].rcu / small[key].rcu - 1) <= 0.1 && large[key].requests === small[key].requests,
      unit: 'ms (median)',
      notes: `RCU ${large[key].rcu} vs ${small[key].rcu}; requests ${large[key].requests} vs ${small[key].requests} (${large[key].commands})`,
    });
    const results: BenchResult[] = [
      flat('inbox', '待办 GET /api/tasks (20 items, 经济建设股)'),
      flat('dashboardAll', '工作台 GET /api/dashboard (绩效评价服务股, every submitted form)'),
      flat('dashboardUnit', '工作台 GET /api/dashboard (a department)'),
      flat('board', `board of a ${BOARD_UNITS}-unit campaign GET /api/campaigns/:id`),
      {
        name: `scale: board of ${BOARD_UNITS} units vs one unit's row (at ${Math.round(seeded / 1000)}k submissions)`,
        value: large.board.ms,
        baseline: large.row.ms,
        ratio: round(large.board.ms / large.row.ms, 3),
        goal: '≤ 2 queries, flat in submissions',
        met: large.board.commands.split(', ').filter((c) => c === 'Query').length <= 2,
        unit: 'ms (median)',
        notes: `board ${large.board.rcu} RCU (${large.board.commands}); row ${large.row.rcu} RCU (${large.row.commands})`,
      },
      {
        name: 'scale: submissions seeded (BatchWriteItem)',
        value: seeded,
        baseline: LARGE,
        ratio: round(seeded / LARGE, 3),
        goal: `${LARGE} within ${BUDGET_S} s`,
        met: seeded >= LARGE,
        unit: 'submissions',
        notes: `${round(seedSeconds, 1)} s; 工作台 of 绩效评价服务股 then counted ${JSON.stringify(dash.counts)}`,
      },
    ];
    return results;
  } finally {
    await dynamo?.stop();
  }
});
