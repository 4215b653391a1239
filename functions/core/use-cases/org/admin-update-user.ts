import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, Role, User } from '../../model';
import type { Deps } from '../../ports';
import { updatePoolUser } from '../identity/pool-users';
import { checkEmail, withEmail } from '../notifications/mail-preferences';
import { requireRole } from '../support/access';

const ROLES: Role[] = ['filler', 'leader', 'reviewer', 'admin'];

export interface UserChanges {
  name?: string;
  unitId?: string;
  roles?: Role[];
  disabled?: boolean;
  /** A new password (reset by the admin). */
  password?: string;
  /** A reset the user must replace at the next sign-in (what `password` means in Cognito mode). */
  temporaryPassword?: string;
  version?: number;
  /** Where email notifications go ('' removes the address). */
  email?: string;
}

/** A user as the admin pages show it: never the password hash. */
export function presentableUser(u: User) {
  const { passwordHash: _p, tokenVersion: _t, tokensValidAfter: _v, mustChangePassword: _m, ...rest } = u;
  const { totpSecret, totpPending: _tp, totpLastStep: _tl, ...shown } = rest;
  return { ...shown, version: u.version ?? 0, disabled: Boolean(u.disabled), totp: Boolean(totpSecret) };
}

/**
 * Change a user (admin): name, unit, roles, disabled, password reset. Users are disabled, never
 * deleted: a disabled user cannot sign in and their tokens answer 401, while the history events they
 * wrote keep their name (events carry the actor's name as it was).
 * 1. admin only  2. load (404)  3. version (409)  4. checks (no admin disables or demotes themselves)
 * 5. write on the expected version
 */
export async function updateUser(deps: Deps, input: { actor: Actor; id: string; changes: UserChanges }) {
  requireRole(input.actor, 'admin');
  const before = await deps.users.getById(input.id);
  if (!before) throw new NotFoundError('用户不存在');
  const current = before.version ?? 0;
  const c = input.changes;
  if (c.version !== undefined && c.version !== current) throw new ConflictError('用户信息已被他人修改，请刷新后重试');
  const errors: { path: string; message: string }[] = [];
  if (c.name !== undefined && (!c.name.trim() || [...c.name].length > 50 || /[<>]/.test(c.name)))
    errors.push({ path: '/name', message: '姓名必填，不超过50字' });
  if (c.roles !== undefined && (c.roles.length === 0 || c.roles.some((r) => !ROLES.includes(r)))) {
    errors.push({ path: '/roles', message: '角色必须是 filler、leader、reviewer、admin 中的一个或多个' });
  }
  if (c.password !== undefined && ([...c.password].length < 8 || c.password.length > 128))
    errors.push({ path: '/password', message: '密码长度应为8–128位' });
  if (c.temporaryPassword !== undefined && ([...c.temporaryPassword].length < 8 || c.temporaryPassword.length > 128))
    errors.push({ path: '/temporaryPassword', message: '临时密码长度应为8–128位' });
  if (c.unitId !== undefined && c.unitId !== before.unitId) {
    const unit = await deps.org.getUnit(c.unitId);
    if (!unit) errors.push({ path: '/unitId', message: '单位不存在' });
    else if (unit.disabled) errors.push({ path: '/unitId', message: '单位已停用' });
  }
  if (before.id === input.actor.id) {
    if (c.disabled) errors.push({ path: '/disabled', message: '不能停用自己的账号' });
    if (c.roles !== undefined && !c.roles.includes('admin'))
      errors.push({ path: '/roles', message: '不能取消自己的管理员角色' });
  }
  checkEmail(c.email, errors);
  if (errors.length) throw new ValidationError('用户信息不正确', errors);
  const { disabled: _d, mustChangePassword: _m, ...rest } = withEmail(before, c.email);
  const reset = c.temporaryPassword ?? c.password;
  const base: User = {
    ...rest,
    ...(c.name !== undefined ? { name: c.name.trim() } : {}),
    ...(c.unitId !== undefined ? { unitId: c.unitId } : {}),
    ...(c.roles !== undefined ? { roles: [...new Set(c.roles)] } : {}),
    ...((c.disabled ?? before.disabled) ? { disabled: true } : {}),
    version: current + 1,
    updatedAt: deps.clock.now(),
  };
  if (deps.pool) {
    const written = await updatePoolUser(deps, deps.pool, { before, after: base, expected: current, password: reset });
    return presentableUser(written);
  }
  const user: User = {
    ...base,
    ...(reset !== undefined ? { passwordHash: await deps.passwords.hash(reset) } : {}),
    ...(c.temporaryPassword !== undefined || (c.password === undefined && before.mustChangePassword)
      ? { mustChangePassword: true }
      : {}),
    // A reset password or a disabled account ends the tokens already handed out.
    ...(reset !== undefined || (c.disabled && !before.disabled)
      ? { tokenVersion: (before.tokenVersion ?? 0) + 1 }
      : {}),
  };
  await deps.orgAdmin.updateUser(user, current);
  return presentableUser(user);
}
