import { describe, expect, it } from 'vitest';
import { rememberVerified } from '../../functions/adapters/identity/verified-tokens';
import { UnauthorizedError } from '../../functions/core/errors';
import type { IdentityVerifier } from '../../functions/core/ports';

/**
 * functions/adapters/identity/verified-tokens.ts: a token accepted once is not checked cryptographically again until
 * its own expiry; nothing else is remembered.
 */
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const token = (payload: Record<string, unknown>, signature = 'sig') =>
  `${b64({ alg: 'HS256' })}.${b64(payload)}.${signature}`;

/** A verifier that accepts the tokens of `valid` (by string) and counts what it was asked. */
function counting(valid: Set<string>) {
  const asked: string[] = [];
  const verifier: IdentityVerifier = {
    async verify(t) {
      asked.push(t);
      if (!valid.has(t)) throw new UnauthorizedError('登录已失效，请重新登录');
      return { userId: 'u-1', tokenVersion: 2 };
    },
  };
  return { verifier, asked };
}

describe('tokens already verified', () => {
  const start = 1_800_000_000_000;
  const good = token({ sub: 'u-1', exp: start / 1000 + 600 });

  it('a token accepted once is answered from memory, each caller with its own copy of the claims', async () => {
    const { verifier, asked } = counting(new Set([good]));
    const remembered = rememberVerified(verifier, { now: () => start });
    const first = await remembered.verify(good);
    const second = await remembered.verify(good);
    expect(asked).toEqual([good]);
    expect(second).toEqual({ userId: 'u-1', tokenVersion: 2 });
    expect(second).not.toBe(first);
    second.userId = 'someone-else';
    expect(await remembered.verify(good)).toEqual({ userId: 'u-1', tokenVersion: 2 });
  });

  it('a refused token is checked again every time, and another string is never answered from memory', async () => {
    const forged = token({ sub: 'u-1', exp: start / 1000 + 600 }, 'forged');
    const { verifier, asked } = counting(new Set([good]));
    const remembered = rememberVerified(verifier, { now: () => start });
    await remembered.verify(good);
    for (let i = 0; i < 2; i++) {
      const err = await remembered.verify(forged).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect((err as UnauthorizedError).message).toBe('登录已失效，请重新登录');
    }
    expect(asked).toEqual([good, forged, forged]);
  });

  it('at its expiry the token goes back to the verifier, which refuses it', async () => {
    let now = start;
    const valid = new Set([good]);
    const { verifier, asked } = counting(valid);
    const remembered = rememberVerified(verifier, { now: () => now });
    await remembered.verify(good);
    now = start + 599_000;
    await remembered.verify(good);
    expect(asked).toHaveLength(1);
    now = start + 600_000;
    valid.delete(good); // as the real verifier would: expired
    await expect(remembered.verify(good)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(asked).toHaveLength(2);
  });

  it('a token without a usable expiry, or not valid before a time still to come, is not remembered', async () => {
    const noExp = token({ sub: 'u-1' });
    const later = token({ sub: 'u-1', exp: start / 1000 + 600, nbf: start / 1000 + 60 });
    const garbled = 'a.%%%.c';
    const { verifier, asked } = counting(new Set([noExp, later, garbled]));
    const remembered = rememberVerified(verifier, { now: () => start });
    for (const t of [noExp, later, garbled, noExp, later, garbled]) await remembered.verify(t);
    expect(asked).toHaveLength(6);
  });

  it('holds at most `max` tokens, dropping the oldest first', async () => {
    const tokens = [1, 2, 3].map((n) => token({ sub: `u-${n}`, exp: start / 1000 + 600 }));
    const { verifier, asked } = counting(new Set(tokens));
    const remembered = rememberVerified(verifier, { max: 2, now: () => start });
    for (const t of tokens) await remembered.verify(t);
    await remembered.verify(tokens[2]);
    await remembered.verify(tokens[1]);
    expect(asked).toHaveLength(3);
    await remembered.verify(tokens[0]);
    expect(asked).toHaveLength(4);
  });
});
