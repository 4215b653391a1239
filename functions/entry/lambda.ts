import { handle } from 'hono/aws-lambda';
import { composeDeps } from '../adapters/compose';
import { createJsonLogger } from '../adapters/logger';
import { createApp } from '../api/app';
import { cloudMail } from './cloud-mail';
import { readConfig } from './config';
import { loadSigningKeys } from './jwt-secret';
import { cloudStorage } from './storage';

const config = readConfig();
// Local identity (China regions): the signing keys come from Secrets Manager (current and previous version).
const keys = config.cognito ? undefined : await loadSigningKeys(config);

const logger = createJsonLogger(config.logLevel);

/** API Gateway HTTP API (payload v2) → the same Hono app as the local server. */
const app = handle(
  createApp(
    composeDeps({
      tableName: config.tableName,
      endpoint: config.dynamoEndpoint,
      region: config.region,
      logger,
      auth: config.cognito
        ? { mode: 'cognito', ...config.cognito }
        : { mode: 'local', secret: keys as NonNullable<typeof keys> },
      mail: cloudMail(config),
      storage: cloudStorage(config),
    }),
    { trustedProxies: config.trustedProxies },
  ),
);

/** Every log line of an invocation carries the Lambda context (request id, function, cold start). */
let coldStart = true;
export const handler = (
  event: Parameters<typeof app>[0],
  context: { awsRequestId?: string; functionName?: string } = {},
) => {
  logger.setInvocation({ awsRequestId: context.awsRequestId, functionName: context.functionName, coldStart });
  coldStart = false;
  return app(event, context as Parameters<typeof app>[1]);
};
