/**
 * Inbox read cost (docs/decisions.md, performance goals): consumed capacity of the inbox Query (limit 20, the repository's
 * own code path) at 1k and at 100k submissions' worth of items. Goal: ratio 1.0 ± 0.1.
 * Plus: zero Scans in request paths — every route of functions/api/routes/table.ts is driven once
 * with a valid request through a DynamoDB client that records each command it sends.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, type Db } from '../../functions/adapters/dynamodb/client';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';
import { createTaskRepository } from '../../functions/adapters/dynamodb/submission-repository';
import { ensureTable } from '../../functions/adapters/dynamodb/table';
import { ROUTES } from '../../functions/api/routes/table';
import {
  type BenchResult,
  DEMO_PASSWORD,
  log,
  pool,
  projectTargetExample,
  ROOT,
  round,
  runBench,
  seededApp,
} from './support';

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_INBOX_LARGE ?? 100_000);
const FALLBACK = 30_000;
const SEED_BUDGET_S = Number(process.env.BENCH_INBOX_BUDGET_S ?? 240);
const TARGET = 'jtj';
const OTHER_UNITS = Array.from({ length: 19 }, (_, i) => `u${String(i).padStart(2, '0')}`);

/** Records each command the client sends, and asks every read for its consumed capacity. */
function instrument(db: Db) {
  const histogram: Record<string, number> = {};
  const capacity: number[] = [];
  db.raw.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? 'unknown';
      histogram[name] = (histogram[name] ?? 0) + 1;
      const input = args.input as Record<string, unknown>;
      if (name === 'QueryCommand') input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const cc = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      if (name === 'QueryCommand' && cc?.CapacityUnits !== undefined) capacity.push(cc.CapacityUnits);
      return out;
    },
    { step: 'initialize', name: 'benchRecorder' },
  );
  return { histogram, capacity };
}

/** Items of `count` submissions: submission (GSI2 SUBS), a visibility grant and a task (open → inbox). */
function itemsOf(count: number, offset: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const base = Date.UTC(2025, 0, 1);
  for (let n = offset; n < offset + count; n++) {
    const id = randomUUID();
    const createdAt = new Date(base + n * 1000).toISOString();
    // 2.5 % of the tasks are the target unit's: its inbox grows with the table too (25 → 2 500).
    const unit = n % 40 === 0 ? TARGET : OTHER_UNITS[n % OTHER_UNITS.length];
    out.push({
      ...keys.submission(id),
      ...keys.submissionAll(createdAt, id),
      entity: 'submission',
      id,
      formId: 'project-target',
      unitId: unit,
      status: 'inReview',
      title: `项目 ${n}`,
      version: 2,
      createdAt,
      updatedAt: createdAt,
    });
    out.push({
      ...keys.visibility(id, 'jjs'),
      ...keys.visibilityIndex('jjs', createdAt, id),
      entity: 'visibility',
      submissionId: id,
      unitId: 'jjs',
    });
    out.push({
      ...keys.task(id, 1, 'leaderSignoff', unit, createdAt),
      ...keys.inbox(unit, null, createdAt, id),
      entity: 'task',
      submissionId: id,
      formId: 'project-target',
      title: `项目 ${n}`,
      round: 1,
      stepId: 'leaderSignoff',
      stepName: '单位负责人审核签发',
      kind: 'review',
      assigneeUnitId: unit,
      submitterUnitId: unit,
      assignedAt: createdAt,
      dueAt: null,
      status: 'open',
    });
  }
  return out;
}

async function seed(db: Db, count: number, offset: number): Promise<number> {
  const t = performance.now();
  const step = 1000;
  for (let done = 0; done < count; done += step) {
    const items = itemsOf(Math.min(step, count - done), offset + done);
    const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
    await pool(chunks, 8, async (chunk) => {
      let pending: Record<string, unknown>[] = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length; attempt++) {
        const r = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: pending as never } }));
        pending = (r.UnprocessedItems?.[db.table] as Record<string, unknown>[] | undefined) ?? [];
        if (pending.length) await new Promise((ok) => setTimeout(ok, 20 * attempt));
      }
    });
  }
  return (performance.now() - t) / 1000;
}

/** Drives every route of ROUTES once with a valid request; returns each route's status. */
async function driveAllRoutes(
  endpoint: string,
): Promise<{ histogram: Record<string, number>; statuses: string[]; missing: string[] }> {
  const { deps, app } = await seededApp(endpoint, { app: { rateLimitPerMinute: 100_000 } });
  const { histogram } = instrument(deps.db);
  const tokens: Record<string, string> = {};
  const statuses: string[] = [];
  const driven = new Set<string>();
  const call = async (
    route: string,
    method: string,
    path: string,
    as?: string,
    body?: unknown,
    expect = [200, 201],
  ) => {
    const headers: Record<string, string> = {};
    if (as) {
      if (!tokens[as]) {
        const r = await app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: as, password: DEMO_PASSWORD }),
        });
        tokens[as] = ((await r.json()) as { token: string }).token;
      }
      headers.authorization = `Bearer ${tokens[as]}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ok = expect.includes(res.status);
    statuses.push(
      `${ok ? 'ok ' : 'BAD'} ${res.status} ${method} ${path}${as ? ` (${as})` : ''}${ok ? '' : ` ${text.slice(0, 160)}`}`,
    );
    driven.add(`${method} ${route}`);
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null; // /api/docs answers HTML
    }
  };
  const example = projectTargetExample();

  await call('/api/health', 'GET', '/api/health');
  await call('/api/auth/login', 'POST', '/api/auth/login', undefined, { username: 'jtj', password: DEMO_PASSWORD });
  await call('/api/openapi.json', 'GET', '/api/openapi.json');
  await call('/api/docs', 'GET', '/api/docs');
  for (const who of ['jtj', 'jjs', 'jxpj', 'admin']) {
    await call('/api/me', 'GET', '/api/me', who);
    await call('/api/dashboard', 'GET', '/api/dashboard', who);
  }
  await call('/api/units', 'GET', '/api/units', 'jtj');
  await call('/api/forms', 'GET', '/api/forms', 'jtj');
  const form = await call('/api/forms/:formId', 'GET', '/api/forms/project-target', 'jtj');
  await call(
    '/api/forms/:formId/versions/:version',
    'GET',
    `/api/forms/project-target/versions/${form?.version ?? 1}`,
    'jtj',
  );

  const created = await call('/api/submissions', 'POST', '/api/submissions', 'jtj', {
    formId: 'project-target',
    data: example,
  });
  const id = created.id as string;
  const detail = await call('/api/submissions/:id', 'GET', `/api/submissions/${id}`, 'jtj');
  const chainId = detail?.chainId ?? detail?.chain?.id ?? 'project-target';
  const chainVersion = detail?.chainVersion ?? detail?.chain?.version ?? 1;
  await call('/api/chains/:chainId/versions/:version', 'GET', `/api/chains/${chainId}/versions/${chainVersion}`, 'jtj');
  await call('/api/submissions/:id', 'PUT', `/api/submissions/${id}`, 'jtj', {
    data: example,
    version: detail.version,
  });
  await call('/api/submissions/:id/validate', 'POST', `/api/submissions/${id}/validate`, 'jtj', { data: example });
  await call('/api/submissions/:id/submit', 'POST', `/api/submissions/${id}/submit`, 'jtj', {});
  for (const who of ['jtj', 'jjs', 'jxpj', 'admin']) await call('/api/submissions', 'GET', '/api/submissions', who);
  await call('/api/tasks', 'GET', '/api/tasks?status=open', 'jtjld');
  await call('/api/submissions/:id/decisions', 'POST', `/api/submissions/${id}/decisions`, 'jtjld', {
    stepId: 'leaderSignoff',
    action: 'approve',
    comment: '同意',
  });
  await call('/api/tasks', 'GET', '/api/tasks?status=done', 'jtjld');
  await call('/api/tasks', 'GET', '/api/tasks?status=open', 'jjs');
  await call('/api/submissions/:id/history', 'GET', `/api/submissions/${id}/history`, 'jjs');
  await call('/api/submissions/:id/snapshots', 'GET', `/api/submissions/${id}/snapshots`, 'jjs');
  const other = await call('/api/submissions', 'POST', '/api/submissions', 'jtj', {
    formId: 'project-target',
    data: example,
  });
  await call('/api/submissions/:id/submit', 'POST', `/api/submissions/${other.id}/submit`, 'jtj', {});
  await call('/api/submissions/:id/withdraw', 'POST', `/api/submissions/${other.id}/withdraw`, 'jtj', {
    comment: '撤回修改',
  });

  const chain = JSON.parse(readFileSync(join(ROOT, 'forms', 'chains', 'project-target.json'), 'utf8'));
  const schema = JSON.parse(readFileSync(join(ROOT, 'forms', 'project-target', 'schema.json'), 'utf8'));
  const suffix = randomBytes(2).toString('hex');
  await call('/api/admin/chains', 'POST', '/api/admin/chains', 'admin', {
    ...chain,
    id: `bench-chain-${suffix}`,
    title: '基准测试审核链',
  });
  await call('/api/admin/chains', 'GET', '/api/admin/chains', 'admin');
  const savedForm = await call('/api/admin/forms', 'POST', '/api/admin/forms', 'admin', {
    id: `bench-form-${suffix}`,
    title: '基准测试表单',
    schema,
    chainId: 'project-target',
  });
  await call('/api/admin/forms', 'GET', '/api/admin/forms', 'admin');
  await call(
    '/api/admin/forms/:formId/versions/:version/publish',
    'POST',
    `/api/admin/forms/bench-form-${suffix}/versions/${savedForm?.version ?? 1}/publish`,
    'admin',
  );
  await call('/api/admin/users', 'POST', '/api/admin/users', 'admin', {
    username: `bench${suffix}`,
    name: '基准测试用户',
    unitId: 'jtj',
    roles: ['filler'],
    password: 'bench-password-1',
  });
  await call('/api/admin/users', 'GET', '/api/admin/users', 'admin');

  // Routes added with the admin catalog, 指标库, organisation and calendar features.
  const formId = `bench-form-${suffix}`;
  await call('/api/admin/forms/:formId/versions', 'GET', `/api/admin/forms/${formId}/versions`, 'admin');
  await call('/api/admin/forms', 'POST', '/api/admin/forms', 'admin', {
    id: formId,
    title: '基准测试表单 v2',
    schema,
    chainId: 'project-target',
  });
  await call('/api/admin/forms/:formId/diff', 'GET', `/api/admin/forms/${formId}/diff?from=1&to=2`, 'admin');
  await call(
    '/api/admin/forms/:formId/versions/:version/dry-run',
    'POST',
    `/api/admin/forms/project-target/versions/1/dry-run`,
    'admin',
  );
  await call('/api/admin/chains/:chainId/versions', 'GET', '/api/admin/chains/project-target/versions', 'admin');
  const draft = await call('/api/submissions', 'POST', '/api/submissions', 'jtj', {
    formId: 'project-target',
    data: example,
  });
  const v2 = await call('/api/admin/forms', 'POST', '/api/admin/forms', 'admin', {
    id: 'project-target',
    title: '项目支出绩效目标申报表',
    schema,
    logic: JSON.parse(readFileSync(join(ROOT, 'forms', 'project-target', 'logic.json'), 'utf8')),
    uiSchema: JSON.parse(readFileSync(join(ROOT, 'forms', 'project-target', 'ui.json'), 'utf8')),
    chainId: 'project-target',
  });
  await call(
    '/api/admin/forms/:formId/versions/:version/publish',
    'POST',
    `/api/admin/forms/project-target/versions/${v2?.version ?? 2}/publish`,
    'admin',
  );
  await call('/api/submissions/:id/upgrade', 'POST', `/api/submissions/${draft?.id}/upgrade`, 'jtj', {
    toVersion: v2?.version ?? 2,
  });
  await call('/api/indicators', 'GET', '/api/indicators', 'jtj');
  const indicator = await call('/api/admin/indicators', 'POST', '/api/admin/indicators', 'admin', {
    level1: 'output',
    level2: 'quantity',
    name: `基准测试指标${suffix}`,
    unit: '个',
    operator: 'gte',
    content: '基准测试用指标',
  });
  await call('/api/admin/indicators/:id', 'PUT', `/api/admin/indicators/${indicator?.id}`, 'admin', {
    level1: 'output',
    level2: 'quantity',
    name: `基准测试指标${suffix}`,
    content: '基准测试用指标（修改）',
    version: indicator?.version ?? 1,
  });
  await call('/api/admin/units', 'GET', '/api/admin/units', 'admin');
  const unit = await call('/api/admin/units', 'POST', '/api/admin/units', 'admin', {
    id: `bench${suffix}`,
    name: '基准测试单位',
    kind: 'department',
  });
  await call('/api/admin/units/:id', 'PUT', `/api/admin/units/bench${suffix}`, 'admin', {
    name: '基准测试单位（改）',
    kind: 'department',
    version: unit?.version ?? 1,
  });
  const settings = await call('/api/admin/settings', 'GET', '/api/admin/settings', 'admin');
  await call('/api/admin/settings', 'PUT', '/api/admin/settings', 'admin', {
    fundTypeRouting: settings?.fundTypeRouting ?? {},
    version: settings?.version ?? 0,
  });
  const users = await call('/api/admin/users', 'GET', '/api/admin/users', 'admin');
  const benchUser = (users?.items ?? []).find((u: { username: string }) => u.username === `bench${suffix}`);
  await call('/api/admin/users/:id', 'PUT', `/api/admin/users/${benchUser?.id ?? `bench${suffix}`}`, 'admin', {
    name: '基准测试用户（改）',
  });
  await call('/api/calendar', 'GET', '/api/calendar', 'jtj');
  await call('/api/admin/calendar/:year', 'PUT', '/api/admin/calendar/2027', 'admin', {
    holidays: ['2027-01-01'],
    workdays: [],
  });
  await call('/api/calendar/due-date', 'GET', '/api/calendar/due-date?start=2026-03-02&days=10', 'jtj');

  // Anything added to ROUTES later still gets one request (params filled in, empty JSON body), so
  // its DynamoDB commands are counted; its status shows whether the request was a valid one.
  const fill = (path: string) =>
    path
      .replace(':formId', 'project-target')
      .replace(':chainId', 'project-target')
      .replace(':version', '1')
      .replace(':year', '2026')
      .replace(':id', id);
  for (const r of ROUTES) {
    if (driven.has(`${r.method} ${r.path}`)) continue;
    await call(
      r.path,
      r.method,
      fill(r.path),
      r.access === 'public' ? undefined : 'admin',
      r.method === 'GET' ? undefined : {},
    );
  }

  const missing = ROUTES.map((r) => `${r.method} ${r.path}`).filter((r) => !driven.has(r));
  return { histogram, statuses, missing };
}

runBench('inbox-cost', async () => {
  const dynamo = await startLocalDynamo();
  try {
    // ---- zero Scans ---------------------------------------------------------------------
    const drive = await driveAllRoutes(dynamo.endpoint);
    for (const s of drive.statuses) log(`  ${s}`);
    log('DynamoDB commands issued by the routes:', JSON.stringify(drive.histogram));
    const scans = drive.histogram.ScanCommand ?? 0;
    const bad = drive.statuses.filter((s) => s.startsWith('BAD'));

    // ---- read cost at 1k and at 100k ---------------------------------------------------------
    const table = `cost_${Date.now()}`;
    const db = createDb({ tableName: table, endpoint: dynamo.endpoint });
    await ensureTable(db.raw, table);
    const { capacity } = instrument(db);
    const tasks = createTaskRepository(db);
    const measure = async () => {
      capacity.length = 0;
      let items = 0;
      for (let i = 0; i < 5; i++) items = (await tasks.inbox(TARGET, { limit: 20 })).items.length;
      if (capacity.length !== 5) throw new Error('DynamoDB Local returned no ConsumedCapacity');
      return { units: capacity[capacity.length - 1], items, all: [...capacity] };
    };

    const s1 = await seed(db, SMALL, 0);
    const small = await measure();
    const perThousand = s1; // seconds per 1 000 submissions
    log(
      `1k submissions (${SMALL * 3} items) seeded in ${round(s1, 1)} s; inbox: ${small.items} items, ${small.units} RCU`,
    );
    let large = LARGE;
    if ((perThousand * (LARGE - SMALL)) / 1000 > SEED_BUDGET_S) {
      large = FALLBACK;
      log(`projected ${round((perThousand * (LARGE - SMALL)) / 1000)} s to seed ${LARGE}: using ${FALLBACK} instead`);
    }
    const s2 = await seed(db, large - SMALL, SMALL);
    const big = await measure();
    log(
      `${large} submissions (${large * 3} items) seeded in ${round(s1 + s2, 1)} s; inbox: ${big.items} items, ${big.units} RCU`,
    );

    const ratio = round(big.units / small.units, 3);
    const label = `${round(large / 1000, 1)}k`;
    return [
      {
        name: `inbox-cost: inbox Query consumed capacity, ${label} vs 1k submissions`,
        value: big.units,
        baseline: small.units,
        ratio,
        goal: '1.0 ± 0.1',
        met: Math.abs(ratio - 1) <= 0.1 && big.items === 20 && small.items === 20,
        unit: 'RCU',
        notes: `${large} submissions = ${large * 3} items (submission in GSI2 SUBS, visibility grant, task; 2.5 % of tasks open in the measured unit: ${Math.round(SMALL / 40)} → ${Math.round(large / 40)}); repository inbox() with ReturnConsumedCapacity TOTAL, limit 20, ${big.items} items returned; seeding ${round(s1 + s2)} s with parallel BatchWriteItem${
          large === LARGE
            ? ''
            : `; 100k would have taken ~${round((perThousand * LARGE) / 1000)} s on this machine, so ${large} was used`
        }.`,
      },
      {
        name: 'inbox-cost: Scan commands while driving every route once',
        value: scans,
        baseline: 0,
        ratio: null,
        goal: '0 Scans',
        met: scans === 0 && drive.missing.length === 0,
        unit: 'Scans',
        notes: `${Object.values(drive.histogram).reduce((a, b) => a + b, 0)} DynamoDB commands: ${Object.entries(
          drive.histogram,
        )
          .map(([k, v]) => `${k.replace('Command', '')} ${v}`)
          .join(
            ', ',
          )}; ${drive.statuses.length} requests, ${bad.length} not 2xx${bad.length ? ` (${bad.map((b) => b.slice(4, 80)).join('; ')})` : ''}${
          drive.missing.length ? `; routes not driven: ${drive.missing.join(', ')}` : '; every route of ROUTES driven'
        }.`,
      },
    ] satisfies BenchResult[];
  } finally {
    await dynamo.stop();
  }
});
