/**
 * Campaign board cost (issue "The bureau runs its year"): the board of a campaign addressed to 150
 * units is one Query of the campaign's partition (head + unit rows + edit records). Reported: the
 * number of DynamoDB requests, consumed read capacity and time, against reading one unit's row
 * (GetItem) — the department's view. Also the whole API call GET /api/campaigns/:id both ways.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';
import { type BenchResult, log, median, round, runBench, seededApp } from './support';

const UNITS = 150;
const RUNS = 30;

runBench('campaign-board', async () => {
  const external = process.env.DYNAMODB_ENDPOINT;
  const dynamo = external ? null : await startLocalDynamo();
  try {
    const { deps, app } = await seededApp(external ?? (dynamo?.endpoint as string));
    const commands: string[] = [];
    const capacity: Record<string, number[]> = {};
    deps.db.raw.middlewareStack.add(
      (next, context) => async (args) => {
        const name = (context as { commandName?: string }).commandName ?? 'unknown';
        commands.push(name);
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const out = await next(args);
        const cc = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
        if (cc?.CapacityUnits !== undefined) {
          capacity[name] ??= [];
          capacity[name].push(cc.CapacityUnits);
        }
        return out;
      },
      { step: 'initialize', name: 'benchRecorder' },
    );
    const unitIds = Array.from({ length: UNITS }, (_, i) => `bu${String(i).padStart(3, '0')}`);
    for (const id of unitIds)
      await deps.org.putUnit({ id, name: `测试预算单位${id}`, kind: 'department', managedBy: 'jjs' });
    const login = async (username: string) => {
      const r = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo1234' }),
      });
      return ((await r.json()) as { token: string }).token;
    };
    const jxpj = await login('jxpj');
    const issued = await app.request('/api/campaigns', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jxpj}` },
      body: JSON.stringify({
        formId: 'project-target',
        title: '2025年度项目支出绩效自评',
        year: 2025,
        dueDate: '2026-03-31',
        unitIds: [...unitIds, 'jtj'],
      }),
    });
    const campaign = ((await issued.json()) as { id: string }).id;
    // Every unit has started: 150 rows with a submission, a status and a reminder.
    const statuses = ['draft', 'in_review', 'returned', 'approved', 'rejected'];
    const rows = unitIds.map((unitId, i) => ({
      ...keys.campaignUnit(campaign, unitId),
      campaignId: campaign,
      unitId,
      status: statuses[i % statuses.length],
      submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      submittedAt: i % 5 ? '2026-03-20T02:00:00.000Z' : undefined,
      remindedAt: '2026-03-25T02:00:00.000Z',
      updatedAt: '2026-03-25T02:00:00.000Z',
    }));
    for (let i = 0; i < rows.length; i += 25) {
      await deps.db.doc.send(
        new BatchWriteCommand({
          RequestItems: { [deps.db.table]: rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }
    const measure = async (fn: () => Promise<unknown>) => {
      const times: number[] = [];
      let requests = 0;
      let rcu = 0;
      for (let i = 0; i < RUNS; i++) {
        commands.length = 0;
        for (const k of Object.keys(capacity)) delete capacity[k];
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
        requests = commands.length;
        rcu = Object.values(capacity)
          .flat()
          .reduce((a, b) => a + b, 0);
      }
      return { ms: round(median(times), 2), requests, rcu: round(rcu, 2), commands: [...commands] };
    };
    const board = await measure(async () => {
      const b = await deps.campaigns.board(campaign);
      if (!b || b.rows.length !== UNITS) throw new Error(`board has ${b?.rows.length} rows`);
    });
    const row = await measure(() => deps.campaigns.row(campaign, unitIds[7]));
    const jtj = await login('jtj');
    const api = (token: string) => async () => {
      const r = await app.request(`/api/campaigns/${campaign}`, { headers: { authorization: `Bearer ${token}` } });
      if (r.status !== 200) throw new Error(`GET board ${r.status}`);
      await r.arrayBuffer();
    };
    const apiBoard = await measure(api(jxpj));
    const apiRow = await measure(api(jtj));
    log({ board, row, apiBoard, apiRow });
    const results: BenchResult[] = [
      {
        name: `campaign-board: board of ${UNITS} units, DynamoDB requests`,
        value: board.requests,
        baseline: row.requests,
        ratio: round(board.requests / row.requests, 3),
        goal: '≤ 2 queries',
        met: board.requests <= 2 && board.commands.every((c) => c === 'QueryCommand'),
        unit: 'requests',
        notes: `board: ${board.commands.join(', ')}; one unit's row: ${row.commands.join(', ')}`,
      },
      {
        name: `campaign-board: board of ${UNITS} units, consumed read capacity`,
        value: board.rcu,
        baseline: row.rcu,
        ratio: round(board.rcu / row.rcu, 3),
        goal: 'one Query (≈ item bytes / 8 KB, eventually consistent)',
        met: board.requests <= 2,
        unit: 'RCU',
        notes: 'baseline: GetItem of one unit row (consistent read, 1 RCU)',
      },
      {
        name: `campaign-board: board of ${UNITS} units, repository time (median of ${RUNS})`,
        value: board.ms,
        baseline: row.ms,
        ratio: round(board.ms / row.ms, 3),
        goal: '—',
        met: true,
        unit: 'ms',
        notes: 'DynamoDB Local on the same machine',
      },
      {
        name: `campaign-board: GET /api/campaigns/:id, ${UNITS} rows (jxpj) vs own row (jtj), median of ${RUNS}`,
        value: apiBoard.ms,
        baseline: apiRow.ms,
        ratio: round(apiBoard.ms / apiRow.ms, 3),
        goal: '—',
        met: true,
        unit: 'ms',
        notes: `requests per call: board ${apiBoard.requests} (${apiBoard.commands.join(', ')}), own row ${apiRow.requests} (${apiRow.commands.join(', ')}); RCU ${apiBoard.rcu} vs ${apiRow.rcu}`,
      },
    ];
    return results;
  } finally {
    await dynamo?.stop();
  }
});
