// `npm run start:cloud-local`: the cloud shape on one machine (functions/entry/cloud-local.ts) — the Lambda
// handler behind a local HTTP API, Cognito emulated by cognito-local, DynamoDB Local; same PORT and DATA_DIR.
import { spawnSync } from 'node:child_process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const r = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error('前端构建失败 / web build failed');
  process.exit(r.status ?? 1);
}
const { register } = await import('tsx/esm/api');
register();
const { readConfig } = await import('../functions/entry/config.ts');
const { startCloudLocal } = await import('../functions/entry/cloud-local.ts');
startCloudLocal(readConfig({ ...process.env, AUTH_MODE: 'local' })).then(
  (server) => {
    console.log(
      `\n  绩效平台（云端形态）已启动 / Jixiao cloud shape: ${server.url}\n  演示账号 demo users: jtj, jjs, jxpj, ysg, admin …（密码 ${process.env.DEMO_PASSWORD ? '见 DEMO_PASSWORD' : 'demo1234'}）\n`,
    );
    const stop = () => server.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
