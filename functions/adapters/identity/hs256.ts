import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verification of the local mode's HS256 tokens with node:crypto, synchronously. jose (which still signs them) checks
 * an HMAC through WebCrypto, an asynchronous job on the thread pool that took about 6 % of the server's CPU in the
 * inbox benchmark; this is the same check in a few microseconds. The rules are jose's for these options:
 * - the header names `HS256` and nothing it would have to understand (`crit`);
 * - the signature is the HMAC-SHA256 of `header.payload` under one of `keys`, compared in constant time;
 * - the payload is a JSON object; `iss` equals `issuer`; `aud` is `audience` or a list holding it;
 * - `exp` is a number after now (whole seconds); `nbf`, if present, is a number not after now; `iat`, if present,
 *   a number; every claim of `required` is present.
 * Any failure throws; the caller turns every one into the same 401.
 */
export function verifyHs256(
  token: string,
  keys: readonly Uint8Array[],
  options: { issuer: string; audience: string; required: readonly string[] },
): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a JWS in compact form');
  const [h, p, s] = parts;
  const header = objectOf(h);
  if (header.alg !== 'HS256') throw new Error('algorithm not allowed');
  if ('crit' in header || 'b64' in header) throw new Error('unsupported header parameter');
  const signature = Buffer.from(s, 'base64url');
  if (signature.toString('base64url') !== s || signature.length !== 32) throw new Error('bad signature encoding');
  const signed = `${h}.${p}`;
  const fits = keys.some((key) => timingSafeEqual(createHmac('sha256', key).update(signed).digest(), signature));
  if (!fits) throw new Error('signature verification failed');
  const payload = objectOf(p);
  const now = Math.floor(Date.now() / 1000);
  for (const claim of options.required) if (!(claim in payload)) throw new Error(`missing ${claim}`);
  if (payload.iss !== options.issuer) throw new Error('unexpected iss');
  const aud = payload.aud;
  if (!(aud === options.audience || (Array.isArray(aud) && aud.includes(options.audience))))
    throw new Error('unexpected aud');
  if (typeof payload.exp !== 'number' || payload.exp <= now) throw new Error('expired');
  if ('nbf' in payload && (typeof payload.nbf !== 'number' || payload.nbf > now)) throw new Error('not yet valid');
  if ('iat' in payload && typeof payload.iat !== 'number') throw new Error('bad iat');
  if ('sub' in payload && typeof payload.sub !== 'string') throw new Error('bad sub');
  return { header, payload };
}

/** The protected header of a compact JWS, unverified (to choose the keys by its `kid`). */
export function headerOf(token: string): Record<string, unknown> {
  return objectOf(token.split('.')[0]);
}

/** A base64url segment holding a JSON object. */
function objectOf(segment: string): Record<string, unknown> {
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) throw new Error('bad base64url');
  const value: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}
