/**
 * Lambda bundle (docs/decisions.md, performance goals): functions/entry/lambda.ts bundled by esbuild (node, ESM, minified,
 * target node20, createRequire banner) → size (goal ≤ 600 KB) and cold module load (goal ≤ 1.5×),
 * against a bundle holding only @aws-sdk/client-dynamodb and an empty handler.
 *
 * The measured bundle holds every dependency (AWS SDK included), so it loads anywhere on its own.
 * The deployed shape (infra/constructs/app-function.ts keeps @aws-sdk/* and @smithy/* external,
 * the Lambda runtime provides them) is reported beside it for its size.
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { AWS_SDK_EXTERNALS, LAZY_MODULES } from '../../infra/constructs/app-function';
import { type BenchResult, log, median, ROOT, ratioOf, round, runBench, tempDir } from './support';

const BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";
const RUNS = 10;

/** Output bytes per npm package (or "app" for this repository's code), largest first. */
function byPackage(meta: Metafile): string {
  const sizes = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [path, info] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = m ? m[1] : 'app (functions/, forms/)';
      sizes.set(key, (sizes.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${round(v / 1024, 0)} KB`)
    .join(', ');
}

async function bundle(outfile: string, entry: { file?: string; contents?: string }, external: string[] = []) {
  const result = await build({
    ...(entry.file
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents as string, resolveDir: ROOT, sourcefile: 'baseline.ts', loader: 'ts' } }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    external,
    logLevel: 'error',
    metafile: true,
  });
  return { kb: statSync(outfile).size / 1024, top: byPackage(result.metafile) };
}

/** One cold `import()` of the bundle in a fresh node process; returns the ms the import took. */
function coldLoad(file: string): number {
  const code = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') throw new Error('no handler'); console.log(performance.now() - t);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      TABLE_NAME: 'jixiao',
      AWS_REGION: 'ap-southeast-1',
      AUTH_MODE: 'local',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  if (r.status !== 0) throw new Error(`cold load of ${file} failed: ${r.stderr}`);
  return Number(r.stdout.trim().split('\n').pop());
}

runBench('lambda-bundle', async () => {
  const dir = tempDir('lambda');
  try {
    const appFile = join(dir.path, 'app', 'index.mjs');
    const baseFile = join(dir.path, 'baseline', 'index.mjs');
    const deployedFile = join(dir.path, 'deployed', 'index.mjs');
    const { kb: appKB, top: appTop } = await bundle(appFile, { file: join(ROOT, 'functions', 'entry', 'lambda.ts') });
    const { kb: baseKB } = await bundle(baseFile, {
      contents: [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        'const client = new DynamoDBClient({ region: process.env.AWS_REGION });',
        'export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });',
      ].join('\n'),
    });
    const { kb: deployedKB, top: deployedTop } = await bundle(
      deployedFile,
      { file: join(ROOT, 'functions', 'entry', 'lambda.ts') },
      [...AWS_SDK_EXTERNALS, ...LAZY_MODULES],
    );
    writeFileSync(join(dir.path, 'package.json'), '{"type":"module"}');
    log(`largest parts (all bundled): ${appTop}`);
    log(`largest parts (deployed shape): ${deployedTop}`);
    log(
      `bundle sizes: app ${round(appKB, 1)} KB, baseline ${round(baseKB, 1)} KB, deployed shape (SDK external) ${round(deployedKB, 1)} KB`,
    );

    coldLoad(appFile); // file-system cache warm-up for both
    coldLoad(baseFile);
    const app: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      app.push(coldLoad(appFile));
      base.push(coldLoad(baseFile));
    }
    const appMs = median(app);
    const baseMs = median(base);
    log(`cold import (median of ${RUNS}): app ${round(appMs, 1)} ms [${app.map((v) => round(v, 0)).join(', ')}]`);
    log(
      `cold import (median of ${RUNS}): baseline ${round(baseMs, 1)} ms [${base.map((v) => round(v, 0)).join(', ')}]`,
    );

    const loadRatio = ratioOf(appMs, baseMs);
    return [
      {
        name: 'lambda-bundle: size, all dependencies bundled (minified ESM)',
        value: round(appKB, 1),
        baseline: round(baseKB, 1),
        ratio: ratioOf(appKB, baseKB),
        goal: '≤ 600 KB',
        met: appKB <= 600,
        unit: 'KB',
        notes: `esbuild: platform node, format esm, target node20, minify, createRequire banner, every dependency bundled; baseline = @aws-sdk/client-dynamodb + empty handler, same options. Largest parts: ${appTop}.`,
      },
      {
        name: 'lambda-bundle: size, deployed shape (@aws-sdk/*, @smithy/* external, re2js beside it, as in infra)',
        value: round(deployedKB, 1),
        baseline: round(baseKB, 1),
        ratio: ratioOf(deployedKB, baseKB),
        goal: '≤ 600 KB',
        met: deployedKB <= 600,
        unit: 'KB',
        notes: `infra/constructs/app-function.ts externalizes the AWS SDK (the Node 22 Lambda runtime provides it) and ships re2js (loaded on demand) beside index.mjs; size of index.mjs. Largest parts: ${deployedTop}.`,
      },
      {
        name: 'lambda-bundle: cold module load (all bundled)',
        value: round(appMs, 1),
        baseline: round(baseMs, 1),
        ratio: loadRatio,
        goal: '≤ 1.5×',
        met: loadRatio !== null && loadRatio <= 1.5,
        unit: 'ms',
        notes: `median of ${RUNS} fresh \`node\` processes each, alternating; time of \`await import(bundle)\` incl. module evaluation (createApp + composeDeps run at import).`,
      },
    ] satisfies BenchResult[];
  } finally {
    dir.remove();
  }
});
