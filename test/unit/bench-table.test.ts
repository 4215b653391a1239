/**
 * The README's benchmark table quotes only recorded figures: it is what scripts/bench-table.mjs makes of
 * test/bench/results.json (per benchmark, its newest run), and the check refuses a table edited by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const RESULTS = join(ROOT, 'test/bench/results.json');
const dir = mkdtempSync(join(tmpdir(), 'bench-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/bench-table.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('README benchmark table', () => {
  it('is the one test/bench/results.json gives', () => {
    const r = table('--check');
    expect(r.stderr, 'run `node scripts/bench-table.mjs` and commit README.md').toBe('');
    expect(r.status).toBe(0);
  });

  it('quotes for each benchmark the rows of its newest run, with that run', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const history = JSON.parse(readFileSync(RESULTS, 'utf8')) as {
      date: string;
      results: { name: string; value: number | null }[];
    }[];
    const newest = [...history].reverse().find((run) => run.results.some((r) => r.name.startsWith('api-overhead: ')));
    const row = newest?.results.find((r) => r.name.startsWith('api-overhead: ') && r.value !== null);
    expect(row, 'results.json has an api-overhead run').toBeDefined();
    const when = `${newest?.date.slice(0, 10)} ${newest?.date.slice(11, 16)}`;
    const line = readme.split('\n').find((l) => l.startsWith(`| ${row?.name.replace(/\|/g, '\\|')} |`));
    expect(line).toContain(`| ${row?.value} `);
    expect(line?.endsWith(`| ${when} |`)).toBe(true);
  });

  it('is refused when a figure was edited by hand, and rewritten from the results', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const begin = readme.indexOf('<!-- bench-table: begin');
    const firstRow = readme.indexOf('\n| ', readme.indexOf('|---', begin));
    const edited = `${readme.slice(0, firstRow)}\n| made up | 1 ms | 1 ms | 1× | ≤ 1.5× | yes | 2026-01-01 00:00 |${readme.slice(firstRow)}`;
    const copy = join(dir, 'README.md');
    writeFileSync(copy, edited);
    const refused = table('--check', '--readme', copy);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('the benchmark table differs');
    const rewritten = table('--readme', copy);
    expect(rewritten.status).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(readme);
  });

  it('fails when README.md has lost its markers', () => {
    const copy = join(dir, 'no-markers.md');
    writeFileSync(copy, '# README\n\nno table here\n');
    const r = table('--check', '--readme', copy);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no bench-table markers');
  });
});
