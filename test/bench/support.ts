/**
 * Shared helpers of the benchmarks (test/bench/*.bench.ts). A benchmark is not a test: it prints
 * its figures, the baseline it ran beside them and the ratio, and never fails on noise. Each file
 * ends by printing one `@@BENCH {json}` line that scripts/bench.mjs collects into results.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { loadCatalog } from '../../functions/adapters/catalog/load-catalog';
import { composeDeps } from '../../functions/adapters/compose';
import { ensureTable } from '../../functions/adapters/dynamodb/table';
import { createApp } from '../../functions/api/app';
import type { AppOptions } from '../../functions/api/context';
import type { Logger } from '../../functions/core/ports';
import { installCatalog } from '../../functions/core/use-cases/catalog/install-catalog';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const ROOT = process.cwd();
export const DEMO_PASSWORD = 'demo1234';
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface BenchResult {
  name: string;
  value: number | null;
  baseline: number | null;
  ratio: number | null;
  /** Human-readable goal, e.g. "≤ 1.5×". */
  goal: string;
  met: boolean;
  unit: string;
  notes: string;
}

export function machine() {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model?.trim() ?? 'unknown',
    memGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}

export const round = (n: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function ratioOf(value: number | null, baseline: number | null): number | null {
  if (value === null || baseline === null || baseline === 0) return null;
  return round(value / baseline, 3);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => percentile(values, 50);

export function log(...parts: unknown[]) {
  console.log(...parts);
}

/** Prints the results as a table and the machine-readable line for scripts/bench.mjs. */
export function report(results: BenchResult[]) {
  console.log('');
  for (const r of results) {
    const ratio = r.ratio === null ? '—' : `${r.ratio}×`;
    console.log(
      `  ${r.met ? 'MET ' : 'MISS'}  ${r.name}: ${r.value ?? '—'} ${r.unit} | baseline ${r.baseline ?? '—'} | ratio ${ratio} | goal ${r.goal}${
        r.notes ? `\n        ${r.notes}` : ''
      }`,
    );
  }
  console.log(`@@BENCH ${JSON.stringify({ results })}`);
}

/** Runs a benchmark body, always reporting (a crash becomes a met:false result with the error). */
export async function runBench(name: string, body: () => Promise<BenchResult[]>): Promise<void> {
  const started = Date.now();
  let results: BenchResult[];
  try {
    results = await body();
  } catch (err) {
    console.error(err);
    results = [
      {
        name,
        value: null,
        baseline: null,
        ratio: null,
        goal: '—',
        met: false,
        unit: '',
        notes: `benchmark failed: ${(err as Error).message?.split('\n')[0]}`,
      },
    ];
  }
  report(results);
  console.log(`  (${name}: ${round((Date.now() - started) / 1000, 1)} s)`);
  // Child processes (JVM, browser) are stopped by the bodies; exit even if a socket lingers.
  setTimeout(() => process.exit(0), 200).unref();
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `jixiao-bench-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The built-in catalog, a fresh table in the given DynamoDB Local, and the real app on top. */
export async function seededApp(endpoint: string, options: { app?: AppOptions; table?: string } = {}) {
  const table = options.table ?? `bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const deps = composeDeps({
    tableName: table,
    endpoint,
    auth: { mode: 'local', secret: randomBytes(32) },
    logger: silentLogger,
  });
  await ensureTable(deps.db.raw, table);
  await installCatalog(deps, loadCatalog(join(ROOT, 'forms')), DEMO_PASSWORD);
  const app = createApp(deps, options.app);
  return { deps, app, table };
}

/** Serves a Hono app on loopback at a free port. */
export async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** JSON request helper against a running server. */
export async function http<T = any>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function login(base: string, username: string): Promise<string> {
  const r = await http<{ token: string }>(base, 'POST', '/api/auth/login', {
    body: { username, password: DEMO_PASSWORD },
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

export { projectTargetExample, projectTargetWithRows } from '../support/project-target';

/** Runs `fn` in `concurrency` loops until `until()` says stop; returns each call's latency (ms) and errors. */
export async function loops(
  concurrency: number,
  until: (done: number) => boolean,
  fn: (i: number) => Promise<unknown>,
): Promise<{ latencies: number[]; errors: number; elapsedMs: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!until(issued)) {
        const i = issued++;
        const t = performance.now();
        try {
          await fn(i);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, elapsedMs: performance.now() - started };
}

/** Runs async jobs with bounded concurrency. */
export async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/**
 * CPU time (ms) a process has used: this one from `process.cpuUsage`, another from /proc/<pid>/stat (Linux, in
 * clock ticks of 10 ms); null where that cannot be read.
 */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time of named processes, summed over the calls of `during`; `perCall(n)` prints each per call of the
 * measured side, e.g. "server 1.68, JVM 1.80 ms" (a process whose time cannot be read is left out).
 */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const names = Object.keys(pids);
  const used = new Map<string, number | null>(names.map((k) => [k, 0]));
  return {
    async during<T>(fn: () => Promise<T>): Promise<T> {
      const before = names.map((k) => cpuMsOf(pids[k]));
      const out = await fn();
      names.forEach((k, i) => {
        const now = cpuMsOf(pids[k]);
        const was = before[i];
        const sum = used.get(k);
        used.set(k, now === null || was === null || sum === null || sum === undefined ? null : sum + now - was);
      });
      return out;
    },
    perCall(n: number): string {
      const parts = names.flatMap((k) => {
        const ms = used.get(k);
        return ms === null || ms === undefined ? [] : [`${k} ${round(ms / n, 2)}`];
      });
      return parts.length ? `${parts.join(', ')} ms` : 'not readable here';
    },
  };
}
