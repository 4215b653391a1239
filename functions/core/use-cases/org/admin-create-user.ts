import { ValidationError } from '../../errors';
import type { Actor, Role, User } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { createPoolUser, temporaryPassword } from '../identity/pool-users';
import { checkEmail } from '../notifications/mail-preferences';
import { idempotencyRecord } from '../review/transition';
import { requireRole } from '../support/access';

const ROLES: Role[] = ['filler', 'leader', 'reviewer', 'admin'];

export interface NewUserInput {
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
  password?: string;
  /** A password the user must replace at first sign-in (always so in Cognito mode). */
  temporaryPassword?: string;
  externalSub?: string;
  email?: string;
}

/** Create a user (admin): unique username, an existing unit, known roles, a password of 8+ characters. */
export async function createUser(
  deps: Deps,
  input: { actor: Actor; user: NewUserInput; idem?: IdempotencyRequest },
): Promise<{ id: string; temporaryPassword?: string }> {
  requireRole(input.actor, 'admin');
  const u = input.user;
  const errors: { path: string; message: string }[] = [];
  if (!/^[a-z][a-z0-9_.-]{1,31}$/.test(u.username))
    errors.push({ path: '/username', message: '用户名为2–32位小写字母、数字或 _ . -，以字母开头' });
  if (!u.name?.trim() || u.name.length > 50 || /[<>]/.test(u.name))
    errors.push({ path: '/name', message: '姓名必填，不超过50字' });
  if (!Array.isArray(u.roles) || u.roles.length === 0 || u.roles.some((r) => !ROLES.includes(r))) {
    errors.push({ path: '/roles', message: '角色必须是 filler、leader、reviewer、admin 中的一个或多个' });
  }
  if (u.password !== undefined && (u.password.length < 8 || u.password.length > 128)) {
    errors.push({ path: '/password', message: '密码长度应为8–128位' });
  }
  checkEmail(u.email, errors);
  if (u.temporaryPassword !== undefined && (u.temporaryPassword.length < 8 || u.temporaryPassword.length > 128)) {
    errors.push({ path: '/temporaryPassword', message: '临时密码长度应为8–128位' });
  }
  if (!(await deps.org.getUnit(u.unitId))) errors.push({ path: '/unitId', message: '单位不存在' });
  if (errors.length) throw new ValidationError('用户信息不正确', errors);
  const user: User = {
    id: deps.ids.newId(),
    username: u.username,
    name: u.name.trim(),
    unitId: u.unitId,
    roles: [...new Set(u.roles)],
    ...(u.externalSub ? { externalSub: u.externalSub } : {}),
    ...(u.email ? { email: u.email } : {}),
    createdAt: deps.clock.now(),
  };
  const result = { id: user.id };
  const idem = idempotencyRecord(input.actor, input.idem, result);
  if (deps.pool) {
    // The pool holds the password; every admin-set one is temporary there.
    const password = u.temporaryPassword ?? u.password ?? temporaryPassword(deps);
    await createPoolUser(deps, deps.pool, user, password, (linked) => deps.users.create(linked, idem));
    return (u.temporaryPassword ?? u.password) ? result : { ...result, temporaryPassword: password };
  }
  const password = u.temporaryPassword ?? u.password;
  await deps.users.create(
    {
      ...user,
      ...(password ? { passwordHash: await deps.passwords.hash(password) } : {}),
      ...(u.temporaryPassword ? { mustChangePassword: true } : {}),
    },
    idem,
  );
  return result;
}
