/**
 * API overhead (docs/decisions.md, performance goals): the inbox (20 items) and a decision under 20 concurrent clients on
 * the local server, against the same DynamoDB Query / TransactWriteItems issued bare from this
 * process with 20 concurrent loops. Goal: p50 ≤ 1.3× and p99 ≤ 1.5× the bare call, 0 errors.
 *
 * Each side's measured time (or decisions) is cut into slices taken in turn: API, bare, floor, API, … The machine is
 * shared and its speed drifts within minutes; in turn, the drift weighs on the API and its baseline alike. The
 * percentiles are over every response's latency of all slices pooled.
 *
 * The inbox is also measured behind a bare Hono route on the same kind of server (the "transport"): the same Query, its
 * items answered as JSON, no app. Between the bare Query, the transport and the API, the notes say how much of the
 * API's time is HTTP and the framework and how much the app.
 *
 * The server is the real app (createApp + @hono/node-server, as startLocalServer wires it, minus
 * the static web files) on an in-memory DynamoDB Local. autocannon runs in a child process
 * (harness/cannon-process.mjs): its HTTP parsing of 20 connections does not share the server's event loop, as the
 * clients of a real server do not; the bare loops it is compared with need no client.
 */

import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';
import {
  type BenchResult,
  cpuMeter,
  http,
  listen,
  log,
  login,
  loops,
  percentile,
  pool,
  projectTargetExample,
  ratioOf,
  round,
  runBench,
  seededApp,
} from './support';

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 1000);
const WARMUP_S = 2;
/** The measured time of each side is cut into this many slices, taken in turn. */
const SLICES = 5;

/** p50 and p99 of a list of latencies. */
const medianAndTail = (latencies: number[]) => [percentile(latencies, 50), percentile(latencies, 99)] as const;

/** BatchWriteItem in chunks of 25 with 4 requests in flight, retrying unprocessed items. */
async function batchPut(db: { doc: DynamoDBDocumentClient; table: string }, items: Record<string, unknown>[]) {
  const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
  await pool(chunks, 4, async (chunk) => {
    let pending: Record<string, unknown>[] = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const r = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending as never } }));
      pending = (r.UnprocessedItems?.[db.table] as Record<string, unknown>[] | undefined) ?? [];
    }
  });
}

/**
 * autocannon in a child process that serves one run after another (so the client stays warm from the warm-up on);
 * with `paths`, each request goes to the next path of the list in turn; with `raw`, `result.raw` holds every
 * response's latency in ms. `close()` ends the process; `pid` is its process id.
 */
function cannonProcess() {
  const child = fork(new URL('./harness/cannon-process.mjs', import.meta.url), { execArgv: [] });
  let exited: Error | null = null;
  /** Fails the run waiting for an answer, if any. */
  let pending: ((err: Error) => void) | null = null;
  const end = (err: Error) => {
    exited ??= err;
    pending?.(exited);
  };
  child.once('exit', (code) => end(new Error(`autocannon exited with ${code} before answering`)));
  child.once('error', end);
  const run = (opts: Record<string, unknown>, paths?: string[], raw = false): Promise<any> =>
    new Promise((ok, fail) => {
      if (exited) return fail(exited);
      pending = fail;
      child.once('message', (m: { error?: string; result?: unknown }) => {
        pending = null;
        if (m.error) fail(new Error(m.error));
        else ok(m.result);
      });
      child.send({ opts: { connections: CONNECTIONS, ...opts }, paths, raw });
    });
  return { run, pid: child.pid, close: () => child.disconnect() };
}

runBench('api-overhead', async () => {
  const dynamo = await startLocalDynamo({ startupMs: 180_000 }); // the machine may be shared and loaded
  const { deps, app, table } = await seededApp(dynamo.endpoint, { app: { rateLimitPerMinute: 1_000_000 } });
  const server = await listen(app.fetch);
  const client = cannonProcess();
  const cannon = client.run;
  const db = deps.db;
  // CPU per request of each process on each side: what the two cores are spent on (all three processes share them).
  const apiMeter = () => cpuMeter({ server: process.pid, 'load generator': client.pid, JVM: dynamo.pid });
  const bareMeter = () => cpuMeter({ loop: process.pid, JVM: dynamo.pid });
  // What the server sends to DynamoDB while the API is measured: commands by name, and transaction conflicts.
  const tally = new Map<string, number>();
  let counting = false;
  /** The first decision's TransactItems as the server sent them (document form), for the bare baseline. */
  let capture = '';
  let sentDecision: unknown[] | undefined;
  /** The inbox's user read and the decision's BatchGetItem as the server sent them, for the "floor" loops. */
  let sentUserGet: Record<string, unknown> | undefined;
  let sentRead: Record<string, unknown> | undefined;
  deps.db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? '?';
      if (counting) tally.set(name, (tally.get(name) ?? 0) + 1);
      try {
        return await next(args);
      } catch (err) {
        const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        if (counting && reasons.some((r) => r.Code === 'TransactionConflict'))
          tally.set('conflicts', (tally.get('conflicts') ?? 0) + 1);
        throw err;
      } finally {
        if (name === 'TransactWriteItemsCommand' && capture && !sentDecision) {
          const items = (args.input as { TransactItems: unknown[] }).TransactItems;
          if (JSON.stringify(items).includes(capture)) sentDecision = items;
        }
        if (name === 'GetItemCommand' && counting && !capture && !sentUserGet)
          sentUserGet = structuredClone(args.input as Record<string, unknown>);
        if (name === 'BatchGetItemCommand' && capture && !sentRead && JSON.stringify(args.input).includes(capture))
          sentRead = structuredClone(args.input as Record<string, unknown>);
      }
    },
    { step: 'initialize', name: 'benchTally' },
  );
  const perRequest = (n: number) => {
    const out = [...tally].map(([k, v]) => `${k.replace(/Command$/, '')} ${round(v / n, 2)}`).join(', ');
    tally.clear();
    return out;
  };
  try {
    const filler = await login(server.url, 'jtj');
    const leader = await login(server.url, 'jtjld');
    const example = projectTargetExample();

    /** create + submit as jtj (in-process requests: preparation, not measured). */
    const submitted = async (): Promise<string> => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${filler}` };
      const c = await app.request('/api/submissions', {
        method: 'POST',
        headers,
        body: JSON.stringify({ formId: 'project-target', data: example }),
      });
      if (c.status !== 201) throw new Error(`create: ${c.status} ${await c.text()}`);
      const { id } = (await c.json()) as { id: string };
      const s = await app.request(`/api/submissions/${id}/submit`, { method: 'POST', headers });
      if (s.status !== 200) throw new Error(`submit: ${s.status} ${await s.text()}`);
      return id;
    };

    // ---- Inbox: 20 open leaderSignoff tasks in jtj's unit ------------------------------------
    const t0 = Date.now();
    const inboxIds: string[] = [];
    await pool(Array.from({ length: 20 }), 4, async () => {
      inboxIds.push(await submitted());
    });
    log(`seeded 20 inbox tasks in ${Date.now() - t0} ms`);
    const check = await http(server.url, 'GET', '/api/tasks?status=open', { token: leader });
    if (check.status !== 200 || check.body.items.length !== 20)
      throw new Error(`inbox check: ${check.status} ${check.body?.items?.length}`);

    const inboxQuery = () =>
      db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.inboxPartition('jtj') },
          ScanIndexForward: true,
          Limit: 20,
        }),
      );
    const q = await inboxQuery();
    if (q.Items?.length !== 20) throw new Error(`bare inbox query returned ${q.Items?.length}`);

    const inboxReq = { url: `${server.url}/api/tasks?status=open`, headers: { authorization: `Bearer ${leader}` } };
    // The transport: the same Query behind a bare Hono route on the same kind of server, answering its items as JSON
    // (no app, no user check). What it adds to the bare Query is HTTP and the framework; what the API adds to it is
    // the app.
    const bareRoute = new Hono();
    bareRoute.get('/inbox', async (c) => c.json({ items: (await inboxQuery()).Items }));
    const transportServer = await listen(bareRoute.fetch);
    const transportReq = { url: `${transportServer.url}/inbox` };
    // Warm-up of both sides, then the measured slices: the API, the bare Query and the floor take turns, so a machine
    // that speeds up or slows down during the run (a shared 2-core host does, by up to 2× within minutes) weighs on
    // each of them alike.
    await cannon({ ...inboxReq, duration: WARMUP_S });
    await cannon({ ...transportReq, duration: WARMUP_S });
    let deadline = performance.now() + WARMUP_S * 1000;
    await loops(CONNECTIONS, () => performance.now() > deadline, inboxQuery);
    const sliceMs = (DURATION_S * 1000) / SLICES;
    const api = { latencies: [] as number[], requests: 0, errors: 0, cpu: apiMeter() };
    const bare = { latencies: [] as number[], errors: 0, cpu: bareMeter() };
    const floor = { latencies: [] as number[], errors: 0, cpu: bareMeter() };
    const transport = { latencies: [] as number[], requests: 0, errors: 0, cpu: apiMeter() };
    const bareFor = async (into: typeof bare, fn: () => Promise<unknown>) => {
      deadline = performance.now() + sliceMs;
      const r = await into.cpu.during(() => loops(CONNECTIONS, () => performance.now() > deadline, fn));
      into.latencies.push(...r.latencies);
      into.errors += r.errors;
    };
    for (let slice = 0; slice < SLICES; slice++) {
      counting = true;
      const r = await api.cpu.during(() => cannon({ ...inboxReq, duration: sliceMs / 1000 }, undefined, true));
      counting = false;
      api.latencies.push(...r.raw);
      api.requests += r.requests.total;
      api.errors += r.errors + r.timeouts + r.non2xx;
      await bareFor(bare, inboxQuery);
      // The floor: the DynamoDB work the API's inbox does (the caller's user record beside the Query), issued bare.
      if (!sentUserGet) throw new Error('no user read was captured');
      const userGet = sentUserGet;
      await bareFor(floor, () => Promise.all([db.doc.send(new GetCommand(userGet as never)), inboxQuery()]));
      const t = await transport.cpu.during(() =>
        cannon({ ...transportReq, duration: sliceMs / 1000 }, undefined, true),
      );
      transport.latencies.push(...t.raw);
      transport.requests += t.requests.total;
      transport.errors += t.errors + t.timeouts + t.non2xx;
    }
    await transportServer.close();
    const inboxCalls = perRequest(api.requests);
    log(`inbox API DynamoDB calls per request: ${inboxCalls}`);
    const apiErrors = api.errors;
    const [[apiP50, apiP99], [bareP50, bareP99], [floorP50, floorP99], [transportP50, transportP99]] = [
      api,
      bare,
      floor,
      transport,
    ].map((side) => medianAndTail(side.latencies));
    const transportNote = `Transport (the same Query behind a bare Hono route over HTTP, no app: ${transport.requests} req, errors ${transport.errors}): p50 ${round(transportP50)} ms (${ratioOf(round(transportP50), bareP50)}× the bare Query; the API ${ratioOf(round(apiP50), transportP50)}× it), p99 ${round(transportP99)} ms; CPU per request ${transport.cpu.perCall(transport.requests)}.`;
    log(transportNote);
    log(`inbox API: ${api.requests} req, p50 ${round(apiP50)} ms, p99 ${round(apiP99)} ms, errors ${apiErrors}`);
    log(
      `inbox bare Query: ${bare.latencies.length} calls, p50 ${round(bareP50)} ms, p99 ${round(bareP99)} ms, errors ${bare.errors}`,
    );
    log(
      `inbox floor (user GetItem beside the Query, bare): ${floor.latencies.length} calls, p50 ${round(floorP50)} ms, p99 ${round(floorP99)} ms, errors ${floor.errors}`,
    );
    log(
      `inbox CPU per request: API: ${api.cpu.perCall(api.requests)}; bare: ${bare.cpu.perCall(bare.latencies.length)}`,
    );
    const check2 = await db.doc.send(new GetCommand(sentUserGet as never));
    if (!check2.Item) throw new Error('the captured user read finds nothing when replayed');

    // ---- Decide: one approve per prepared submission --------------------------------------
    // Preparation by copying the items of one real submitted submission under fresh ids (creating
    // hundreds through the API costs minutes on a shared 2-core machine; the copies are item-for-item
    // what create + submit wrote, with the id replaced). Copies for the API's warm-up and its measured decisions, for
    // the bare transactions (and their warm-up) and for the floor, all made before anything is measured.
    const t1 = Date.now();
    const template = await submitted();
    const templateItems =
      (
        await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.submission(template).PK },
          }),
        )
      ).Items ?? [];
    const templateJson = JSON.stringify(templateItems);
    const fresh = (n: number) => Array.from({ length: n }, () => randomUUID());
    const warmIds = fresh(200);
    const decideIds = fresh(DECISIONS);
    const synth = fresh(DECISIONS + 200);
    const floorIds = fresh(DECISIONS);
    await batchPut(
      db,
      [...warmIds, ...decideIds, ...synth, ...floorIds].flatMap(
        (id) => JSON.parse(templateJson.replaceAll(template, id)) as Record<string, unknown>[],
      ),
    );
    log(
      `prepared ${warmIds.length + decideIds.length + synth.length + floorIds.length} submitted submissions (${templateItems.length} items each) in ${Date.now() - t1} ms`,
    );
    const decisionRequest = {
      method: 'POST',
      headers: { authorization: `Bearer ${leader}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stepId: 'leaderSignoff', action: 'approve', comment: '同意' }),
    };
    const decideOver = (ids: string[]) =>
      cannon(
        { url: server.url, amount: ids.length, requests: [decisionRequest] },
        ids.map((id) => `/api/submissions/${id}/decisions`),
        true,
      );
    // The warm-up's first decision is captured as the server sent it: its read and its transaction are replayed bare.
    capture = warmIds[0];
    const warm = await decideOver(warmIds);
    if (warm.non2xx || warm.errors) throw new Error(`decide warm-up: ${warm.non2xx} non-2xx, ${warm.errors} errors`);
    if (!sentDecision) throw new Error('no decision transaction was captured');
    if (!sentRead) throw new Error('no decision read was captured');
    const sentJson = JSON.stringify(sentDecision).replaceAll(capture, '@ID@');
    const readJson = JSON.stringify(sentRead).replaceAll(capture, '@ID@');

    // Bare baseline: the very transaction the API sent, replayed from this process on fresh copies of the submitted
    // items (the submission id replaced; the shared counter items stay shared).
    const bareDecide = async (i: number) => {
      const TransactItems = JSON.parse(sentJson.replaceAll('@ID@', synth[i]));
      await db.doc.send(new TransactWriteCommand({ TransactItems }));
    };
    await bareDecide(DECISIONS + 199); // one replay as a check: it must land like the API's did
    const replayed = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.submission(synth[DECISIONS + 199]), ConsistentRead: true }),
    );
    if (replayed.Item?.version !== 3) throw new Error(`bare replay did not land: version ${replayed.Item?.version}`);
    await loops(
      CONNECTIONS,
      (n) => n >= 199,
      (i) => bareDecide(DECISIONS + i),
    );
    // The floor: the DynamoDB work the API's decision does (its BatchGetItem, then its transaction), issued bare.
    const floorDecide = async (i: number) => {
      const read = await db.doc.send(new BatchGetCommand(JSON.parse(readJson.replaceAll('@ID@', floorIds[i]))));
      if (!read.Responses?.[db.table]?.length) throw new Error('the replayed read found nothing');
      const TransactItems = JSON.parse(sentJson.replaceAll('@ID@', floorIds[i]));
      await db.doc.send(new TransactWriteCommand({ TransactItems }));
    };

    // The measured slices, in turn as for the inbox: a fifth of the API's decisions, as many bare, as many floor.
    const decided = { latencies: [] as number[], requests: 0, errors: 0, ms: 0, cpu: apiMeter() };
    const bareD = { latencies: [] as number[], errors: 0, ms: 0, cpu: bareMeter() };
    const floorD = { latencies: [] as number[], errors: 0, ms: 0, cpu: bareMeter() };
    const per = Math.ceil(DECISIONS / SLICES);
    for (let from = 0; from < DECISIONS; from += per) {
      const to = Math.min(DECISIONS, from + per);
      counting = true;
      const r = await decided.cpu.during(() => decideOver(decideIds.slice(from, to)));
      counting = false;
      decided.latencies.push(...r.raw);
      decided.requests += r.requests.total;
      decided.errors += r.errors + r.timeouts + r.non2xx;
      decided.ms += r.duration * 1000;
      for (const [into, fn] of [
        [bareD, bareDecide],
        [floorD, floorDecide],
      ] as const) {
        const b = await into.cpu.during(() =>
          loops(
            CONNECTIONS,
            (n) => from + n >= to,
            (i) => fn(from + i),
          ),
        );
        into.latencies.push(...b.latencies);
        into.errors += b.errors;
        into.ms += b.elapsedMs;
      }
    }
    const decideCalls = perRequest(decided.requests);
    log(`decide API DynamoDB calls per request: ${decideCalls}`);
    const decideErrors = decided.errors;
    const [[decideP50, decideP99], [bareDP50, bareDP99], [floorDP50, floorDP99]] = [decided, bareD, floorD].map(
      (side) => medianAndTail(side.latencies),
    );
    log(
      `decide API: ${decided.requests} req in ${round(decided.ms / 1000, 1)} s, p50 ${round(decideP50)} ms, p99 ${round(decideP99)} ms, errors ${decideErrors}`,
    );
    // Each decision landed once: the submission moved to version 3.
    const probe = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.submission(decideIds[0]) }));
    if (probe.Item?.version !== 3) throw new Error(`decide did not land: version ${probe.Item?.version}`);
    log(
      `decide bare TransactWriteItems: ${bareD.latencies.length} calls in ${round(bareD.ms / 1000, 1)} s, p50 ${round(bareDP50)} ms, p99 ${round(bareDP99)} ms, errors ${bareD.errors}`,
    );
    log(
      `decide floor (BatchGetItem, then TransactWriteItems, bare): ${floorD.latencies.length} in ${round(floorD.ms / 1000, 1)} s, p50 ${round(floorDP50)} ms, p99 ${round(floorDP99)} ms, errors ${floorD.errors}`,
    );

    log(
      `decide CPU per decision: API: ${decided.cpu.perCall(decided.requests)}; bare: ${bareD.cpu.perCall(bareD.latencies.length)}`,
    );
    const inboxRatio = ratioOf(round(apiP99), bareP99);
    const decideRatio = ratioOf(round(decideP99), bareDP99);
    return [
      {
        name: 'api-overhead: inbox GET /api/tasks?status=open (20 items) p99',
        value: round(apiP99),
        baseline: round(bareP99),
        ratio: inboxRatio,
        goal: '≤ 1.5×, 0 errors',
        met: inboxRatio !== null && inboxRatio <= 1.5 && apiErrors === 0,
        unit: 'ms',
        notes: `${CONNECTIONS} connections, ${DURATION_S} s each in ${SLICES} slices taken in turn (API, bare, floor, transport): API ${api.requests} req (${round(api.requests / DURATION_S)} req/s), p50 ${round(apiP50)} ms, errors ${apiErrors}; bare Query ${bare.latencies.length} calls, p50 ${round(bareP50)} ms, errors ${bare.errors}. DynamoDB calls per request: ${inboxCalls} (the calls of requests still open when a slice ends count, their answers do not: about ${CONNECTIONS * SLICES} calls more than answers). Floor (the user GetItem beside the Query, both bare, ${floor.latencies.length} calls): p50 ${round(floorP50)} ms, p99 ${round(floorP99)} ms (API/floor p99 ${ratioOf(round(apiP99), floorP99)}×), errors ${floor.errors}. CPU per request: API: ${api.cpu.perCall(api.requests)}; bare: ${bare.cpu.perCall(bare.latencies.length)}. ${transportNote} Table ${table}, silent access log, autocannon in a child process (latency of every response).`,
      },
      {
        name: 'api-overhead: decide POST /api/submissions/:id/decisions p99',
        value: round(decideP99),
        baseline: round(bareDP99),
        ratio: decideRatio,
        goal: '≤ 1.5×, 0 errors',
        met: decideRatio !== null && decideRatio <= 1.5 && decideErrors === 0,
        unit: 'ms',
        notes: `${DECISIONS} approvals (each on its own submission) after 200 to warm up, ${CONNECTIONS} connections, in ${SLICES} slices taken in turn with the bare and floor ones: API ${round(decided.ms / 1000, 1)} s, p50 ${round(decideP50)} ms, errors ${decideErrors}; bare TransactWriteItems (the transaction the API sent for its first decision, replayed on copies) ${bareD.latencies.length} calls in ${round(bareD.ms / 1000, 1)} s, p50 ${round(bareDP50)} ms, errors ${bareD.errors}. DynamoDB calls per decision: ${decideCalls}. Floor (the decision's BatchGetItem, then its transaction, both bare): p50 ${round(floorDP50)} ms, p99 ${round(floorDP99)} ms (API/floor p99 ${ratioOf(round(decideP99), floorDP99)}×), errors ${floorD.errors}. CPU per decision: API: ${decided.cpu.perCall(decided.requests)}; bare: ${bareD.cpu.perCall(bareD.latencies.length)}. No Idempotency-Key sent.`,
      },
      ...[
        {
          what: 'inbox GET /api/tasks?status=open (20 items)',
          value: round(apiP50),
          base: bareP50,
          errors: apiErrors,
        },
        {
          what: 'decide POST /api/submissions/:id/decisions',
          value: round(decideP50),
          base: bareDP50,
          errors: decideErrors,
        },
      ].map(({ what, value, base, errors }) => {
        const ratio = ratioOf(value, base);
        return {
          name: `api-overhead: ${what} p50`,
          value,
          baseline: round(base),
          ratio,
          goal: '≤ 1.3×, 0 errors',
          met: ratio !== null && ratio <= 1.3 && errors === 0,
          unit: 'ms',
          notes: `the same runs as the p99 rows above: their medians.${what.startsWith('inbox') ? ` ${transportNote}` : ''}`,
        } satisfies BenchResult;
      }),
    ];
  } finally {
    client.close();
    await server.close();
    await dynamo.stop();
  }
});
