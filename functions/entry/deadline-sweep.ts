import { composeDeps } from '../adapters/compose';
import { sweepDeadlines } from '../core/use-cases/review/sweep-deadlines';
import { cloudMail } from './cloud-mail';
import { readConfig } from './config';

const config = readConfig();
const deps = composeDeps({
  tableName: config.tableName,
  endpoint: config.dynamoEndpoint,
  region: config.region,
  // The sweep verifies no tokens; the identity port is wired but unused.
  auth: config.cognito ? { mode: 'cognito', ...config.cognito } : { mode: 'local', secret: new Uint8Array(32) },
  mail: cloudMail(config),
});

/** Daily EventBridge Scheduler target: marks overdue tasks, records 催办 reminders, retries mail, sends digests. */
export const handler = async () => sweepDeadlines(deps);
