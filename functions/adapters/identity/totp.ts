import { createHmac, randomBytes } from 'node:crypto';
import type { Totp } from '../../core/ports-totp';

/**
 * RFC 6238 time-based codes (HMAC-SHA1, 6 digits, 30 s) on node:crypto: 160-bit secrets, ±1 step of drift.
 * Our own few lines rather than a package, to keep the Lambda bundle small; test/api/totp.test.ts checks the
 * codes against the otpauth package as an independent implementation.
 */
const ISSUER = '信丰县预算绩效管理平台';
const PERIOD = 30;
const DIGITS = 6;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer {
  const clean = text.toUpperCase().replace(/=+$/, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error('invalid base32 secret');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function codeAt(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  const n = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(n % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** The code an authenticator app shows for `secret` at `nowMs` (tests type it as a user would read it). */
export function totpCodeAt(secret: string, nowMs: number): string {
  return codeAt(fromBase32(secret), Math.floor(nowMs / 1000 / PERIOD));
}

export function createTotp(): Totp {
  return {
    generate(account) {
      const secret = toBase32(randomBytes(20));
      const label = encodeURIComponent(`${ISSUER}:${account}`);
      const query = `issuer=${encodeURIComponent(ISSUER)}&secret=${secret}&algorithm=SHA1&digits=${DIGITS}&period=${PERIOD}`;
      return { secret, uri: `otpauth://totp/${label}?${query}` };
    },
    match(secret, code, nowMs) {
      if (!/^\d{6}$/.test(code)) return null;
      const key = fromBase32(secret);
      const now = Math.floor(nowMs / 1000 / PERIOD);
      for (const step of [now, now - 1, now + 1]) if (codeAt(key, step) === code) return step;
      return null;
    },
  };
}
