/**
 * Issue "Hardening", finding 1: `POST /api/submissions/:id/validate` on project-target at 60, 300 and 1,000
 * indicator rows through the real local server, while a second client polls `/api/health` every 5 ms.
 * Reported: the median validate time per size (growth should be linear in the rows: 300 rows ≈ 5× 60 rows;
 * 1,000 rows is over the schema's 300-row limit and is refused before any formula runs) and the slowest
 * health answer during each size against the health answers of an idle server measured in the same run.
 */
import { startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';
import {
  type BenchResult,
  http,
  listen,
  log,
  login,
  median,
  percentile,
  projectTargetExample,
  projectTargetWithRows,
  ratioOf,
  round,
  runBench,
  seededApp,
} from './support';

const SIZES = [60, 300, 1000];

/** Polls /api/health every 5 ms until stopped; each answer's latency (ms) is filed under the current label. */
function pollHealth(base: string) {
  const times = new Map<string, number[]>();
  let label = 'idle';
  let running = true;
  const done = (async () => {
    while (running) {
      const at = label;
      const t = performance.now();
      const r = await fetch(`${base}/api/health`);
      await r.text();
      if (r.status !== 200) throw new Error(`health answered ${r.status}`);
      if (!times.has(at)) times.set(at, []);
      times.get(at)?.push(performance.now() - t);
      await new Promise((ok) => setTimeout(ok, 5));
    }
  })();
  return {
    label(next: string) {
      label = next;
    },
    async stop() {
      running = false;
      await done;
      return times;
    },
  };
}

runBench('validate-load', async () => {
  const dynamo = await startLocalDynamo().catch(() => startLocalDynamo()); // one retry: the JVM is slow to start on a busy machine
  const { app } = await seededApp(dynamo.endpoint, { app: { rateLimitPerMinute: 1_000_000 } });
  const server = await listen(app.fetch);
  try {
    const token = await login(server.url, 'jtj');
    const created = await http(server.url, 'POST', '/api/submissions', {
      token,
      body: { formId: 'project-target', data: projectTargetExample() },
    });
    if (created.status !== 201) throw new Error(`create: ${created.status}`);
    const id = created.body.id as string;
    const bodies = new Map(SIZES.map((rows) => [rows, projectTargetWithRows(rows)]));
    const validate = (rows: number) =>
      http(server.url, 'POST', `/api/submissions/${id}/validate`, { token, body: { data: bodies.get(rows) } });
    for (const rows of SIZES) for (let i = 0; i < 3; i++) await validate(rows); // warm-up

    const poll = pollHealth(server.url);
    // Idle and loaded windows alternate, and so do the sizes, so all share the machine's noise.
    const took = new Map<number, number[]>(SIZES.map((rows) => [rows, []]));
    const errors = new Map<number, string>();
    for (let round_ = 0; round_ < 6; round_++) {
      poll.label('idle');
      await new Promise((ok) => setTimeout(ok, 300));
      for (const rows of SIZES) {
        poll.label(String(rows));
        for (let i = 0; i < 2; i++) {
          const t = performance.now();
          const r = await validate(rows);
          took.get(rows)?.push(performance.now() - t);
          if (r.status !== 200)
            throw new Error(`validate ${rows}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
          errors.set(rows, (r.body.errors as { path: string }[]).map((e) => e.path).join(' ') || 'none');
        }
      }
    }
    const health = await poll.stop();
    const idleTimes = health.get('idle') ?? [];
    const idleP99 = percentile(idleTimes, 99);
    log(
      `health, idle server: p50 ${round(median(idleTimes), 1)} ms, p99 ${round(idleP99, 1)} ms (${idleTimes.length} answers)`,
    );
    const perSize = SIZES.map((rows) => {
      const h = health.get(String(rows)) ?? [0];
      const v = took.get(rows) ?? [];
      const s = {
        rows,
        validateMs: median(v),
        healthWorst: Math.max(...h),
        healthP99: percentile(h, 99),
        errors: errors.get(rows) ?? '',
      };
      log(
        `${rows} rows: validate median ${round(s.validateMs, 1)} ms (${v.length} runs); health during it p99 ${round(s.healthP99, 1)} ms, worst ${round(s.healthWorst, 1)} ms (${h.length} answers); errors: ${s.errors}`,
      );
      return s;
    });

    const base = perSize[0];
    const results: BenchResult[] = perSize.map((s) => {
      const growth = ratioOf(s.validateMs, base.validateMs);
      const linear = s.rows / base.rows;
      return {
        name: `validate-load: POST /validate, ${s.rows} indicator rows (median)`,
        value: round(s.validateMs, 1),
        baseline: round(base.validateMs, 1),
        ratio: growth,
        goal:
          s.rows > 300
            ? '≤ 60-row time (refused on size, no formula runs)'
            : `≤ ${round(linear * 1.5, 1)}× (linear: ${linear}×)`,
        met: growth !== null && (s.rows > 300 ? growth <= 1.5 : growth <= linear * 1.5),
        unit: 'ms',
        notes: `baseline: the same request at ${base.rows} rows in the same run; errors reported: ${s.errors}.`,
      };
    });
    for (const s of perSize) {
      const ratio = ratioOf(s.healthP99, idleP99);
      results.push({
        name: `validate-load: /api/health p99 while validating ${s.rows} rows`,
        value: round(s.healthP99, 1),
        baseline: round(idleP99, 1),
        ratio,
        goal: '≤ 2× idle p99 (or ≤ 50 ms)',
        met: s.healthP99 <= Math.max(50, 2 * idleP99),
        unit: 'ms',
        notes: `worst ${round(s.healthWorst, 1)} ms; baseline: p99 of health between the validations (idle server) in the same run; polled every 5 ms by a second client.`,
      });
    }
    return results;
  } finally {
    await server.close();
    await dynamo.stop();
  }
});
