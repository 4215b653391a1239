import type { StorageOptions } from '../adapters/compose';
import type { Config } from './config';

/**
 * Where the Lambda keeps attachment bytes, from its environment: the S3 bucket ATTACHMENT_BUCKET (optionally on
 * an S3-compatible ATTACHMENT_S3_ENDPOINT). Without a bucket, undefined: a temporary local directory.
 */
export function cloudStorage(config: Config): StorageOptions | undefined {
  if (!config.attachmentBucket) return undefined;
  return {
    mode: 's3',
    bucket: config.attachmentBucket,
    region: config.region,
    ...(config.attachmentS3Endpoint ? { endpoint: config.attachmentS3Endpoint } : {}),
  };
}
