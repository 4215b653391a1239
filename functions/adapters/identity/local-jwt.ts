import { UnauthorizedError } from '../../core/errors';
import type { IdentityVerifier, TokenIssuer } from '../../core/ports';
import type { ChallengeSessions } from '../../core/ports-identity';

export const LOCAL_ISSUER = 'jixiao-local';
export const LOCAL_AUDIENCE = 'jixiao';
const ALG = 'HS256';
const CHALLENGE_AUDIENCE = 'jixiao-new-password';

/** jose loads on first use: in Cognito mode (the usual cloud shape) the Lambda never parses it. */
const jose = () => import('jose');

/** Local mode tokens: HS256 pinned, exp/iss/aud checked, one generic 401 for every failure. */
export function createLocalJwt(
  secret: Uint8Array,
  ttlSeconds = 8 * 3600,
): { issuer: TokenIssuer; verifier: IdentityVerifier; challenges: ChallengeSessions } {
  if (secret.length < 32)
    throw new Error('JWT_SECRET must be set to at least 32 bytes in local auth mode (AUTH_MODE=local)');
  return {
    // The NEW_PASSWORD_REQUIRED session: 5 minutes, its own audience (never a bearer token), bound to the
    // user and their token version, so an admin reset in between ends it.
    challenges: {
      async issue(user) {
        const { SignJWT } = await jose();
        return new SignJWT({ tv: user.tokenVersion ?? 0 })
          .setProtectedHeader({ alg: ALG, typ: 'JWT' })
          .setSubject(user.id)
          .setIssuer(LOCAL_ISSUER)
          .setAudience(CHALLENGE_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(secret);
      },
      async verify(session, user) {
        try {
          const { payload } = await (await jose()).jwtVerify(session, secret, {
            algorithms: [ALG],
            issuer: LOCAL_ISSUER,
            audience: CHALLENGE_AUDIENCE,
            requiredClaims: ['sub', 'exp'],
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
          const { payload } = await (await jose()).jwtVerify(token, secret, {
            algorithms: [ALG],
            issuer: LOCAL_ISSUER,
            audience: LOCAL_AUDIENCE,
            requiredClaims: ['sub', 'exp', 'iat'],
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
