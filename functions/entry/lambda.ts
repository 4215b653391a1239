import { handle } from 'hono/aws-lambda';
import { composeDeps } from '../adapters/compose';
import { createApp } from '../api/app';
import { cloudMail } from './cloud-mail';
import { readConfig } from './config';

const config = readConfig();

/** API Gateway HTTP API (payload v2) → the same Hono app as the local server. */
export const handler = handle(
  createApp(
    composeDeps({
      tableName: config.tableName,
      endpoint: config.dynamoEndpoint,
      region: config.region,
      auth: config.cognito
        ? { mode: 'cognito', ...config.cognito }
        : { mode: 'local', secret: new TextEncoder().encode(config.jwtSecret ?? '') },
      mail: cloudMail(config),
      storage: config.attachmentBucket
        ? { mode: 's3', bucket: config.attachmentBucket, region: config.region }
        : undefined,
    }),
    { trustedProxies: config.trustedProxies },
  ),
);
