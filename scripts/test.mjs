// `npm test`: type-check, lint, then every vitest project (unit, api, infra, web, e2e); ends with one line of
// vitest's own counts so any reader of the log sees them.
//
// The whole suite runs in two vitest processes at once: the browser files (e2e, one file at a time) and everything
// else. A browser test keeps about half a core busy, so on a 2-core machine the rest fits beside it. Each line of
// output is prefixed with its lane. With arguments (`npm test -- test/api/x.test.ts`) one vitest process runs them,
// its output as it is.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env });

const extra = process.argv.slice(2);
if (extra.length === 0) {
  const tsc = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  if (tsc.status !== 0) {
    console.log('tests: 0 passed, 0 failed, all did not run; type check failed');
    process.exit(1);
  }
  // Lint and format (errors only; warnings are listed but do not fail the run).
  const lint = run('npx', ['biome', 'check', '--diagnostic-level=error', '.']);
  if (lint.status !== 0) {
    console.log('tests: 0 passed, 0 failed, all did not run; lint failed (npx biome check --write . fixes formatting)');
    process.exit(1);
  }
}
mkdirSync('.tmp', { recursive: true });

const vitestArgs = (report) => [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
];

/** One vitest process whose output lines are prefixed with `label`; resolves to its exit status. */
function lane(label, projects, report) {
  const args = [...vitestArgs(report), ...projects.flatMap((p) => ['--project', p])];
  const child = spawn('npx', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ])
    createInterface({ input: from }).on('line', (line) => to.write(`${label} │ ${line}\n`));
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

let statuses;
let reports;
if (extra.length === 0) {
  reports = ['.tmp/vitest-report-e2e.json', '.tmp/vitest-report.json'];
  for (const path of reports) rmSync(path, { force: true });
  statuses = await Promise.all([
    lane('e2e ', ['e2e'], reports[0]),
    lane('rest', ['unit', 'api', 'infra', 'web'], reports[1]),
  ]);
} else {
  reports = ['.tmp/vitest-report.json'];
  rmSync(reports[0], { force: true });
  statuses = [run('npx', [...vitestArgs(reports[0]), ...extra]).status];
}

// vitest's own counts, printed as they are: a test under a failing beforeAll is "skipped" by vitest,
// so it appears under "did not run" (the suite forbids skipped tests, so any such count fails the run),
// and a file that fails to load counts once under "files failed".
let line = 'tests: 0 passed, 0 failed, 0 did not run; files: report missing';
let ok = false;
try {
  const sum = { passed: 0, failed: 0, notRun: 0, total: 0, files: 0, failedFiles: 0 };
  for (const path of reports) {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    const files = report.testResults ?? [];
    sum.passed += report.numPassedTests;
    sum.failed += report.numFailedTests;
    sum.notRun += report.numPendingTests + report.numTodoTests;
    sum.total += report.numTotalTests;
    sum.files += files.length;
    sum.failedFiles += files.filter((file) => file.status === 'failed').length;
  }
  line =
    `tests: ${sum.passed} passed, ${sum.failed} failed, ${sum.notRun} did not run` +
    ` (of ${sum.total}); files: ${sum.files - sum.failedFiles} passed, ${sum.failedFiles} failed`;
  ok = sum.passed > 0 && sum.failed === 0 && sum.notRun === 0 && sum.failedFiles === 0;
} catch {
  ok = false;
}
console.log(line);
process.exit(statuses.every((s) => s === 0) && ok ? 0 : 1);
