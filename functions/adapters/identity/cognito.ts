import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { UnauthorizedError } from '../../core/errors';
import type { IdentityVerifier } from '../../core/ports';

/**
 * Cloud mode: Cognito ID tokens verified with aws-jwt-verify (RS256 pinned by the library, JWKS of
 * the pool, iss/aud/exp/token_use checked). The app's user record is found by the username claim
 * and must carry the same `sub`.
 */
export function createCognitoVerifier(config: { userPoolId: string; clientId: string }): IdentityVerifier {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: config.userPoolId,
    clientId: config.clientId,
    tokenUse: 'id',
  });
  return {
    async verify(token) {
      try {
        const payload = await verifier.verify(token);
        return { externalSub: payload.sub, username: String(payload['cognito:username'] ?? payload.sub) };
      } catch {
        throw new UnauthorizedError('登录已失效，请重新登录');
      }
    },
  };
}
