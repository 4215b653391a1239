import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../../core/ports';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((ok, fail) =>
    scryptCb(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? fail(err) : ok(key),
    ),
  );
}

/** scrypt password hashes: "scrypt$N$r$p$salt$hash" (base64url), compared in constant time. */
export function createScryptHasher(): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scrypt(password, salt, N, R, P);
      return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [n, r, p] = parts.slice(1, 4).map(Number);
      if (![n, r, p].every(Number.isInteger) || n > 1 << 20) return false;
      const expected = Buffer.from(parts[5], 'base64url');
      const key = await scrypt(password, Buffer.from(parts[4], 'base64url'), n, r, p);
      return expected.length === key.length && timingSafeEqual(expected, key);
    },
  };
}
