// `npm test`: type-check, lint, then every vitest project (unit, api, infra, web, e2e); ends with one line of
// vitest's own counts so any reader of the log sees them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const run = (cmd, args) =>
  spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });

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
const vitest = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.tmp/vitest-report.json',
  ...extra,
]);
// vitest's own counts, printed as they are: a test under a failing beforeAll is "skipped" by vitest,
// so it appears under "did not run" (the suite forbids skipped tests, so any such count fails the run),
// and a file that fails to load counts once under "files failed".
let line = 'tests: 0 passed, 0 failed, 0 did not run; files: report missing';
let ok = false;
try {
  const report = JSON.parse(readFileSync('.tmp/vitest-report.json', 'utf8'));
  const notRun = report.numPendingTests + report.numTodoTests;
  const files = report.testResults ?? [];
  const failedFiles = files.filter((file) => file.status === 'failed').length;
  line =
    `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${notRun} did not run` +
    ` (of ${report.numTotalTests}); files: ${files.length - failedFiles} passed, ${failedFiles} failed`;
  ok = report.numPassedTests > 0 && report.numFailedTests === 0 && notRun === 0 && failedFiles === 0;
} catch {
  ok = false;
}
console.log(line);
process.exit(vitest.status === 0 && ok ? 0 : 1);
