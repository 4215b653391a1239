import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { ConflictError, coded, NotFoundError, ValidationError } from '../../core/errors';
import type { FileStore } from '../../core/ports-attachments';

const KEY_RE = /^(incoming|files)\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/;

interface UploadClaim {
  /** Object key. */
  k: string;
  /** Byte limit. */
  m: number;
  /** Expiry, epoch seconds. */
  e: number;
}

/**
 * Files on this machine, under `<DATA_DIR>/files`: the browser PUTs the bytes to `/api/uploads/<token>`, a
 * short-lived HMAC-signed token naming the key and the byte limit; the stream is cut off past the limit.
 */
export function createLocalFileStore(options: { dir: string; secret: Uint8Array; now?: () => number }): FileStore {
  const now = options.now ?? Date.now;
  const pathOf = (key: string) => {
    if (!KEY_RE.test(key)) throw new Error(`bad storage key ${key}`);
    return join(options.dir, key);
  };
  const sign = (payload: string) => createHmac('sha256', options.secret).update(payload).digest('base64url');
  const size = async (key: string) => {
    try {
      return (await stat(pathOf(key))).size;
    } catch {
      return null;
    }
  };

  function verify(token: string): UploadClaim {
    const gone = () => coded(new NotFoundError('上传地址无效或已过期，请重新选择文件'), 'UPLOAD_TOKEN_INVALID');
    const [payload, mac] = token.split('.');
    if (!payload || !mac || token.length > 1000) throw gone();
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw gone();
    let claim: UploadClaim;
    try {
      claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw gone();
    }
    if (typeof claim.k !== 'string' || !KEY_RE.test(claim.k) || typeof claim.m !== 'number' || claim.e * 1000 < now()) {
      throw gone();
    }
    return claim;
  }

  return {
    async uploadTarget(key, limits) {
      pathOf(key);
      const claim: UploadClaim = { k: key, m: limits.maxBytes, e: Math.floor(now() / 1000) + limits.expiresInSeconds };
      const payload = Buffer.from(JSON.stringify(claim)).toString('base64url');
      return {
        method: 'PUT',
        url: `/api/uploads/${payload}.${sign(payload)}`,
        headers: { 'content-type': 'application/octet-stream' },
      };
    },
    size,
    async head(key, bytes) {
      const handle = await open(pathOf(key), 'r');
      try {
        const buf = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buf, 0, bytes, 0);
        return new Uint8Array(buf.subarray(0, bytesRead));
      } finally {
        await handle.close();
      }
    },
    async sha256(key) {
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(pathOf(key))) hash.update(chunk as Buffer);
      return hash.digest('hex');
    },
    async download(key) {
      const bytes = await size(key);
      if (bytes === null) throw new NotFoundError('文件不存在');
      const body = Readable.toWeb(createReadStream(pathOf(key))) as unknown as ReadableStream<Uint8Array>;
      return { kind: 'stream', body, size: bytes };
    },
    async copy(from, to) {
      await mkdir(dirname(pathOf(to)), { recursive: true });
      await copyFile(pathOf(from), pathOf(to));
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async receive(token, body) {
      const claim = verify(token);
      const target = pathOf(claim.k);
      if ((await size(claim.k)) !== null) {
        throw coded(new ConflictError('该文件已上传，不能重复上传'), 'UPLOAD_ALREADY_DONE');
      }
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.part-${process.pid}-${now()}`;
      const out = createWriteStream(temp, { flags: 'wx' });
      let written = 0;
      try {
        for await (const chunk of Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>)) {
          written += (chunk as Uint8Array).byteLength;
          if (written > claim.m) {
            throw coded(
              new ValidationError(`文件超过大小上限（${Math.round(claim.m / 1024 / 1024)} MB）`, [
                { path: 'file', message: '文件过大' },
              ]),
              'ATTACHMENT_TOO_LARGE',
            );
          }
          if (!out.write(chunk)) await new Promise<void>((ok) => out.once('drain', () => ok()));
        }
        await new Promise<void>((ok, fail) => out.end((err?: Error | null) => (err ? fail(err) : ok())));
        await rename(temp, target);
      } catch (err) {
        out.destroy();
        await rm(temp, { force: true });
        throw err;
      }
      return { key: claim.k, size: written };
    },
  };
}
