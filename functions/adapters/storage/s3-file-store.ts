import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { UnavailableError } from '../../core/errors';
import { attachmentDisposition, type FileStore } from '../../core/ports-attachments';
import { CALL_TIMEOUTS, isUnreachable } from '../aws-calls';

export interface S3FileStoreOptions {
  bucket: string;
  region?: string;
  /**
   * An S3-compatible endpoint (an emulator, MinIO …; env ATTACHMENT_S3_ENDPOINT): path-style addressing, and
   * checksums only where the API requires them (such stores keep streamed bodies with checksum framing otherwise).
   */
  endpoint?: string;
  /** Extra client settings (tests: credentials, forcePathStyle, requestChecksumCalculation). */
  client?: Partial<S3ClientConfig>;
  /** Lifetime of a presigned download URL in seconds (default 60). */
  downloadSeconds?: number;
}

/** S3 asking the caller to slow down, or failing on its side: worth a retry later. */
const BUSY = new Set(['SlowDown', 'ServiceUnavailable', 'InternalError', 'RequestTimeout']);

/** A store that cannot be reached, does not answer in time or is busy answers 503, never a bare 500. */
async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isUnreachable(err) || BUSY.has((err as { name?: string })?.name ?? '')) {
      throw new UnavailableError('文件存储暂时无法连接，请稍后重试', 2, { cause: err });
    }
    throw err;
  }
}

const isMissing = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Files in a private S3 bucket: the browser POSTs the bytes straight to S3 with a presigned policy (size range,
 * key prefix, content type), downloads are a 302 to a short-lived presigned GET that forces a download.
 */
export function createS3FileStore(options: S3FileStoreOptions): FileStore {
  const region = options.region ?? 'ap-southeast-1';
  // The S3 client (about 200 KB of SDK) loads on the first attachment call, not at a cold start.
  let loaded: ReturnType<typeof load> | undefined;
  const sdk = () => {
    loaded ??= load();
    return loaded;
  };
  const load = async () => {
    const s3 = await import('@aws-sdk/client-s3');
    return { s3, client: new s3.S3Client(clientConfig) };
  };
  const clientConfig: S3ClientConfig = {
    region,
    requestHandler: { ...CALL_TIMEOUTS },
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    ...options.client,
  };
  const Bucket = options.bucket;

  async function presignGet(key: string, query: Record<string, string>, expiresIn: number): Promise<string> {
    const { client } = await sdk();
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const pathStyle = Boolean(client.config.forcePathStyle) || Boolean(options.endpoint);
    const base = options.endpoint
      ? new URL(options.endpoint)
      : new URL(pathStyle ? `https://s3.${region}.amazonaws.com` : `https://${Bucket}.s3.${region}.amazonaws.com`);
    const path = `${base.pathname.replace(/\/$/, '')}${pathStyle ? `/${Bucket}` : ''}/${key}`;
    const signer = new SignatureV4({
      service: 's3',
      region,
      credentials: client.config.credentials,
      sha256: client.config.sha256,
      uriEscapePath: false,
    });
    const signed = await signer.presign(
      {
        method: 'GET',
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port ? Number(base.port) : undefined,
        path,
        query,
        headers: { host: base.host },
      },
      { expiresIn },
    );
    const url = new URL(`${base.protocol}//${base.host}${path}`);
    for (const [k, v] of Object.entries(signed.query ?? {})) url.searchParams.set(k, String(v));
    return url.toString();
  }

  return {
    async uploadTarget(key, limits) {
      const prefix = key.slice(0, key.lastIndexOf('/') + 1);
      const { client } = await sdk();
      const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
      const post = await createPresignedPost(client, {
        Bucket,
        Key: key,
        Conditions: [
          ['content-length-range', 1, limits.maxBytes],
          ['starts-with', '$key', prefix],
          ['eq', '$Content-Type', limits.contentType],
        ],
        Fields: { 'Content-Type': limits.contentType },
        Expires: limits.expiresInSeconds,
      });
      return { method: 'POST', url: post.url, fields: post.fields };
    },
    async size(key) {
      try {
        const { client, s3 } = await sdk();
        const r = await guard(() => client.send(new s3.HeadObjectCommand({ Bucket, Key: key })));
        return r.ContentLength ?? 0;
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async head(key, bytes) {
      const { client, s3 } = await sdk();
      return guard(async () => {
        const r = await client.send(new s3.GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
        return (await r.Body?.transformToByteArray()) ?? new Uint8Array();
      });
    },
    async sha256(key) {
      const { client, s3 } = await sdk();
      return guard(async () => {
        const r = await client.send(new s3.GetObjectCommand({ Bucket, Key: key }));
        const hash = createHash('sha256');
        for await (const chunk of r.Body as Readable) hash.update(chunk as Buffer);
        return hash.digest('hex');
      });
    },
    async download(key, as) {
      const url = await presignGet(
        key,
        { 'response-content-disposition': attachmentDisposition(as.name), 'response-content-type': as.contentType },
        options.downloadSeconds ?? 60,
      );
      return { kind: 'redirect', url };
    },
    async copy(from, to) {
      const { client, s3 } = await sdk();
      await guard(() => client.send(new s3.CopyObjectCommand({ Bucket, Key: to, CopySource: `${Bucket}/${from}` })));
    },
    async remove(key) {
      const { client, s3 } = await sdk();
      await guard(() => client.send(new s3.DeleteObjectCommand({ Bucket, Key: key })));
    },
  };
}
