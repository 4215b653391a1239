// `npx tsx scripts/rebuild-counters.ts`: rebuilds the 工作台 status counters of a table from its submissions
// (one Query of the all-submissions index, absolute values written), e.g. once after deploying the counters
// on a table with data, or to repair them. Idempotent; run it when nobody is changing submissions.
// Reads TABLE_NAME, DYNAMODB_ENDPOINT (local) and AWS_REGION as the server does.
import { composeDeps } from '../functions/adapters/compose';
import { rebuildStatusCounts } from '../functions/core/use-cases/dashboard/get-dashboard';
import { readConfig } from '../functions/entry/config';

const config = readConfig();
const deps = composeDeps({
  tableName: config.tableName,
  endpoint: config.dynamoEndpoint,
  region: config.region,
  // The rebuild signs nothing: a throwaway key satisfies the composition.
  auth: { mode: 'local', secret: new Uint8Array(32).fill(7) },
});
const result = await rebuildStatusCounts(deps);
console.log(`rebuilt ${result.items} counter items from ${result.submissions} submissions in ${config.tableName}`);
