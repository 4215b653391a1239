import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESM_BANNER } from '../../infra/constructs/app-function';
import { type Synthesized, synthJixiao } from './synth';

/**
 * The minified Lambda bundles stay at or under their budgets (docs/decisions.md, performance goals): 600 KB, and so
 * does what a cold start reads of the shape with every dependency bundled.
 * re2js (≈150 KB), the linear-time regex engine that keeps admin patterns from hanging a request, is loaded on
 * demand and ships beside index.mjs in the asset's node_modules, so a cold start does not parse it.
 */
const BUDGET_KB = { api: 600, sweep: 600 } as const;

let s: Synthesized;
beforeAll(() => {
  s = synthJixiao();
  // Let the bundles resolve the runtime-provided AWS SDK from this repo when loaded below.
  symlinkSync(resolve(import.meta.dirname, '../../node_modules'), join(dirname(s.outdir), 'node_modules'), 'dir');
});
afterAll(() => s?.cleanup());

/** The bundle directory of a function in the synthesized cloud assembly (asset.<hash>/index.mjs). */
function assetDir(which: 'api' | 'sweep'): string {
  const fn = s.stacks.api[which].fn;
  const id = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
  const key: string = s.json.api.Resources[id].Properties.Code.S3Key;
  const dir = join(s.outdir, `asset.${key.replace(/\.zip$/, '')}`);
  expect(existsSync(dir), dir).toBe(true);
  return dir;
}

describe.each(['api', 'sweep'] as const)('%s bundle', (which) => {
  it(`index.mjs is at most ${BUDGET_KB[which]} KB (minified)`, () => {
    const size = statSync(join(assetDir(which), 'index.mjs')).size;
    console.info(`[bundle] ${which}: ${(size / 1024).toFixed(1)} KB of ${BUDGET_KB[which]} KB`);
    expect(size).toBeLessThanOrEqual(BUDGET_KB[which] * 1024);
  });

  it('ships re2js beside index.mjs, loadable on demand, and not inside index.mjs', async () => {
    const dir = assetDir(which);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code).not.toContain('missing argument to repetition operator');
    expect(code).toMatch(/import\(\s*"re2js"\s*\)/);
    const lazy = join(dir, 'node_modules', 're2js');
    expect(JSON.parse(readFileSync(join(lazy, 'package.json'), 'utf8'))).toMatchObject({ exports: './index.mjs' });
    const size = statSync(join(lazy, 'index.mjs')).size;
    console.info(`[bundle] ${which}: re2js beside it ${(size / 1024).toFixed(1)} KB`);
    const { RE2JS } = await import(pathToFileURL(join(lazy, 'index.mjs')).href);
    expect(RE2JS.compile('^(a|b)+$').matches('abab')).toBe(true);
  });

  it('is one minified ESM file with the require banner and a separate source map', () => {
    const dir = assetDir(which);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith(ESM_BANNER)).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    // minified: few, long lines
    expect(code.split('\n').length).toBeLessThan(100);
  });

  it('leaves the AWS SDK to the runtime and bundles nothing local-only', () => {
    const code = readFileSync(join(assetDir(which), 'index.mjs'), 'utf8');
    expect(code).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
    expect(code).not.toContain('DynamoDBLocal');
    expect(code).not.toContain('@hono/node-server');
    // Workbooks are written and read by our own small xlsx code; exceljs (~1 MB minified) is for tests only.
    expect(code).not.toMatch(/exceljs/i);
  });

  it('loads on plain Node and exports a handler (no dynamic-require or missing-module errors)', () => {
    const file = pathToFileURL(join(assetDir(which), 'index.mjs')).href;
    const script = `const t = performance.now(); const m = await import(${JSON.stringify(file)});
      if (typeof m.handler !== 'function') { console.error('no handler'); process.exit(2); }
      console.log(JSON.stringify({ loadMs: Math.round(performance.now() - t) }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'ap-southeast-1',
        TABLE_NAME: 'jixiao-test',
        AUTH_MODE: 'cognito',
        COGNITO_USER_POOL_ID: 'ap-southeast-1_TestPool1',
        COGNITO_CLIENT_ID: 'testclientid0000000000000',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    console.info(`[bundle] ${which}: module load ${JSON.parse(r.stdout.trim().split('\n').pop() as string).loadMs} ms`);
  });
});

describe('cold start, every dependency bundled and split by esbuild', () => {
  it('reads at most 600 KB and no ajv, Excel or OpenAPI code: those load on first use', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [resolve(import.meta.dirname, '../../functions/entry/lambda.ts')],
      bundle: true,
      splitting: true,
      write: false,
      outdir: '/virtual',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      mainFields: ['module', 'main'],
      minify: true,
      metafile: true,
      logLevel: 'error',
    });
    const outputs = result.metafile.outputs;
    const read = new Set<string>();
    const walk = (file: string) => {
      if (read.has(file) || !outputs[file]) return;
      read.add(file);
      for (const i of outputs[file].imports) if (i.kind === 'import-statement') walk(i.path);
    };
    walk(Object.keys(outputs).find((k) => k.endsWith('lambda.js')) ?? '');
    const inputs = (files: Iterable<string>) => [...files].flatMap((f) => Object.keys(outputs[f].inputs));
    expect(read.size).toBeGreaterThan(0);
    expect(inputs(read).some((p) => p.includes('functions/api/routes'))).toBe(true);
    const lazy =
      /node_modules\/ajv|functions\/adapters\/excel\/|functions\/api\/openapi|import-indicators|export-submissions/;
    expect(inputs(read).filter((p) => lazy.test(p))).toEqual([]);
    expect(inputs(Object.keys(outputs)).some((p) => /node_modules\/ajv\//.test(p))).toBe(true);
    const kb = [...read].reduce((sum, f) => sum + outputs[f].bytes, 0) / 1024;
    console.info(
      `[bundle] cold start reads ${kb.toFixed(1)} KB of ${(
        Object.values(outputs).reduce((sum, o) => sum + o.bytes, 0) / 1024
      ).toFixed(1)} KB`,
    );
    expect(kb).toBeLessThanOrEqual(600);
  });
});
