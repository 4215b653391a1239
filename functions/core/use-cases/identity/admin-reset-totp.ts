import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Actor, User } from '../../model';
import type { Deps } from '../../ports';
import type { UserAuditEvent } from '../../ports-audit';
import { requireRole } from '../support/access';

/**
 * An administrator turns off another user's 动态验证码 (the phone with the authenticator was lost): the secret,
 * a pending enrolment and the last used step go, the user's earlier tokens end (token version, as a password
 * reset does), and an audit event keeps who did it and when — written in one transaction with the user.
 * 1. admin only  2. own identity only (a pool has its own MFA)  3. not oneself (个人设置, with a current code)
 * 4. load (404)  5. has a factor (409)  6. write on the version read (a lost race is a 409)
 */
export async function resetUserTotp(deps: Deps, input: { actor: Actor; id: string }) {
  const { actor, id } = input;
  requireRole(actor, 'admin');
  if (!deps.totp || deps.pool) throw new ConflictError('当前部署的动态验证码由统一身份认证管理');
  if (id === actor.id) throw new ForbiddenError('不能重置自己的动态验证码，请在个人设置中关闭');
  const before = await deps.users.getById(id);
  if (!before) throw new NotFoundError('用户不存在');
  if (!before.totpSecret && !before.totpPending) throw new ConflictError('该用户未开启动态验证码');
  const current = before.version ?? 0;
  const at = deps.clock.now();
  const { totpSecret: _s, totpPending: _p, totpLastStep: _l, ...rest } = before;
  const after: User = { ...rest, version: current + 1, updatedAt: at, tokenVersion: (before.tokenVersion ?? 0) + 1 };
  const event: UserAuditEvent = {
    id: deps.ids.newId(),
    userId: id,
    type: 'totpReset',
    actorId: actor.id,
    actorName: actor.name,
    at,
  };
  await deps.userAudit.updateUserWithEvent(after, current, event);
  deps.logger.info('totp reset by admin', { userId: id, actorId: actor.id, eventId: event.id });
  return { id, totp: false, version: after.version, event };
}

/** The newest account events the page shows (one read); an account collects few (each reset needs a new enrolment). */
const AUDIT_SHOWN = 100;

/**
 * What administrators did to a user's account (动态验证码 resets: who, when), newest first, for 用户与角色.
 * 1. admin only  2. the user exists (404)
 */
export async function listUserAudit(deps: Deps, input: { actor: Actor; id: string }) {
  requireRole(input.actor, 'admin');
  const [user, events] = await Promise.all([
    deps.users.getById(input.id),
    deps.userAudit.listEvents(input.id, AUDIT_SHOWN),
  ]);
  if (!user) throw new NotFoundError('用户不存在');
  return events;
}
