// `npm test`: type-check, then every vitest project (unit, api, infra, web, e2e); ends with a
// plain "N passed, N failed" line so any reader of the log sees the count.
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
    console.log('0 passed, 1 failed (type check)');
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
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync('.tmp/vitest-report.json', 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numFailedTestSuites ?? 0);
} catch {
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(vitest.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
