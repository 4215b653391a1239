import { UnauthorizedError } from '../../errors';
import type { Actor, User } from '../../model';
import type { Deps } from '../../ports';
import { throttledLogin } from './login-throttle';
import { poolSignIn, type SignInAnswer } from './sign-in-challenge';
import { checkSignInCode } from './totp';

const GENERIC = '用户名或密码错误';

/**
 * Local sign-in: loads the user by name, checks the scrypt hash, issues a token, under the sign-in
 * throttle (per name and address, per address, per name; login-throttle.ts). `address` is the client's
 * address as the HTTP edge established it. The same generic message for every failure, so user names
 * cannot be probed.
 */
export async function signIn(
  deps: Deps,
  input: { username: string; password: string; address: string; totpCode?: string },
): Promise<SignInAnswer> {
  if (deps.pool) return poolSignIn(deps, input);
  const tokens = deps.tokens;
  if (!tokens) throw new UnauthorizedError('当前部署使用统一身份认证，请通过单点登录进入');
  return throttledLogin(
    deps,
    input,
    async (): Promise<SignInAnswer> => {
      const user = await checkPassword(deps, input);
      // An administrator's second factor: the 动态验证码 comes with the password (the page asks for it).
      if ((await checkSignInCode(deps, user, input.totpCode)) === 'required') return { challenge: 'TOTP_REQUIRED' };
      // An admin-set password: the user proves it, then chooses their own (POST /api/auth/challenge).
      if (user.mustChangePassword && deps.challenges)
        return { challenge: 'NEW_PASSWORD_REQUIRED', session: await deps.challenges.issue(user) };
      const { token, expiresAt } = await tokens.issue(user);
      return { token, expiresAt, user: toActor(user) };
    },
    (answer) => 'challenge' in answer && answer.challenge === 'TOTP_REQUIRED',
  );
}

async function checkPassword(deps: Deps, input: { username: string; password: string }): Promise<User> {
  const user = await deps.users.getByUsername(input.username);
  // The hash runs exactly once on every path (unknown, disabled, no password, wrong password), so the
  // answer time does not tell which accounts exist or are disabled.
  const matches = await deps.passwords.verify(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || user.disabled || !matches) throw new UnauthorizedError(GENERIC);
  return user;
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function toActor(user: User): Actor {
  return { id: user.id, username: user.username, name: user.name, unitId: user.unitId, roles: user.roles };
}

/** Token -> identity -> the user record, which alone says what the caller may do. */
export async function resolveActor(deps: Deps, token: string, alongside?: () => void): Promise<Actor> {
  const who = await deps.identity.verify(token);
  // Reads the request will need if the check passes start now, beside the user record's (they may share its round
  // trip); nothing read is used before the check has passed. They only save time: a failure there is not the
  // caller's, and the handler reads again what it needs.
  try {
    alongside?.();
  } catch {}
  let user: User | null = null;
  if (who.userId) user = await deps.users.getById(who.userId);
  else if (who.username) user = await deps.users.getByUsername(who.username);
  if (!user || user.disabled) throw new UnauthorizedError('登录已失效，请重新登录');
  // Nobody holds a session while a new password is due: not even one refreshed from before a reset.
  if (user.mustChangePassword) throw new UnauthorizedError('登录已失效，请重新登录');
  // A password reset or a disable ends every token issued before it.
  if (who.tokenVersion !== undefined && who.tokenVersion !== (user.tokenVersion ?? 0)) {
    throw new UnauthorizedError('登录已失效，请重新登录');
  }
  // Cognito tokens carry no token version: the sign-in they descend from must follow the last reset or disable.
  if (who.authTime !== undefined && user.tokensValidAfter && who.authTime < user.tokensValidAfter) {
    throw new UnauthorizedError('登录已失效，请重新登录');
  }
  if (who.externalSub && user.externalSub && user.externalSub !== who.externalSub) {
    throw new UnauthorizedError('登录已失效，请重新登录');
  }
  return toActor(user);
}
