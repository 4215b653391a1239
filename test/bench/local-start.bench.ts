/**
 * Local start (docs/decisions.md, performance goals): `npm start` (`node scripts/start.mjs`: the web build check beside
 * the server's start from its esbuild bundle, rebuilt only when a source changed) with data already present, from
 * spawn to the first 200 on /api/health, against DynamoDB Local started alone (java -jar …, the platform's JVM
 * options) to its first ListTables answer. The server run straight from TypeScript (`tsx functions/entry/local.ts`,
 * how `npm start` used to launch) is measured beside it in the same run. Median of 3 each, alternating. Goal ≤ 1.5×.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, JVM_OPTIONS, locateDynamoJar } from '../../functions/adapters/dynamodb/local-server';
import { type BenchResult, log, median, ROOT, ratioOf, round, runBench, tempDir } from './support';

const RUNS = 3;
const TIMEOUT_MS = 240_000;

async function waitFor(
  url: string,
  ok: (status: number) => boolean,
  child: ChildProcess,
  started: number,
): Promise<number> {
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (performance.now() - started < TIMEOUT_MS) {
    if (exited) throw new Error(`${url}: process exited during start-up`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (ok(res.status)) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer within ${TIMEOUT_MS} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((ok) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      ok();
    });
    child.kill('SIGTERM');
  });
}

/** What `npm start` runs, and the server straight from TypeScript with tsx. */
const LAUNCH = {
  npmStart: [process.execPath, ['scripts/start.mjs']],
  tsx: [join(ROOT, 'node_modules', '.bin', 'tsx'), ['functions/entry/local.ts']],
} as const;

/** Starts the platform; returns ms from spawn to the first 200 on /api/health. */
async function startApp(dataDir: string, how: keyof typeof LAUNCH = 'npmStart', cwd = ROOT): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const [command, args] = LAUNCH[how];
  const child = spawn(command, [...args], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-2000);
  });
  try {
    return await waitFor(`http://127.0.0.1:${port}/api/health`, (s) => s === 200, child, started);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${stderr}`);
  } finally {
    await stop(child);
  }
}

/**
 * DynamoDB Local alone on the same data, started as the platform starts it (the same JVM options); ms from spawn to
 * its first HTTP answer (`open`: a bare GET, answered 400 before any table is read) and to its first answer to
 * ListTables (`ready`: the first moment it can serve the data, which is what the platform waits for too).
 */
async function startDynamo(dbPath: string): Promise<{ open: number; ready: number }> {
  const { jar, libDir } = locateDynamoJar();
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${libDir}`,
      ...JVM_OPTIONS,
      '-jar',
      jar,
      '-port',
      String(port),
      '-dbPath',
      dbPath,
      '-sharedDb',
      '-disableTelemetry',
    ],
    // Run beside the data, as the platform's own start does: the JVM leaves its metadata file where it runs.
    { cwd: dbPath, stdio: 'ignore' },
  );
  try {
    const open = await waitFor(`http://127.0.0.1:${port}/`, (s) => s > 0, child, started);
    const db = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await db.send(new ListTablesCommand({}));
    db.destroy();
    return { open, ready: performance.now() - started };
  } finally {
    await stop(child);
  }
}

/**
 * The first `npm start` of a fresh clone, `npm ci` aside: the committed files (`git archive HEAD`) in a new directory
 * with this checkout's node_modules linked in, no web build, no server bundle, no data. Ms to the first 200.
 */
async function freshCloneStart(): Promise<number> {
  const copy = tempDir('fresh-clone');
  try {
    const archive = spawnSync('sh', ['-c', `git archive HEAD | tar -x -C '${copy.path}'`], { cwd: ROOT });
    if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
    symlinkSync(join(ROOT, 'node_modules'), join(copy.path, 'node_modules'), 'dir');
    return await startApp(join(copy.path, '.data'), 'npmStart', copy.path);
  } finally {
    copy.remove();
  }
}

runBench('local-start', async () => {
  const fresh = await freshCloneStart();
  log(`first npm start of a fresh copy (web build, server bundle, table and seed): ${round(fresh, 0)} ms`);
  const data = tempDir('local-start');
  try {
    const first = await startApp(data.path);
    log(`first start (creates the table and seeds the catalog): ${round(first)} ms`);
    const app: number[] = [];
    const viaTsx: number[] = [];
    const dynamo: number[] = [];
    const dynamoOpen: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      app.push(await startApp(data.path));
      viaTsx.push(await startApp(data.path, 'tsx'));
      const alone = await startDynamo(join(data.path, 'dynamodb'));
      dynamo.push(alone.ready);
      dynamoOpen.push(alone.open);
    }
    log(`npm start → /api/health 200: ${app.map((v) => round(v, 0)).join(', ')} ms`);
    log(`tsx functions/entry/local.ts → /api/health 200: ${viaTsx.map((v) => round(v, 0)).join(', ')} ms`);
    log(`DynamoDB Local alone → first ListTables answer: ${dynamo.map((v) => round(v, 0)).join(', ')} ms`);
    log(`DynamoDB Local alone → first HTTP answer: ${dynamoOpen.map((v) => round(v, 0)).join(', ')} ms`);
    const appMs = median(app);
    const dynMs = median(dynamo);
    const openMs = median(dynamoOpen);
    const tsxMs = median(viaTsx);
    const ratio = ratioOf(appMs, dynMs);
    const load = loadavg()
      .map((l) => round(l, 1))
      .join(' / ');
    return [
      {
        name: 'local-start: npm start to first 200 on /api/health (data present)',
        value: round(appMs, 0),
        baseline: round(dynMs, 0),
        ratio,
        goal: '≤ 1.5×',
        met: ratio !== null && ratio <= 1.5,
        unit: 'ms',
        notes: `median of ${RUNS}, alternating; \`node scripts/start.mjs\` (what \`npm start\` runs) on a data dir seeded by a first start (${round(first, 0)} ms, which also builds the server bundle if stale); baseline: java ${JVM_OPTIONS.join(' ')} -jar DynamoDBLocal.jar -dbPath <same data> -sharedDb -disableTelemetry (the platform's JVM options) to its first ListTables answer; to its first HTTP answer (a bare GET) ${round(openMs, 0)} ms, against which npm start is ${ratioOf(appMs, openMs)}×. Same run, the server straight from TypeScript (\`tsx functions/entry/local.ts\`): ${round(tsxMs, 0)} ms (${ratioOf(tsxMs, dynMs)}×). Load average ${load}.`,
      },
      {
        name: 'local-start: first npm start of a fresh clone, web build included',
        value: round(fresh, 0),
        baseline: null,
        ratio: null,
        goal: '≤ 20,000 ms',
        met: fresh <= 20_000,
        unit: 'ms',
        notes:
          'the committed files (git archive HEAD) in a new directory with node_modules linked in (npm ci aside): vite builds the web app, esbuild the server bundle, DynamoDB Local starts, the table is created and the catalog seeded; spawn to the first 200 on /api/health.',
      },
    ] satisfies BenchResult[];
  } finally {
    data.remove();
  }
});
