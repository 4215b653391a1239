// Builds web/dist with vite when it is missing or older than any source it is built from
// (web/, forms/lib, forms/*/ui.json, package-lock.json). `--force` always builds; `--report`
// prints the gzip size of the JS each route loads first (from the vite manifest).
// Exits non-zero when the build fails. `npm start` and the e2e global setup call it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', 'dist');
const marker = join(dist, 'index.html');
const args = new Set(process.argv.slice(2));

function newestMtime(path, filter = () => true) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return filter(path) ? st.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry), filter));
  }
  return newest;
}

function sourcesMtime() {
  let newest = Math.max(
    newestMtime(join(root, 'web')),
    newestMtime(join(root, 'forms', 'lib')),
    newestMtime(join(root, 'package-lock.json')),
  );
  const forms = join(root, 'forms');
  if (existsSync(forms)) {
    for (const entry of readdirSync(forms)) {
      newest = Math.max(newest, newestMtime(join(forms, entry, 'ui.json')));
    }
  }
  return newest;
}

function needsBuild() {
  if (args.has('--force') || !existsSync(marker)) return true;
  return sourcesMtime() > statSync(marker).mtimeMs;
}

function build() {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--config', join('web', 'vite.config.ts')], {
    cwd: root,
    stdio: 'inherit',
    // A production bundle even when called from a test runner that set NODE_ENV=test.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
}

/** First-load JS (gzip) per route: the entry chunk and its static imports, plus each lazy page and its imports. */
function report() {
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) return;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const gz = new Map();
  const size = (file) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file))).length);
    return gz.get(file);
  };
  const closure = (key, seen = new Set()) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const imp of chunk.imports ?? []) closure(imp, seen);
    return seen;
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const entry = closure(entryKey);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const sum = (files) => [...files].filter((f) => f.endsWith('.js')).reduce((t, f) => t + size(f), 0);
  console.log(`\nFirst-load JS (gzip), entry ${manifest[entryKey].file}: ${kb(sum(entry))}`);
  const pages = Object.keys(manifest).filter((k) => /src\/pages\/.+-page\.tsx$/.test(k) && manifest[k].isDynamicEntry);
  for (const key of pages) {
    const files = closure(key, new Set(entry));
    const added = new Set([...files].filter((f) => !entry.has(f)));
    console.log(
      `  ${relative('src/pages', key).padEnd(28)} route total ${kb(sum(files)).padStart(9)}  (adds ${kb(sum(added))})`,
    );
  }
}

if (needsBuild()) {
  console.log('ensure-web: building web/dist …');
  if (!build()) {
    console.error('ensure-web: the web build failed');
    process.exit(1);
  }
} else {
  console.log('ensure-web: web/dist is up to date');
}
if (args.has('--report')) report();
