import { createHmac, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyHs256 } from '../../functions/adapters/identity/hs256';

/**
 * The local mode's token check (node:crypto, synchronous) against jose's jwtVerify with the options it replaced:
 * both must accept and refuse the same tokens, and agree on what an accepted one says; ours is stricter only about
 * the encoding (no base64 padding).
 */
const key = randomBytes(32);
const previous = randomBytes(32);
const ISS = 'jixiao-local';
const AUD = 'jixiao';
const REQUIRED = ['sub', 'exp', 'iat'];
const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const hmac = (k: Uint8Array, data: string) => createHmac('sha256', k).update(data).digest('base64url');

/** A token with this header and payload, signed (HMAC-SHA256) with `k`, whatever the header says. */
const raw = (header: unknown, payload: unknown, k: Uint8Array = key) => {
  const signed = `${b64(header)}.${b64(payload)}`;
  return `${signed}.${hmac(k, signed)}`;
};
const claims = (more: Record<string, unknown> = {}) => ({
  sub: 'u-1',
  iss: ISS,
  aud: AUD,
  iat: now(),
  exp: now() + 600,
  tv: 2,
  ...more,
});
const HS = { alg: 'HS256', typ: 'JWT' };

const cases: [string, () => string | Promise<string>][] = [
  [
    'a valid token (jose-signed)',
    () =>
      new SignJWT({ tv: 1 })
        .setProtectedHeader(HS)
        .setSubject('u-1')
        .setIssuer(ISS)
        .setAudience(AUD)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key),
  ],
  ['a valid token (hand-signed)', () => raw(HS, claims())],
  ['signed with the previous key', () => raw(HS, claims(), previous)],
  ['signed with an unknown key', () => raw(HS, claims(), randomBytes(32))],
  ['alg none, no signature', () => `${b64({ alg: 'none' })}.${b64(claims())}.`],
  ['alg HS512 in the header', () => raw({ alg: 'HS512' }, claims())],
  ['alg RS256 in the header', () => raw({ alg: 'RS256' }, claims())],
  ['no alg', () => raw({ typ: 'JWT' }, claims())],
  ['a crit header', () => raw({ ...HS, crit: ['exp'] }, claims())],
  ['b64 false', () => raw({ ...HS, b64: false, crit: ['b64'] }, claims())],
  [
    'a tampered payload',
    () => {
      const [h, , s] = raw(HS, claims()).split('.');
      return `${h}.${b64(claims({ sub: 'u-2' }))}.${s}`;
    },
  ],
  [
    'a tampered signature',
    () => {
      const t = raw(HS, claims());
      return `${t.slice(0, -2)}${t.endsWith('AA') ? 'BB' : 'AA'}`;
    },
  ],
  ['a signature with padding', () => `${raw(HS, claims())}=`],
  ['a truncated signature', () => raw(HS, claims()).slice(0, -8)],
  ['expired a minute ago', () => raw(HS, claims({ exp: now() - 60 }))],
  ['expiring this second', () => raw(HS, claims({ exp: now() }))],
  ['no exp', () => raw(HS, { ...claims(), exp: undefined })],
  ['exp as a string', () => raw(HS, claims({ exp: String(now() + 600) }))],
  ['nbf in a minute', () => raw(HS, claims({ nbf: now() + 60 }))],
  ['nbf a minute ago', () => raw(HS, claims({ nbf: now() - 60 }))],
  ['iat as a string', () => raw(HS, claims({ iat: 'yesterday' }))],
  ['no iat', () => raw(HS, { ...claims(), iat: undefined })],
  ['no sub', () => raw(HS, { ...claims(), sub: undefined })],
  ['a wrong issuer', () => raw(HS, claims({ iss: 'someone-else' }))],
  ['no issuer', () => raw(HS, { ...claims(), iss: undefined })],
  ['a wrong audience', () => raw(HS, claims({ aud: 'another-app' }))],
  ['an audience list holding ours', () => raw(HS, claims({ aud: ['x', AUD] }))],
  ['an audience list without ours', () => raw(HS, claims({ aud: ['x', 'y'] }))],
  ['a payload that is a list', () => raw(HS, [claims()])],
  ['a payload that is not JSON', () => raw(HS, 'not json')],
  ['two parts', () => raw(HS, claims()).split('.').slice(0, 2).join('.')],
  ['four parts', () => `${raw(HS, claims())}.x`],
  ['garbage', () => 'not.a.token'],
  ['empty', () => ''],
];

async function jose(token: string) {
  for (const k of [key, previous]) {
    try {
      const { payload } = await jwtVerify(token, k, {
        algorithms: ['HS256'],
        issuer: ISS,
        audience: AUD,
        requiredClaims: REQUIRED,
      });
      return { ok: true, payload };
    } catch {}
  }
  return { ok: false };
}

function ours(token: string) {
  try {
    return {
      ok: true,
      payload: verifyHs256(token, [key, previous], { issuer: ISS, audience: AUD, required: REQUIRED }).payload,
    };
  } catch {
    return { ok: false };
  }
}

describe('HS256 verification with node:crypto', () => {
  /** Where ours is stricter on purpose: only the canonical base64url encoding of a segment is accepted. */
  const STRICTER = new Set(['a signature with padding']);

  it.each(cases)('agrees with jose: %s', async (name, make) => {
    const token = await make();
    const [theirs, mine] = [await jose(token), ours(token)];
    if (STRICTER.has(name)) {
      expect(theirs.ok).toBe(true);
      expect(mine.ok).toBe(false);
    } else expect(mine).toEqual(theirs);
  });

  it('accepts the valid tokens and refuses the bad ones (the cases above are not all one way)', async () => {
    const outcomes = await Promise.all(cases.map(async ([name, make]) => [name, ours(await make()).ok] as const));
    const accepted = outcomes.filter(([, ok]) => ok).map(([name]) => name);
    expect(accepted).toEqual([
      'a valid token (jose-signed)',
      'a valid token (hand-signed)',
      'signed with the previous key',
      'nbf a minute ago',
      'an audience list holding ours',
    ]);
  });

  it('checks a token in microseconds, not through the thread pool', () => {
    const token = raw(HS, claims());
    const t = performance.now();
    for (let i = 0; i < 2000; i++) verifyHs256(token, [key], { issuer: ISS, audience: AUD, required: REQUIRED });
    expect((performance.now() - t) / 2000).toBeLessThan(0.2);
  });
});
