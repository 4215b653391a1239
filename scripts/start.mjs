// `npm start`: build the web app when missing or stale, and run the local platform in this very
// process, so signals and the DynamoDB Local watchdog see one Node process.
// The server runs from a bundle (.tmp/server/local.mjs) that esbuild makes in well under a second, and only
// when a source it was made from changed (its metafile lists them): no TypeScript compiled at launch.
// Dependencies stay in node_modules (resolved from the repository root, as before).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The web build check runs beside the server's start (DynamoDB Local's JVM is the long pole); the server
// listens only once it has passed.
const webReady = !existsSync('scripts/ensure-web.mjs')
  ? Promise.resolve()
  : new Promise((ok, fail) => {
      const child = spawn(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
      child.once('error', fail);
      child.once('exit', (code) => (code === 0 ? ok() : fail(new Error('前端构建失败 / web build failed'))));
    });
webReady.catch(() => undefined); // reported where main awaits it

const OUT_DIR = join('.tmp', 'server');
const OUT = join(OUT_DIR, 'local.mjs');
const META = join(OUT_DIR, 'meta.json');
// Files the bundle reads next to itself (import.meta.url), copied beside it.
const BESIDE = [join('functions', 'adapters', 'dynamodb', 'LoopbackDynamoDbLocal.java')];

/** True when the bundle is missing or older than this script or any source it was built from. */
function stale() {
  if (!existsSync(OUT) || !existsSync(META)) return true;
  const built = statSync(OUT).mtimeMs;
  const inputs = [...Object.keys(JSON.parse(readFileSync(META, 'utf8')).inputs), ...BESIDE, 'scripts/start.mjs'];
  return inputs.some((f) => !existsSync(f) || statSync(f).mtimeMs > built);
}

if (stale()) {
  const { build } = await import('esbuild');
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    entryPoints: [join('functions', 'entry', 'local.ts')],
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    // The entry is its own small file, so the JVM is spawned before the SDK and the app load (chunk files).
    splitting: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'warning',
  });
  for (const f of BESIDE) copyFileSync(f, join(OUT_DIR, f.split(/[/\\]/).pop()));
  writeFileSync(META, JSON.stringify(result.metafile));
}
process.setSourceMapsEnabled(true);
const { main } = await import(pathToFileURL(OUT).href);
await main(webReady);
