import { jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError } from '../../core/errors';
import type { IdentityVerifier, TokenIssuer } from '../../core/ports';

export const LOCAL_ISSUER = 'jixiao-local';
export const LOCAL_AUDIENCE = 'jixiao';
const ALG = 'HS256';

/** Local mode tokens: HS256 pinned, exp/iss/aud checked, one generic 401 for every failure. */
export function createLocalJwt(
  secret: Uint8Array,
  ttlSeconds = 8 * 3600,
): { issuer: TokenIssuer; verifier: IdentityVerifier } {
  if (secret.length < 32)
    throw new Error('JWT_SECRET must be set to at least 32 bytes in local auth mode (AUTH_MODE=local)');
  return {
    issuer: {
      async issue(user) {
        const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
        const token = await new SignJWT({ username: user.username, tv: user.tokenVersion ?? 0 })
          .setProtectedHeader({ alg: ALG, typ: 'JWT' })
          .setSubject(user.id)
          .setIssuer(LOCAL_ISSUER)
          .setAudience(LOCAL_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime(exp)
          .sign(secret);
        return { token, expiresAt: new Date(exp * 1000).toISOString() };
      },
    },
    verifier: {
      async verify(token) {
        try {
          const { payload } = await jwtVerify(token, secret, {
            algorithms: [ALG],
            issuer: LOCAL_ISSUER,
            audience: LOCAL_AUDIENCE,
            requiredClaims: ['sub', 'exp', 'iat'],
          });
          // Tokens issued before token versions existed carry none: they belong to version 0.
          const tv = payload.tv ?? 0;
          if (!Number.isInteger(tv)) throw new Error('bad token version');
          return { userId: payload.sub as string, tokenVersion: tv as number };
        } catch {
          throw new UnauthorizedError('登录已失效，请重新登录');
        }
      },
    },
  };
}
