// `npm run bench`: runs each benchmark of test/bench/ (*.bench.ts) with tsx, one after the other,
// collects the `@@BENCH {json}` line each prints, appends one run to test/bench/results.json
// ({ machine, date, results }), prints this run's results as a table and rewrites README.md's benchmark table
// (scripts/bench-table.mjs: per benchmark, the newest run that measured it).
// Benchmarks are not tests: this script exits 0 whatever the figures say.
// `npm run bench -- validation lambda` runs only the benchmarks whose file name contains a word.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ORDER, renderTable, withTable } from './bench-table.mjs';

const DIR = join('test', 'bench');
const RESULTS = join(DIR, 'results.json');
const TIMEOUT_MS = 8 * 60_000;

const filters = process.argv.slice(2);
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b))
  .filter((name) => filters.length === 0 || filters.some((w) => name.includes(w)));

const list = cpus();
const machine = {
  cpus: list.length,
  model: list[0]?.model?.trim() ?? 'unknown',
  memGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
};

function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(join('node_modules', '.bin', 'tsx'), [join(DIR, `${name}.bench.ts`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let buffer = '';
    const results = [];
    child.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('@@BENCH ')) {
          try {
            results.push(...JSON.parse(line.slice(8)).results);
          } catch (err) {
            console.error(`${name}: unreadable result line: ${err.message}`);
          }
        } else {
          console.log(line);
        }
        nl = buffer.indexOf('\n');
      }
    });
    const timer = setTimeout(() => {
      console.error(`${name}: no result after ${TIMEOUT_MS / 60_000} min, stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (results.length === 0) {
        results.push({
          name,
          value: null,
          baseline: null,
          ratio: null,
          goal: '—',
          met: false,
          unit: '',
          notes: `benchmark produced no result (exit code ${code})`,
        });
      }
      console.log(`== ${name}: ${Math.round((Date.now() - started) / 1000)} s\n`);
      resolve(results);
    });
  });
}

const date = new Date().toISOString();
console.log(`Benchmarks on ${machine.cpus} × ${machine.model}, ${machine.memGB} GB, Node ${machine.node} — ${date}\n`);
const results = [];
for (const name of files) {
  console.log(`== ${name}`);
  results.push(...(await run(name)));
}

const entry = { machine, date, results };
if (filters.length) entry.only = files;
let history = [];
if (existsSync(RESULTS)) {
  try {
    const parsed = JSON.parse(readFileSync(RESULTS, 'utf8'));
    history = Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    history = [];
  }
}
history.push(entry);
writeFileSync(RESULTS, `${JSON.stringify(history, null, 2)}\n`);

console.log(`Machine: ${machine.cpus} × ${machine.model}, ${machine.memGB} GB RAM, Node ${machine.node}; ${date}\n`);
console.log(renderTable([entry]));
writeFileSync('README.md', withTable(readFileSync('README.md', 'utf8'), history));
console.log(`\nappended to ${RESULTS}; README.md's benchmark table rewritten`);
