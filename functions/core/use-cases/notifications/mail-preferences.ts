import { NotFoundError, ValidationError } from '../../errors';
import type { Actor, User } from '../../model';
import type { Deps } from '../../ports';
import { MAIL_PREFERENCES, type MailPreference } from '../../ports-mail';

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]{2,}$/;

/** An admin-entered address: '' clears it; otherwise a plain address of at most 254 characters. */
export function checkEmail(email: string | undefined, errors: { path: string; message: string }[]): void {
  if (email === undefined || email === '') return;
  if (email.length > 254 || !EMAIL.test(email)) errors.push({ path: '/email', message: '邮箱地址格式不正确' });
}

/** The `email` field of a user record after an admin edit ('' removes it). */
export function withEmail(user: User, email: string | undefined): User {
  if (email === undefined) return user;
  const { email: _old, ...rest } = user;
  return email ? { ...rest, email } : rest;
}

export function presentPreferences(u: User) {
  return { email: u.email ?? null, mailPreference: u.mailPreference ?? 'immediate', version: u.version ?? 0 };
}

/** The caller's own email settings. */
export async function getPreferences(deps: Deps, input: { actor: Actor }) {
  const user = await deps.users.getById(input.actor.id);
  if (!user) throw new NotFoundError('用户不存在');
  return presentPreferences(user);
}

/**
 * The caller changes how they get email: at once, in one daily digest, or not at all. The address itself
 * is kept by the administrator (the platform sends only to addresses the bureau entered).
 */
export async function updatePreferences(
  deps: Deps,
  input: { actor: Actor; mailPreference: MailPreference; version?: number },
) {
  if (!MAIL_PREFERENCES.includes(input.mailPreference))
    throw new ValidationError('邮件提醒方式不正确', [
      { path: '/mailPreference', message: '应为即时、每日汇总或不接收' },
    ]);
  const before = await deps.users.getById(input.actor.id);
  if (!before) throw new NotFoundError('用户不存在');
  const current = before.version ?? 0;
  const user: User = {
    ...before,
    mailPreference: input.mailPreference,
    version: current + 1,
    updatedAt: deps.clock.now(),
  };
  // Conditioned on the version read (or the one the page showed): a concurrent admin edit is not lost.
  await deps.orgAdmin.updateUser(user, input.version ?? current);
  return presentPreferences(user);
}
