import { UnauthorizedError } from '../../core/errors';
import type { IdentityVerifier, TokenIssuer } from '../../core/ports';
import type { ChallengeSessions } from '../../core/ports-identity';
import { headerOf, verifyHs256 } from './hs256';
import { fixedKeyring, type SigningKeyring } from './signing-keys';

export const LOCAL_ISSUER = 'jixiao-local';
export const LOCAL_AUDIENCE = 'jixiao';
const ALG = 'HS256';
const CHALLENGE_AUDIENCE = 'jixiao-new-password';

/** jose signs, and loads on first use: in Cognito mode (the usual cloud shape) the Lambda never parses it. */
const jose = () => import('jose');

/**
 * Verifies `token` (HS256 pinned) with the keys its `kid` may name (signing-keys.ts: the current and the previous
 * version of a rotated key); throws when none fits or a claim is wrong.
 */
async function verifyWithKeys(keys: SigningKeyring, token: string, options: { audience: string; required: string[] }) {
  const { kid } = headerOf(token);
  if (kid !== undefined && typeof kid !== 'string') throw new Error('bad kid');
  return verifyHs256(token, await keys.candidates(kid), { ...options, issuer: LOCAL_ISSUER });
}

/** Signs with the current key, naming its version in the header when it has one. */
async function sign(keys: SigningKeyring, jwt: import('jose').SignJWT) {
  const { kid, key } = await keys.current();
  return jwt.setProtectedHeader({ alg: ALG, typ: 'JWT', ...(kid ? { kid } : {}) }).sign(key);
}

/** Local mode tokens: HS256 pinned, exp/iss/aud checked, one generic 401 for every failure. */
export function createLocalJwt(
  secret: Uint8Array | SigningKeyring,
  ttlSeconds = 8 * 3600,
): { issuer: TokenIssuer; verifier: IdentityVerifier; challenges: ChallengeSessions } {
  const keys = secret instanceof Uint8Array ? fixedKeyring(secret) : secret;
  return {
    // The NEW_PASSWORD_REQUIRED session: 5 minutes, its own audience (never a bearer token), bound to the
    // user and their token version, so an admin reset in between ends it.
    challenges: {
      async issue(user) {
        const { SignJWT } = await jose();
        return sign(
          keys,
          new SignJWT({ tv: user.tokenVersion ?? 0 })
            .setSubject(user.id)
            .setIssuer(LOCAL_ISSUER)
            .setAudience(CHALLENGE_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('5m'),
        );
      },
      async verify(session, user) {
        try {
          const { payload } = await verifyWithKeys(keys, session, {
            audience: CHALLENGE_AUDIENCE,
            required: ['sub', 'exp'],
          });
          if (payload.sub !== user.id || payload.tv !== (user.tokenVersion ?? 0)) throw new Error('other user');
        } catch (err) {
          throw new UnauthorizedError('登录已失效，请重新登录', [], { cause: err });
        }
      },
    },
    issuer: {
      async issue(user) {
        const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
        const { SignJWT } = await jose();
        const token = await sign(
          keys,
          new SignJWT({ username: user.username, tv: user.tokenVersion ?? 0 })
            .setSubject(user.id)
            .setIssuer(LOCAL_ISSUER)
            .setAudience(LOCAL_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime(exp),
        );
        return { token, expiresAt: new Date(exp * 1000).toISOString() };
      },
    },
    verifier: {
      async verify(token) {
        try {
          const { payload } = await verifyWithKeys(keys, token, {
            audience: LOCAL_AUDIENCE,
            required: ['sub', 'exp', 'iat'],
          });
          // Tokens issued before token versions existed carry none: they belong to version 0.
          const tv = payload.tv ?? 0;
          if (!Number.isInteger(tv)) throw new Error('bad token version');
          return { userId: payload.sub as string, tokenVersion: tv as number };
        } catch (err) {
          throw new UnauthorizedError('登录已失效，请重新登录', [], { cause: err });
        }
      },
    },
  };
}
