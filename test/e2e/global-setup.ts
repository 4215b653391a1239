import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../functions/adapters/dynamodb/local-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');
const HEALTH_TIMEOUT_MS = 180_000; // a cold server on a busy 2-core machine

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`local server exited with ${child.exitCode}\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`local server did not answer /api/health within ${HEALTH_TIMEOUT_MS / 1000}s\n${log()}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Builds the web app when stale, starts the real local server on a free port with fresh data, provides its URL.
 * The server's log goes to test-artifacts/e2e/server.log.
 */
export default async function setup(project: TestProject) {
  const built = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('web build failed (node scripts/ensure-web.mjs)');

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-'));
  let output = '';
  // Every line the server logs (each request with its path, status and time), kept for a failure to be read against.
  const logDir = join(ROOT, 'test-artifacts', 'e2e');
  mkdirSync(logDir, { recursive: true });
  const serverLog = createWriteStream(join(logDir, 'server.log'));
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['functions/entry/local.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    serverLog.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    await stop(child);
    serverLog.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
