import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { UnauthorizedError } from '../../core/errors';
import type { IdentityVerifier } from '../../core/ports';

export interface CognitoVerifierConfig {
  userPoolId: string;
  clientId: string;
  /**
   * Another issuer than the region's pool URL, with its keys given here rather than fetched: the local
   * emulator's issuer is plain http, whose JWKS aws-jwt-verify (rightly) refuses to download.
   */
  issuer?: string;
  jwks?: Jwks;
}

/**
 * Cloud mode: Cognito ID tokens verified with aws-jwt-verify (RS256, iss/aud/exp/token_use checked;
 * JWKS of the pool). The app's user record is found by the username claim and must carry the same `sub`;
 * `auth_time` lets the platform end sessions begun before a reset or disable.
 */
export function createCognitoVerifier(config: CognitoVerifierConfig): IdentityVerifier {
  // aws-jwt-verify loads on the first token (shipped beside the Lambda bundle, like jose): the local identity
  // never needs it.
  let verifying: Promise<(token: string) => Promise<JwtPayload>> | undefined;
  return {
    async verify(token) {
      verifying ??= buildVerify(config);
      const verify = await verifying;
      try {
        const payload = await verify(token);
        const authTime = Number(payload.auth_time ?? payload.iat);
        return {
          externalSub: String(payload.sub),
          username: String(payload['cognito:username'] ?? payload.sub),
          authTime: Number.isFinite(authTime) ? authTime : 0,
        };
      } catch (err) {
        throw new UnauthorizedError('登录已失效，请重新登录', [], { cause: err });
      }
    },
  };
}

async function buildVerify(config: CognitoVerifierConfig): Promise<(token: string) => Promise<JwtPayload>> {
  const { CognitoJwtVerifier, JwtRsaVerifier } = await import('aws-jwt-verify');
  if (config.issuer) {
    const verifier = JwtRsaVerifier.create({
      issuer: config.issuer,
      audience: config.clientId,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id') throw new Error('not an ID token');
      },
    });
    if (config.jwks) verifier.cacheJwks(config.jwks);
    return (token) => verifier.verify(token);
  }
  const verifier = CognitoJwtVerifier.create({
    userPoolId: config.userPoolId,
    clientId: config.clientId,
    tokenUse: 'id',
  });
  return (token) => verifier.verify(token);
}
