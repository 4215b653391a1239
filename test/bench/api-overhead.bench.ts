/**
 * API overhead (docs/decisions.md, performance goals): the inbox (20 items) and a decision under 20 concurrent clients on
 * the local server, against the same DynamoDB Query / TransactWriteItems issued bare from this
 * process with 20 concurrent loops. Goal: p99 ≤ 1.5× the bare call, 0 errors.
 *
 * The server is the real app (createApp + @hono/node-server, as startLocalServer wires it, minus
 * the static web files) on an in-memory DynamoDB Local; autocannon runs in this process too.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';
import {
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
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 400);
const WARMUP_S = 2;

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

function cannon(opts: Record<string, unknown>): Promise<any> {
  return new Promise((ok, fail) => {
    autocannon({ connections: CONNECTIONS, ...opts }, (err: Error | null, result: unknown) =>
      err ? fail(err) : ok(result),
    );
  });
}

runBench('api-overhead', async () => {
  const dynamo = await startLocalDynamo({ startupMs: 180_000 }); // the machine may be shared and loaded
  const { deps, app, table } = await seededApp(dynamo.endpoint, { app: { rateLimitPerMinute: 1_000_000 } });
  const server = await listen(app.fetch);
  const db = deps.db;
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
    await cannon({ ...inboxReq, duration: WARMUP_S });
    const api = await cannon({ ...inboxReq, duration: DURATION_S });
    const apiErrors = api.errors + api.timeouts + api.non2xx;
    log(
      `inbox API: ${api.requests.total} req, p50 ${api.latency.p50} ms, p99 ${api.latency.p99} ms, errors ${apiErrors}`,
    );

    const durationMs = DURATION_S * 1000;
    let deadline = performance.now() + WARMUP_S * 1000;
    await loops(CONNECTIONS, () => performance.now() > deadline, inboxQuery);
    deadline = performance.now() + durationMs;
    const bare = await loops(CONNECTIONS, () => performance.now() > deadline, inboxQuery);
    const bareP50 = percentile(bare.latencies, 50);
    const bareP99 = percentile(bare.latencies, 99);
    log(
      `inbox bare Query: ${bare.latencies.length} calls, p50 ${round(bareP50)} ms, p99 ${round(bareP99)} ms, errors ${bare.errors}`,
    );

    // ---- Decide: one approve per prepared submission --------------------------------------
    // Preparation by copying the items of one real submitted submission under fresh ids (creating
    // hundreds through the API costs minutes on a shared 2-core machine; the copies are item-for-item
    // what create + submit wrote, with the id replaced).
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
    const decideIds = Array.from({ length: DECISIONS }, () => randomUUID());
    await batchPut(
      db,
      decideIds.flatMap((id) => JSON.parse(templateJson.replaceAll(template, id)) as Record<string, unknown>[]),
    );
    log(`prepared ${DECISIONS} submitted submissions (${templateItems.length} items each) in ${Date.now() - t1} ms`);

    let next = 0;
    const decided = await cannon({
      url: server.url,
      amount: DECISIONS,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${leader}`, 'content-type': 'application/json' },
          body: JSON.stringify({ stepId: 'leaderSignoff', action: 'approve', comment: '同意' }),
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            path: `/api/submissions/${decideIds[next++ % decideIds.length]}/decisions`,
          }),
        },
      ],
    });
    const decideErrors = decided.errors + decided.timeouts + decided.non2xx;
    log(
      `decide API: ${decided.requests.total} req in ${decided.duration} s, p50 ${decided.latency.p50} ms, p99 ${decided.latency.p99} ms, errors ${decideErrors}`,
    );
    // Each decision landed once: the submission moved to version 3.
    const probe = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.submission(decideIds[0]) }));
    if (probe.Item?.version !== 3) throw new Error(`decide did not land: version ${probe.Item?.version}`);

    // Bare baseline: the same transaction shape on synthetic copies of real items.
    const subItem = probe.Item as Record<string, unknown>;
    const items = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.submission(decideIds[0]).PK },
      }),
    );
    const all = items.Items ?? [];
    const event = all.find((i) => i.SK === keys.event(decideIds[0], 3).SK);
    const closedTask = all.find((i) => String(i.SK).startsWith('TASK#') && i.stepId === 'leaderSignoff');
    const openedTask = all.find(
      (i) => String(i.SK).startsWith('TASK#') && i.stepId !== 'leaderSignoff' && i.status === 'open',
    );
    if (!event || !closedTask || !openedTask) throw new Error('could not find the decision items to copy');

    const bareCount = DECISIONS;
    const synth = Array.from({ length: bareCount + 200 }, () => randomUUID());
    const now = new Date().toISOString();
    const prep = synth.map((id) => {
      const sub = { ...subItem, ...keys.submission(id), ...keys.submissionAll(now, id), id, version: 2 };
      const task = {
        ...closedTask,
        ...keys.task(id, 1, 'leaderSignoff', 'jtj', now),
        ...keys.inbox('jtj', null, now, id),
        submissionId: id,
        status: 'open',
        assignedAt: now,
      };
      for (const k of ['closedAt', 'outcome', 'actorId', 'GSI2PK', 'GSI2SK'])
        delete (task as Record<string, unknown>)[k];
      return [sub, task];
    });
    await batchPut(db, prep.flat());
    const bareDecide = async (i: number) => {
      const id = synth[i];
      const at = new Date().toISOString();
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.table,
                Item: {
                  ...subItem,
                  ...keys.submission(id),
                  ...keys.submissionAll(now, id),
                  id,
                  version: 3,
                  updatedAt: at,
                },
                ConditionExpression: '#v = :expected',
                ExpressionAttributeNames: { '#v': 'version' },
                ExpressionAttributeValues: { ':expected': 2 },
              },
            },
            {
              Put: {
                TableName: db.table,
                Item: { ...event, ...keys.event(id, 3), submissionId: id, at },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: db.table,
                Key: keys.task(id, 1, 'leaderSignoff', 'jtj', now),
                UpdateExpression:
                  'SET #s = :s, closedAt = :at, outcome = :o, actorId = :a, GSI2PK = :g2pk, GSI2SK = :g2sk REMOVE GSI1PK, GSI1SK',
                ConditionExpression: '#s = :open',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: {
                  ':s': 'done',
                  ':at': at,
                  ':open': 'open',
                  ':o': 'approve',
                  ':a': 'bench',
                  ...(() => {
                    const d = keys.done('jtj', at, id);
                    return { ':g2pk': d.GSI2PK, ':g2sk': d.GSI2SK };
                  })(),
                },
              },
            },
            {
              Put: {
                TableName: db.table,
                Item: {
                  ...openedTask,
                  ...keys.task(id, 1, String(openedTask.stepId), String(openedTask.assigneeUnitId), at),
                  ...keys.inbox(String(openedTask.assigneeUnitId), (openedTask.dueAt as string | null) ?? null, at, id),
                  submissionId: id,
                  assignedAt: at,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
    };
    // Warm-up on the 200 spare items, then the measured run on the rest.
    const spare = bareCount;
    await loops(
      CONNECTIONS,
      (n) => n >= 200,
      (i) => bareDecide(spare + i),
    );
    const bareD = await loops(CONNECTIONS, (n) => n >= bareCount, bareDecide);
    const bareDP50 = percentile(bareD.latencies, 50);
    const bareDP99 = percentile(bareD.latencies, 99);
    log(
      `decide bare TransactWriteItems: ${bareD.latencies.length} calls in ${round(bareD.elapsedMs / 1000, 1)} s, p50 ${round(bareDP50)} ms, p99 ${round(bareDP99)} ms, errors ${bareD.errors}`,
    );

    const inboxRatio = ratioOf(api.latency.p99, bareP99);
    const decideRatio = ratioOf(decided.latency.p99, bareDP99);
    return [
      {
        name: 'api-overhead: inbox GET /api/tasks?status=open (20 items) p99',
        value: api.latency.p99,
        baseline: round(bareP99),
        ratio: inboxRatio,
        goal: '≤ 1.5×, 0 errors',
        met: inboxRatio !== null && inboxRatio <= 1.5 && apiErrors === 0,
        unit: 'ms',
        notes: `${CONNECTIONS} connections ${DURATION_S} s: API ${api.requests.total} req (${round(api.requests.average)} req/s), p50 ${api.latency.p50} ms, errors ${apiErrors}; bare Query ${bare.latencies.length} calls, p50 ${round(bareP50)} ms, errors ${bare.errors}. Table ${table}, silent access log, autocannon in the same process.`,
      },
      {
        name: 'api-overhead: decide POST /api/submissions/:id/decisions p99',
        value: decided.latency.p99,
        baseline: round(bareDP99),
        ratio: decideRatio,
        goal: '≤ 1.5×, 0 errors',
        met: decideRatio !== null && decideRatio <= 1.5 && decideErrors === 0,
        unit: 'ms',
        notes: `${DECISIONS} approvals (each on its own submission), ${CONNECTIONS} connections: API ${round(decided.duration, 1)} s, p50 ${decided.latency.p50} ms, errors ${decideErrors}; bare TransactWriteItems (Put sub w/ version condition + Put event + Update task + Put task) ${bareD.latencies.length} calls in ${round(bareD.elapsedMs / 1000, 1)} s, p50 ${round(bareDP50)} ms, errors ${bareD.errors}. No Idempotency-Key sent.`,
      },
    ];
  } finally {
    await server.close();
    await dynamo.stop();
  }
});
