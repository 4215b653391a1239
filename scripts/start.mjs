// `npm start`: build the web app when missing or stale, then run the local platform in this very
// process (tsx loader), so signals and the DynamoDB Local watchdog see one Node process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (existsSync('scripts/ensure-web.mjs')) {
  const r = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('前端构建失败 / web build failed');
    process.exit(r.status ?? 1);
  }
}
const { register } = await import('tsx/esm/api');
register();
await import('../functions/entry/local.ts');
