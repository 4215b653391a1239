import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` when the web build fails: the launcher runs the build check beside DynamoDB Local's start, so the JVM
 * is already starting when the check fails. The person at the terminal gets the message (no stack), the exit code
 * is not 0, and no JVM is left behind. Run on a copy of the scripts and the server's sources whose web build check
 * always fails.
 */
const copy = mkdtempSync(join(tmpdir(), 'jixiao-start-refused-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** JVMs whose command line names a path inside the copy. */
function jvmsOfCopy(): number[] {
  const found: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd[0]?.endsWith('java') && cmd.some((a) => a.startsWith(copy))) found.push(Number(d));
    } catch {
      // the process went away
    }
  }
  return found;
}

describe('npm start with a failing web build', () => {
  it('says so, exits non-zero and stops the JVM it had started', async () => {
    for (const dir of ['scripts', 'functions', 'forms']) cpSync(dir, join(copy, dir), { recursive: true });
    cpSync('package.json', join(copy, 'package.json'));
    symlinkSync(join(process.cwd(), 'node_modules'), join(copy, 'node_modules'), 'dir');
    // Slow enough that the JVM has been spawned when the check fails.
    writeFileSync(
      join(copy, 'scripts', 'ensure-web.mjs'),
      "setTimeout(() => { console.error('vite: build failed'); process.exit(1); }, 300);\n",
    );
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: copy,
      env: { ...process.env, PORT: '0', DATA_DIR: join(copy, '.data'), LOG_LEVEL: 'silent', DYNAMODB_ENDPOINT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const code = await new Promise<number | null>((ok) => child.once('exit', ok));
    expect(code).not.toBe(0);
    expect(stderr).toContain('前端构建失败 / web build failed');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(jvmsOfCopy()).toEqual([]);
  });
});
