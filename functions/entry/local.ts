import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JavaMissingError, type LocalDynamo, startLocalDynamo } from '../adapters/dynamodb/local-server';
import { readConfig } from './config';

/**
 * `npm start`: the whole platform on one port. SIGINT/SIGTERM stop the JVM too.
 * DynamoDB Local's JVM is the slowest thing to start, so it is spawned first, from this small module; the server's
 * modules (the AWS SDK, the app) load and `ready` (the launcher's web build check) runs while the JVM starts.
 */
export async function main(ready: Promise<void> = Promise.resolve()): Promise<void> {
  const config = readConfig();
  const root = process.cwd();
  const dynamo: Promise<LocalDynamo> | undefined = config.dynamoEndpoint
    ? undefined
    : startLocalDynamo({ dbPath: join(resolve(root, config.dataDir), 'dynamodb') });
  dynamo?.catch(() => undefined); // a failed start is reported where it is awaited
  // The launcher's refusal (a failed web build) is a message for the person at the terminal, not a stack.
  let refusal: unknown;
  const checked = ready.catch((err: unknown) => {
    refusal = err;
    throw err;
  });
  try {
    const [{ startLocalServer }] = await Promise.all([import('./local-server'), checked]);
    const server = await startLocalServer(config, root, dynamo);
    console.log(
      `\n  绩效平台已启动 / Jixiao is running: ${server.url}\n  演示账号 demo users: jtj, jjs, jxpj, ysg, admin …（密码 ${process.env.DEMO_PASSWORD ? '见 DEMO_PASSWORD' : 'demo1234'}）\n`,
    );
    const stop = () => server.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    await dynamo?.then((d) => d.stop()).catch(() => undefined);
    console.error(err instanceof JavaMissingError || err === refusal ? (err as Error).message : err);
    process.exit(1);
  }
}

// Run straight from TypeScript (`tsx functions/entry/local.ts`), there is no launcher to call main.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
