import { Secret, TOTP } from 'otpauth';
import type { Totp } from '../../core/ports-totp';

const ISSUER = '信丰县预算绩效管理平台';
const PERIOD = 30;

const totpFor = (secret: string | Secret, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret });

/** The otpauth package behind the TOTP port: 160-bit secrets, ±1 step of drift. */
export function createTotp(): Totp {
  return {
    generate(account) {
      const secret = new Secret({ size: 20 });
      return { secret: secret.base32, uri: totpFor(secret, account).toString() };
    },
    match(secret, code, nowMs) {
      if (!/^\d{6}$/.test(code)) return null;
      const delta = totpFor(Secret.fromBase32(secret)).validate({ token: code, timestamp: nowMs, window: 1 });
      return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD) + delta;
    },
  };
}
