import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/adapters/dynamodb/local-server';

/**
 * Crash: the real local server (embedded DynamoDB Local on disk) is SIGKILLed in the middle of a
 * load run; its JVM must go away too; after a restart on the same DATA_DIR every acknowledged change
 * is there and the invariants hold. Loopback only.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-crash-'));
const started: ChildProcess[] = [];
const jvmPids: number[] = [];

function startServer(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/entry/local.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DYNAMODB_ENDPOINT: '',
      TABLE_NAME: 'jixiao',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  started.push(child);
  return { child, stderr: () => stderr, base: `http://127.0.0.1:${port}` };
}

async function waitHealthy(base: string, child: ChildProcess, stderr: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr()}`);
    try {
      const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (r.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy: ${stderr()}`);
}

/** The DynamoDB Local JVM serving our DATA_DIR (found by its command line). */
function findJvm(): { pid: number; port: number } | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.includes('DynamoDBLocal.jar')) && cmd.some((a) => a.startsWith(dataDir))) {
        return { pid: Number(d), port: Number(cmd[cmd.indexOf('-port') + 1]) };
      }
    } catch {
      // process went away
    }
  }
  return null;
}

/** A JVM whose main thread exited shows as Z while its other threads still run: only a lone zombie is gone. */
const alive = (pid: number) => {
  if (!existsSync(`/proc/${pid}`)) return false;
  if (!/^State:\s+Z/m.test(safeRead(`/proc/${pid}/status`))) return true;
  try {
    return readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return false;
  }
};
function safeRead(path: string) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      ok(true);
    });
    s.once('error', () => ok(false));
    s.setTimeout(500, () => {
      s.destroy();
      ok(false);
    });
  });
}

async function http(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function tokens(base: string) {
  const out: Record<string, string> = {};
  for (const u of ['jtj', 'jtjld', 'jjs']) {
    const r = await http(base, 'POST', '/api/auth/login', undefined, { username: u, password: 'demo1234' });
    expect(r.status).toBe(200);
    out[u] = r.body.token;
  }
  return out;
}

afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const pid of jvmPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('crash during load', () => {
  it('keeps every acknowledged change across a SIGKILL of the local server, whose JVM goes away too', async () => {
    const first = startServer(await freePort());
    await waitHealthy(first.base, first.child, first.stderr);
    const jvm = findJvm();
    if (!jvm) throw new Error('the DynamoDB Local JVM of this DATA_DIR was not found');
    jvmPids.push(jvm.pid);
    const tk = await tokens(first.base);
    const form = await http(first.base, 'GET', '/api/forms/project-target', tk.jtj);
    const example = (
      form.body.examples.find((e: { title: string }) => e.title.includes('农村公路日常养护')) ?? form.body.examples[0]
    ).data;

    // Bounded load: 4 clients walk submissions through create → save → submit → 2 decisions.
    const acked = new Map<string, { version: number; status: string }>();
    let stop = false;
    const ack = (id: string, body: { version: number; status: string }) => {
      const prev = acked.get(id);
      if (!prev || body.version > prev.version) acked.set(id, { version: body.version, status: body.status });
    };
    const client = async (n: number) => {
      while (!stop) {
        try {
          const c = await http(first.base, 'POST', '/api/submissions', tk.jtj, {
            formId: 'project-target',
            data: example,
          });
          if (c.status !== 201) continue;
          const id = c.body.id;
          ack(id, c.body);
          if (stop) break;
          const s = await http(first.base, 'PUT', `/api/submissions/${id}`, tk.jtj, {
            data: { ...example, goals: { ...example.goals, annualGoal: `客户端${n}保存` } },
            version: 1,
          });
          if (s.status === 200) ack(id, s.body);
          if (stop) break;
          const sub = await http(first.base, 'POST', `/api/submissions/${id}/submit`, tk.jtj, {});
          if (sub.status === 200) ack(id, sub.body);
          if (stop) break;
          for (const [who, stepId] of [
            ['jtjld', 'leaderSignoff'],
            ['jjs', 'bizReview'],
          ]) {
            const d = await http(first.base, 'POST', `/api/submissions/${id}/decisions`, tk[who], {
              stepId,
              action: 'approve',
              comment: '同意',
            });
            if (d.status === 200) ack(id, d.body);
            if (stop) break;
          }
        } catch {
          // the server died under this request: not acknowledged
        }
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(client));
    await new Promise((r) => setTimeout(r, 3000));
    first.child.kill('SIGKILL');
    stop = true;
    await load;
    expect(acked.size, 'the load acknowledged some work').toBeGreaterThan(0);

    // The watchdog takes the JVM down within a few seconds.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (alive(jvm.pid) || (await portAnswers(jvm.port))))
      await new Promise((r) => setTimeout(r, 200));
    expect(alive(jvm.pid), 'DynamoDB Local JVM still running after the server was killed').toBe(false);
    expect(await portAnswers(jvm.port)).toBe(false);

    // Restart on the same data.
    const second = startServer(await freePort());
    await waitHealthy(second.base, second.child, second.stderr);
    const jvm2 = findJvm();
    if (jvm2) jvmPids.push(jvm2.pid);
    const tk2 = await tokens(second.base);
    for (const [id, a] of acked) {
      const sub = await http(second.base, 'GET', `/api/submissions/${id}`, tk2.jtj);
      expect(sub.status, `acknowledged submission ${id} lost`).toBe(200);
      expect(sub.body.version, `submission ${id}: acknowledged version ${a.version}`).toBeGreaterThanOrEqual(a.version);
      if (sub.body.version === a.version) expect(sub.body.status).toBe(a.status);
      const hist = await http(second.base, 'GET', `/api/submissions/${id}/history`, tk2.jtj);
      expect(hist.status).toBe(200);
      const events = hist.body.items;
      expect(events.map((e: { seq: number }) => e.seq)).toEqual(events.map((_: unknown, i: number) => i + 1));
      expect(events[0].type).toBe('created');
      // In this flow every write appends exactly one event: version = number of events.
      expect(events).toHaveLength(sub.body.version);
      const decided = events
        .filter((e: { type: string }) => e.type === 'approved')
        .map((e: { stepId: string }) => e.stepId);
      expect(new Set(decided).size).toBe(decided.length);
      const expectedOpen = {
        draft: [],
        in_review: [['leaderSignoff'], ['bizReview'], ['perfReview']][decided.length],
      } as Record<string, string[][] | string[]>;
      if (sub.body.status === 'in_review')
        expect(sub.body.openSteps.map((s: { stepId: string }) => s.stepId)).toEqual(expectedOpen.in_review);
      else expect(sub.body.status).toBe('draft');
    }
    // The restarted server still takes writes.
    const more = await http(second.base, 'POST', '/api/submissions', tk2.jtj, { formId: 'project-target' });
    expect(more.status).toBe(201);

    second.child.kill('SIGTERM');
    await new Promise<void>((r) => (second.child.exitCode !== null ? r() : second.child.once('exit', () => r())));
  }, 120_000);
});
