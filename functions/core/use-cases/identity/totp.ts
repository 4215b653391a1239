import { ConflictError, UnauthorizedError, ValidationError } from '../../errors';
import type { Actor, User } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';

const WRONG = '动态验证码不正确或已使用，请输入验证器中的最新验证码';

/**
 * The optional second factor of administrators under the platform's own identity (the China regions; in Cognito
 * mode the pool has its own MFA). Enrolment hands out a secret once (otpauth:// URI and the text key); it becomes
 * active when the admin proves it with a code; from then on sign-in asks for the 动态验证码. A code is accepted
 * once: its time step is stored and a code of the same or an older step is refused (no replay in its window).
 */
export async function startTotpEnrolment(deps: Deps, actor: Actor): Promise<{ secret: string; uri: string }> {
  const { user, totp } = await ownRecord(deps, actor);
  if (user.totpSecret) throw new ConflictError('已开启动态验证码；如需更换，请先关闭');
  const { secret, uri } = totp.generate(user.username);
  await save(deps, user, { ...user, totpPending: secret });
  return { secret, uri };
}

/** What 个人设置 shows an administrator: whether this deployment offers the 动态验证码 and whether it is on. */
export async function totpStatus(deps: Deps, actor: Actor): Promise<{ available: boolean; enabled: boolean }> {
  requireRole(actor, 'admin');
  if (!deps.totp || deps.pool) return { available: false, enabled: false };
  const { user } = await ownRecord(deps, actor);
  return { available: true, enabled: Boolean(user.totpSecret) };
}

/** Turns the pending secret on once the admin types a code it produced. */
export async function confirmTotp(deps: Deps, actor: Actor, code: string): Promise<{ enabled: true }> {
  const { user, totp } = await ownRecord(deps, actor);
  if (!user.totpPending) throw new ConflictError('请先开始绑定动态验证码');
  const step = totp.match(user.totpPending, code, Date.parse(deps.clock.now()));
  if (step === null) throw new ValidationError('动态验证码不正确', [{ path: '/code', message: WRONG }]);
  const { totpPending, ...rest } = user;
  await save(deps, user, { ...rest, totpSecret: totpPending, totpLastStep: step });
  return { enabled: true };
}

/** Turns the second factor off; needs a current code, so a stolen session alone cannot remove it. */
export async function disableTotp(deps: Deps, actor: Actor, code: string): Promise<{ enabled: false }> {
  const { user, totp } = await ownRecord(deps, actor);
  if (!user.totpSecret) throw new ConflictError('未开启动态验证码');
  if (usableStep(deps, totp, user, code) === null)
    throw new ValidationError('动态验证码不正确', [{ path: '/code', message: WRONG }]);
  const { totpSecret: _s, totpLastStep: _l, ...rest } = user;
  await save(deps, user, rest);
  return { enabled: false };
}

/**
 * Sign-in step after the password (inside the sign-in throttle, so guessing codes is throttled as passwords
 * are): `required` when the user has a second factor and sent no code; a wrong or replayed code is a 401.
 */
export async function checkSignInCode(deps: Deps, user: User, code: string | undefined): Promise<'ok' | 'required'> {
  if (!user.totpSecret || !deps.totp) return 'ok';
  if (!code) return 'required';
  const step = usableStep(deps, deps.totp, user, code);
  if (step === null) throw new UnauthorizedError(WRONG);
  // Conditioned on the version read: of two sign-ins racing with one code, one wins.
  await save(deps, user, { ...user, totpLastStep: step }).catch(() => {
    throw new UnauthorizedError(WRONG);
  });
  return 'ok';
}

function usableStep(deps: Deps, totp: NonNullable<Deps['totp']>, user: User, code: string): number | null {
  const step = totp.match(user.totpSecret as string, code.trim(), Date.parse(deps.clock.now()));
  return step !== null && step > (user.totpLastStep ?? -1) ? step : null;
}

async function ownRecord(deps: Deps, actor: Actor) {
  requireRole(actor, 'admin');
  const totp = deps.totp;
  if (!totp || deps.pool) throw new ConflictError('当前部署的动态验证码由统一身份认证管理');
  const user = await deps.users.getById(actor.id);
  if (!user) throw new UnauthorizedError('登录已失效，请重新登录');
  return { user, totp };
}

async function save(deps: Deps, before: User, after: User) {
  const current = before.version ?? 0;
  await deps.orgAdmin.updateUser({ ...after, version: current + 1, updatedAt: deps.clock.now() }, current);
}
