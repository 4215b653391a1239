import type { IdentityVerifier } from '../../core/ports';

type Claims = Awaited<ReturnType<IdentityVerifier['verify']>>;

const MAX_ENTRIES = 2000;

/**
 * Remembers what a verifier said of the tokens it accepted, until each token's own expiry, so a token sent again
 * is not checked cryptographically again (an HMAC locally, an RSA signature in the cloud: a few per cent of the
 * server's CPU on every request). It is keyed by the whole token string, so only the very bytes once verified are
 * answered from memory; a refused token is never remembered and is checked again each time.
 *
 * Only the token's own claims are remembered. Whether its holder may still act is decided by the user record, read
 * on every request (disabled, token version, sign-in time), so a disable or a reset still takes effect at once.
 * Signing keys rotate so that the previous key is accepted far longer than a token lives (signing-keys.ts): a token
 * valid when it was checked stays valid until its `exp`. Bounded: at most 2,000 tokens, the oldest dropped first.
 */
export function rememberVerified(
  verifier: IdentityVerifier,
  options: { max?: number; now?: () => number } = {},
): IdentityVerifier {
  const max = options.max ?? MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const known = new Map<string, { claims: Claims; untilMs: number }>();
  return {
    async verify(token) {
      const hit = known.get(token);
      if (hit && now() < hit.untilMs) return { ...hit.claims };
      if (hit) known.delete(token);
      const claims = await verifier.verify(token);
      const untilMs = validUntil(token, now());
      if (untilMs !== null) {
        if (known.size >= max) known.delete(known.keys().next().value as string);
        known.set(token, { claims: { ...claims }, untilMs });
      }
      return claims;
    },
  };
}

/**
 * The epoch ms until which an accepted token stays valid by its own claims: its `exp`, unless it carries a `nbf`
 * still to come (then it is not remembered). Null when the payload names no usable expiry.
 */
function validUntil(token: string, nowMs: number): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const exp = payload?.exp;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
    if ('nbf' in payload && !(typeof payload.nbf === 'number' && payload.nbf * 1000 <= nowMs)) return null;
    return exp * 1000;
  } catch {
    return null;
  }
}
