import { handle } from 'hono/aws-lambda';
import { composeDeps } from '../adapters/compose';
import { createApp } from '../api/app';
import { cloudMail } from './cloud-mail';
import { readConfig } from './config';
import { loadJwtSecret } from './jwt-secret';

const config = readConfig();
// Local identity (China regions): the signing key comes from Secrets Manager once per cold start.
const secret = config.cognito ? undefined : await loadJwtSecret(config);

/** API Gateway HTTP API (payload v2) → the same Hono app as the local server. */
export const handler = handle(
  createApp(
    composeDeps({
      tableName: config.tableName,
      endpoint: config.dynamoEndpoint,
      region: config.region,
      auth: config.cognito ? { mode: 'cognito', ...config.cognito } : { mode: 'local', secret: secret as Uint8Array },
      mail: cloudMail(config),
      storage: config.attachmentBucket
        ? { mode: 's3', bucket: config.attachmentBucket, region: config.region }
        : undefined,
    }),
    { trustedProxies: config.trustedProxies },
  ),
);
