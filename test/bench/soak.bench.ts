/**
 * Soak (issue "Performance to the goal"): 24 simulated people for BENCH_SOAK_SECONDS (default 120) against the
 * real local server (`functions/entry/local.ts` in its own process, its own DynamoDB Local). 12 fillers create,
 * autosave, validate, submit, list, open and look at 工作台; 12 reviewers read 待办, open and decide. Goals: 0 errors,
 * p99 ≤ 1 s, and the server's memory flat after warm-up: the heap after a collection (and the RSS) sampled every
 * second by test/bench/harness/memory-probe.mjs, compared phase by phase (first quarter = warm-up).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  type BenchResult,
  http,
  log,
  login,
  percentile,
  projectTargetExample,
  ROOT,
  round,
  runBench,
  tempDir,
} from './support';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 120);
const PHASES = 4;
/** Filler users and the leader who signs their unit's first step; reviewers of the later steps. */
const FILLERS = [
  ['jtj', 'jtjld'],
  ['jyj', 'jyjld'],
] as const;
const REVIEWERS = ['jtjld', 'jyjld', 'jjs', 'kjw', 'jxpj', 'ysg'];

function freePortOf(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

runBench('soak', async () => {
  const dir = tempDir('soak');
  const port = await freePortOf();
  const probe = join(dir.path, 'memory.jsonl');
  const server = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      '--import',
      join(ROOT, 'test/bench/harness/memory-probe.mjs'),
      join(ROOT, 'functions/entry/local.ts'),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dir.path, MEMORY_PROBE_FILE: probe, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  server.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      if (i > 600) throw new Error('server did not start in 300 s');
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const tokens = new Map<string, string>();
    for (const u of new Set([...FILLERS.flat(), ...REVIEWERS])) tokens.set(u, await login(base, u));
    const example = projectTargetExample();
    const samples: { route: string; ms: number; status: number; at: number }[] = [];
    const started = Date.now();
    const end = started + SECONDS * 1000;
    const call = async (route: string, method: string, path: string, as: string, body?: unknown) => {
      const t = performance.now();
      const r = await http(base, method, path, { token: tokens.get(as), body }).catch((err) => ({
        status: 599,
        body: { message: String(err) },
      }));
      samples.push({ route, ms: performance.now() - t, status: r.status, at: Date.now() });
      return r;
    };
    const filler = async (i: number) => {
      const [user] = FILLERS[i % FILLERS.length];
      while (Date.now() < end) {
        const created = await call('create', 'POST', '/api/submissions', user, {
          formId: 'project-target',
          data: example,
        });
        if (created.status !== 201) continue;
        let version = created.body.version;
        const id = created.body.id;
        for (let s = 0; s < 3 && Date.now() < end; s++) {
          const saved = await call('autosave', 'PUT', `/api/submissions/${id}`, user, { data: example, version });
          if (saved.status === 200) version = saved.body.version;
        }
        await call('validate', 'POST', `/api/submissions/${id}/validate`, user, { data: example });
        await call('submit', 'POST', `/api/submissions/${id}/submit`, user);
        await call('list', 'GET', '/api/submissions?limit=20', user);
        await call('open', 'GET', `/api/submissions/${id}`, user);
        await call('dashboard', 'GET', '/api/dashboard', user);
      }
    };
    const reviewer = async (i: number) => {
      const user = REVIEWERS[i % REVIEWERS.length];
      while (Date.now() < end) {
        const inbox = await call('inbox', 'GET', '/api/tasks?limit=20', user);
        const items = (inbox.body?.items ?? []) as { submissionId: string; stepId: string }[];
        const task = items[i % Math.max(1, items.length)];
        if (!task) {
          await call('dashboard', 'GET', '/api/dashboard', user);
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        await call('open', 'GET', `/api/submissions/${task.submissionId}`, user);
        await call('decide', 'POST', `/api/submissions/${task.submissionId}/decisions`, user, {
          stepId: task.stepId,
          action: 'approve',
          comment: '同意',
        });
      }
    };
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => filler(i)),
      ...Array.from({ length: 12 }, (_, i) => reviewer(i)),
    ]);

    // Two reviewers of one unit may pick the same task: the loser's 409 is the engine's one-winner rule, not an error.
    const races = samples.filter((s) => s.route === 'decide' && s.status === 409).length;
    const errors = samples.filter((s) => s.status >= 400 && !(s.route === 'decide' && s.status === 409));
    const p99 = round(
      percentile(
        samples.map((s) => s.ms),
        99,
      ),
      1,
    );
    const p50 = round(
      percentile(
        samples.map((s) => s.ms),
        50,
      ),
      1,
    );
    const byRoute = Object.fromEntries(
      [...new Set(samples.map((s) => s.route))].map((r) => {
        const ms = samples.filter((s) => s.route === r).map((s) => s.ms);
        return [r, { n: ms.length, p50: round(percentile(ms, 50), 0), p99: round(percentile(ms, 99), 0) }];
      }),
    );
    const memory = existsSync(probe)
      ? readFileSync(probe, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { at: number; rss: number; heapUsed: number })
          .filter((m) => m.at >= started && m.at <= end)
      : [];
    const phaseLength = (SECONDS * 1000) / PHASES;
    const phases = Array.from({ length: PHASES }, (_, p) => {
      const inPhase = memory.filter((m) => m.at >= started + p * phaseLength && m.at < started + (p + 1) * phaseLength);
      const last = inPhase.at(-1);
      return {
        phase: p + 1,
        heapMB: last ? round(last.heapUsed / 2 ** 20, 1) : null,
        rssMB: last ? round(last.rss / 2 ** 20, 1) : null,
      };
    });
    log({ requests: samples.length, errors: errors.length, races, p50, p99, byRoute, phases });
    if (errors.length) log('errors', errors.slice(0, 10));
    const warm = phases[0];
    const lastPhase = phases[PHASES - 1];
    const heapGrowth =
      warm.heapMB !== null && lastPhase.heapMB !== null ? round(lastPhase.heapMB - warm.heapMB, 1) : null;
    const rssGrowth = warm.rssMB !== null && lastPhase.rssMB !== null ? round(lastPhase.rssMB - warm.rssMB, 1) : null;
    const label = `24 people, ${SECONDS} s, ${samples.length} requests`;
    return [
      {
        name: `soak: errors, ${label}`,
        value: errors.length,
        baseline: null,
        ratio: null,
        goal: '0',
        met: errors.length === 0,
        unit: 'errors',
        notes: `${races} lost decide races answered 409 (one winner per step); ${
          errors.length
            ? `first: ${errors
                .slice(0, 3)
                .map((e) => `${e.route} ${e.status}`)
                .join(', ')}`
            : ''
        }`,
      },
      {
        name: `soak: p99 latency, ${label}`,
        value: p99,
        baseline: 1000,
        ratio: round(p99 / 1000, 3),
        goal: '≤ 1,000 ms',
        met: p99 <= 1000,
        unit: 'ms',
        notes: `p50 ${p50} ms; per route ${JSON.stringify(byRoute)}`,
      },
      {
        name: `soak: server heap after GC, last phase vs the first (warm-up), ${label}`,
        value: lastPhase.heapMB,
        baseline: warm.heapMB,
        ratio: lastPhase.heapMB && warm.heapMB ? round(lastPhase.heapMB / warm.heapMB, 3) : null,
        goal: 'flat after warm-up (growth ≤ 10 %)',
        met: lastPhase.heapMB !== null && warm.heapMB !== null && lastPhase.heapMB <= warm.heapMB * 1.1,
        unit: 'MB',
        notes: `heap growth ${heapGrowth} MB, RSS growth ${rssGrowth} MB; per phase ${JSON.stringify(phases)}`,
      },
    ] satisfies BenchResult[];
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    if (server.exitCode === null) server.kill('SIGKILL');
    dir.remove();
  }
});
