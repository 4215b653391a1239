import { JavaMissingError } from '../adapters/dynamodb/local-server';
import { readConfig } from './config';
import { startLocalServer } from './local-server';

// `npm start`: the whole platform on one port. SIGINT/SIGTERM stop the JVM too.
startLocalServer(readConfig()).then(
  (server) => {
    console.log(
      `\n  绩效平台已启动 / Jixiao is running: ${server.url}\n  演示账号 demo users: jtj, jjs, jxpj, ysg, admin …（密码 ${process.env.DEMO_PASSWORD ? '见 DEMO_PASSWORD' : 'demo1234'}）\n`,
    );
    const stop = () => server.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (err) => {
    console.error(err instanceof JavaMissingError ? err.message : err);
    process.exit(1);
  },
);
