import type {
  AuthenticationResultType,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  ConflictError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from '../../core/errors';
import type { IdentityPool, SignInStep } from '../../core/ports-identity';
import { CALL_TIMEOUTS } from '../aws-calls';

export interface CognitoPoolConfig {
  userPoolId: string;
  clientId: string;
  region?: string;
  /** Another endpoint than the region's (the local emulator in `npm run start:cloud-local`). */
  endpoint?: string;
  /** Extra SDK client settings (credentials, request handler). */
  sdk?: Partial<CognitoIdentityProviderClientConfig>;
}

const GENERIC = '用户名或密码错误';

/** Cognito errors by name -> the domain's errors; anything unknown is the pool being unavailable. */
function mapError(err: unknown, passwordPath?: string): Error {
  const name = (err as { name?: string })?.name ?? '';
  // At sign-in a refused password is a wrong one (the emulator answers InvalidPasswordException there).
  if (name === 'InvalidPasswordException' && !passwordPath) return new UnauthorizedError(GENERIC);
  switch (name) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
    case 'UserNotConfirmedException':
    case 'PasswordResetRequiredException':
    case 'CodeMismatchException':
    case 'ExpiredCodeException':
      return new UnauthorizedError(GENERIC);
    case 'UsernameExistsException':
      return new ConflictError('用户名已存在', [{ path: '/username', message: '用户名已存在' }]);
    case 'InvalidPasswordException':
      return new ValidationError('密码不符合要求', [
        { path: passwordPath ?? '/password', message: '密码不符合要求：至少12位，含大小写字母、数字和符号' },
      ]);
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return new RateLimitedError('尝试次数过多，请稍后再试', 60);
    default:
      return new UnavailableError('身份认证服务暂时不可用，请稍后再试', 2, { cause: err });
  }
}

/** The app's Cognito user pool client (USER_PASSWORD_AUTH, no client secret) and its admin operations. */
export function createCognitoPool(config: CognitoPoolConfig): IdentityPool {
  // The Cognito SDK loads with the first sign-in or admin call, not at a cold start.
  type Sdk = typeof import('@aws-sdk/client-cognito-identity-provider');
  let loaded: Promise<{ sdk: Sdk; client: CognitoIdentityProviderClient }> | undefined;
  const load = () => {
    loaded ??= import('@aws-sdk/client-cognito-identity-provider').then((sdk) => ({
      sdk,
      client: new sdk.CognitoIdentityProviderClient({
        region: config.region,
        requestHandler: { ...CALL_TIMEOUTS },
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        ...config.sdk,
      }),
    }));
    return loaded;
  };
  const { userPoolId: UserPoolId, clientId: ClientId } = config;
  const call = async <T>(
    run: (c: { sdk: Sdk; client: CognitoIdentityProviderClient }) => Promise<T>,
    passwordPath?: string,
  ): Promise<T> => {
    const c = await load();
    try {
      return await run(c);
    } catch (err) {
      throw mapError(err, passwordPath);
    }
  };
  const step = (r: {
    ChallengeName?: string;
    Session?: string;
    AuthenticationResult?: AuthenticationResultType;
  }): SignInStep => {
    if (r.ChallengeName === 'NEW_PASSWORD_REQUIRED' && r.Session) return { kind: 'challenge', session: r.Session };
    const a = r.AuthenticationResult;
    // Other challenges (MFA, a custom flow) are not configured on the app client.
    if (!a?.IdToken) throw new UnauthorizedError(GENERIC);
    return { kind: 'tokens', idToken: a.IdToken, refreshToken: a.RefreshToken, expiresInSeconds: a.ExpiresIn ?? 3600 };
  };
  return {
    async signIn(username, password) {
      const r = await call((c) =>
        c.client.send(
          new c.sdk.InitiateAuthCommand({
            ClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        ),
      );
      return step(r);
    },
    async answerNewPassword({ username, session, newPassword }) {
      const r = await call(
        (c) =>
          c.client.send(
            new c.sdk.RespondToAuthChallengeCommand({
              ClientId,
              ChallengeName: 'NEW_PASSWORD_REQUIRED',
              Session: session,
              ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
            }),
          ),
        '/newPassword',
      );
      return step(r);
    },
    async refresh(refreshToken) {
      const r = await call((c) =>
        c.client.send(
          new c.sdk.InitiateAuthCommand({
            ClientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        ),
      );
      const s = step(r);
      if (s.kind !== 'tokens') throw new UnauthorizedError(GENERIC);
      return { idToken: s.idToken, expiresInSeconds: s.expiresInSeconds };
    },
    async revoke(refreshToken) {
      await call((c) => c.client.send(new c.sdk.RevokeTokenCommand({ ClientId, Token: refreshToken })));
    },
    async createUser({ username, name, temporaryPassword }) {
      const r = await call(
        (c) =>
          c.client.send(
            new c.sdk.AdminCreateUserCommand({
              UserPoolId,
              Username: username,
              TemporaryPassword: temporaryPassword,
              // The admin hands the temporary password over; the pool sends no mail.
              MessageAction: 'SUPPRESS',
              UserAttributes: [{ Name: 'name', Value: name }],
            }),
          ),
        '/temporaryPassword',
      );
      const sub = r.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!sub) throw new UnavailableError('身份认证服务未返回用户标识');
      return { sub };
    },
    async deleteUser(username) {
      await call((c) => c.client.send(new c.sdk.AdminDeleteUserCommand({ UserPoolId, Username: username })));
    },
    async setPassword(username, password, permanent) {
      await call(
        (c) =>
          c.client.send(
            new c.sdk.AdminSetUserPasswordCommand({
              UserPoolId,
              Username: username,
              Password: password,
              Permanent: permanent,
            }),
          ),
        '/temporaryPassword',
      );
    },
    async setEnabled(username, enabled) {
      const input = { UserPoolId, Username: username };
      await call((c) =>
        enabled
          ? c.client.send(new c.sdk.AdminEnableUserCommand(input))
          : c.client.send(new c.sdk.AdminDisableUserCommand(input)),
      );
    },
    async signOutEverywhere(username) {
      await call((c) => c.client.send(new c.sdk.AdminUserGlobalSignOutCommand({ UserPoolId, Username: username })));
    },
  };
}
