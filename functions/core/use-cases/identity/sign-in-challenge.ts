import { UnauthorizedError, ValidationError } from '../../errors';
import type { User } from '../../model';
import type { Deps } from '../../ports';
import type { SignInStep } from '../../ports-identity';
import { throttledLogin } from './login-throttle';
import { passwordProblems } from './password-policy';
import { resolveActor, toActor } from './sign-in';

const GENERIC = '用户名或密码错误';
const EXPIRED = '登录已失效，请重新登录';

export type SignInAnswer =
  | { token: string; expiresAt: string; user: ReturnType<typeof toActor>; refreshToken?: string }
  | { challenge: 'NEW_PASSWORD_REQUIRED'; session: string }
  | { challenge: 'TOTP_REQUIRED' };

/**
 * Sign-in through the user pool (Cognito mode), under the same throttle as local sign-in. The pool
 * checks the password; the app's user record still decides: a disabled or unknown record gets the same
 * generic 401 even where the pool (or an emulator) would let the user in.
 */
export async function poolSignIn(
  deps: Deps,
  input: { username: string; password: string; address: string },
): Promise<SignInAnswer> {
  const pool = deps.pool;
  if (!pool) throw new UnauthorizedError(GENERIC);
  return throttledLogin(deps, input, async () => {
    const user = await deps.users.getByUsername(input.username);
    await waitUntilValid(deps, user);
    const step = await pool.signIn(input.username, input.password);
    return admitted(deps, user, step);
  });
}

/** The new password of a NEW_PASSWORD_REQUIRED challenge, in either identity mode. */
export async function answerChallenge(
  deps: Deps,
  input: { username: string; session: string; newPassword: string; address: string },
): Promise<SignInAnswer> {
  const problems = passwordProblems(input.newPassword, input.username);
  if (problems.length) throw new ValidationError('新密码不符合要求', problems);
  return throttledLogin(deps, input, async () => {
    const user = await deps.users.getByUsername(input.username);
    if (deps.pool) {
      await waitUntilValid(deps, user);
      const answer = await admitted(deps, user, await deps.pool.answerNewPassword(input), true);
      if (user?.mustChangePassword) {
        const { mustChangePassword: _m, ...rest } = user;
        const current = user.version ?? 0;
        await deps.orgAdmin.updateUser({ ...rest, version: current + 1, updatedAt: deps.clock.now() }, current);
      }
      return answer;
    }
    const { challenges, tokens } = deps;
    if (!user?.passwordHash || user.disabled || !user.mustChangePassword || !challenges || !tokens)
      throw new UnauthorizedError(EXPIRED);
    await challenges.verify(input.session, user);
    if (await deps.passwords.verify(input.newPassword, user.passwordHash))
      throw new ValidationError('新密码不符合要求', [{ path: '/newPassword', message: '新密码不能与临时密码相同' }]);
    const current = user.version ?? 0;
    const { mustChangePassword: _m, ...rest } = user;
    const changed: User = {
      ...rest,
      passwordHash: await deps.passwords.hash(input.newPassword),
      version: current + 1,
      updatedAt: deps.clock.now(),
    };
    await deps.orgAdmin.updateUser(changed, current);
    const { token, expiresAt } = await tokens.issue(changed);
    return { token, expiresAt, user: toActor(changed) };
  });
}

/** A new ID token for the refresh token of the pool; the user record is checked as on every request. */
export async function refreshSession(deps: Deps, refreshToken: string) {
  if (!deps.pool || !refreshToken) throw new UnauthorizedError(EXPIRED);
  const { idToken, expiresInSeconds } = await deps.pool.refresh(refreshToken);
  const user = await resolveActor(deps, idToken);
  return { token: idToken, expiresAt: expiresAt(deps, expiresInSeconds), user };
}

/** Sign-out: the refresh token is revoked at the pool (local tokens simply expire). */
export async function signOut(deps: Deps, refreshToken: string | undefined) {
  if (deps.pool && refreshToken) await deps.pool.revoke(refreshToken);
}

function expiresAt(deps: Deps, seconds: number) {
  return new Date(Date.parse(deps.clock.now()) + seconds * 1000).toISOString();
}

async function admitted(deps: Deps, user: User | null, step: SignInStep, changed = false): Promise<SignInAnswer> {
  // A reset the pool forgot (the emulator keeps the old password usable) is still a reset here.
  const stale = step.kind === 'tokens' && user?.mustChangePassword && !changed;
  if (!user || user.disabled || stale) {
    if (step.kind === 'tokens' && step.refreshToken) await deps.pool?.revoke(step.refreshToken).catch(() => {});
    throw new UnauthorizedError(GENERIC);
  }
  if (step.kind === 'challenge') return { challenge: 'NEW_PASSWORD_REQUIRED', session: step.session };
  return {
    token: step.idToken,
    expiresAt: expiresAt(deps, step.expiresInSeconds),
    user: toActor(user),
    ...(step.refreshToken ? { refreshToken: step.refreshToken } : {}),
  };
}

/**
 * Tokens count from the whole second after a reset or disable (`tokensValidAfter`); a sign-in in that
 * same second waits for it, so the new session is never refused as an old one.
 */
async function waitUntilValid(deps: Deps, user: User | null) {
  const after = user?.tokensValidAfter;
  if (!after) return;
  const wait = after * 1000 - Date.parse(deps.clock.now());
  if (wait > 0 && wait <= 1500) await new Promise((ok) => setTimeout(ok, wait));
}
