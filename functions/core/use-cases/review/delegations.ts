import { ConflictError, coded, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, User } from '../../model';
import type { Deps } from '../../ports';
import type { Delegation } from '../../ports-verbs';
import { activeUsersByUnit } from '../notifications/notify-units';
import { realDate, todayInShanghai } from '../support/campaign-rules';

/** A delegation covers at most about a quarter: longer absences are a change of role, made by an admin. */
export const MAX_DELEGATION_DAYS = 92;
const DAY_MS = 86_400_000;

/** The window of a delegation on the server clock: from startsOn 00:00 to the end of endsOn, Asia/Shanghai. */
export function delegationWindow(startsOn: string, endsOn: string): { startsAt: string; endsAt: string } {
  const startsAt = new Date(`${startsOn}T00:00:00.000+08:00`).toISOString();
  const endsAt = new Date(Date.parse(`${endsOn}T00:00:00.000+08:00`) + DAY_MS).toISOString();
  return { startsAt, endsAt };
}

export type DelegationState = 'upcoming' | 'active' | 'ended' | 'expired';

export function delegationState(d: Delegation, now: string): DelegationState {
  if (d.endedAt && d.endedAt <= now) return 'ended';
  if (now >= d.endsAt) return 'expired';
  return now < d.startsAt ? 'upcoming' : 'active';
}

const invalid = (message: string, path: string, code: string) =>
  coded(new ValidationError(message, [{ path, message }]), code);

/**
 * Names a deputy of the same unit for a date range. Only people whose role review steps need (a unit's
 * 负责人, a section's reviewer) delegate; the deputy is an active user of the same unit, not oneself.
 */
export async function createDelegation(
  deps: Deps,
  input: { actor: Actor; deputyId: string; startsOn: string; endsOn: string; reason?: string },
): Promise<Delegation> {
  const { actor } = input;
  const roles = delegatingRoles(actor);
  if (roles.length === 0) {
    throw coded(new ForbiddenError('只有负责人或审核人可以委托他人代办'), 'DELEGATION_NOT_ALLOWED');
  }
  const startsOn = realDate(input.startsOn);
  const endsOn = realDate(input.endsOn);
  if (!startsOn) throw invalid('开始日期不正确', '/startsOn', 'DELEGATION_DATE_INVALID');
  if (!endsOn) throw invalid('结束日期不正确', '/endsOn', 'DELEGATION_DATE_INVALID');
  const now = deps.clock.now();
  if (endsOn < startsOn) throw invalid('结束日期不能早于开始日期', '/endsOn', 'DELEGATION_DATE_INVALID');
  if (endsOn < todayInShanghai(now)) throw invalid('结束日期已经过去', '/endsOn', 'DELEGATION_DATE_INVALID');
  const window = delegationWindow(startsOn, endsOn);
  if ((Date.parse(window.endsAt) - Date.parse(window.startsAt)) / DAY_MS > MAX_DELEGATION_DAYS) {
    throw invalid(`委托期限最长 ${MAX_DELEGATION_DAYS} 天`, '/endsOn', 'DELEGATION_DATE_INVALID');
  }
  const deputy = input.deputyId === actor.id ? null : await deps.users.getById(input.deputyId);
  if (!deputy || deputy.disabled || deputy.unitId !== actor.unitId) {
    throw invalid('代办人须是本单位的其他在用账号', '/deputyId', 'DELEGATION_DEPUTY_INVALID');
  }
  const delegation: Delegation = {
    id: deps.ids.newId(),
    principalId: actor.id,
    principalName: actor.name,
    principalRoles: roles,
    deputyId: deputy.id,
    deputyName: deputy.name,
    unitId: actor.unitId,
    startsOn,
    endsOn,
    ...window,
    ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
    createdAt: now,
  };
  await deps.verbs.createDelegation(delegation);
  return delegation;
}

const delegatingRoles = (actor: Actor) => actor.roles.filter((r) => r === 'leader' || r === 'reviewer');

/**
 * Delegations the caller made and those naming the caller as deputy (current and upcoming), with their state;
 * for someone who may delegate, the people they may name (the other active users of their unit).
 */
export async function listDelegations(deps: Deps, input: { actor: Actor }) {
  const { actor } = input;
  const now = deps.clock.now();
  const canDelegate = delegatingRoles(actor).length > 0;
  const [given, received, byUnit] = await Promise.all([
    deps.verbs.listDelegationsBy(actor.id),
    deps.verbs.listDelegationsTo(actor.id, now),
    canDelegate ? activeUsersByUnit(deps) : Promise.resolve(new Map<string, User[]>()),
  ]);
  const withState = (d: Delegation) => ({ ...d, state: delegationState(d, now) });
  const deputies = (byUnit.get(actor.unitId) ?? [])
    .filter((u) => u.id !== actor.id)
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return { given: given.map(withState), received: received.map(withState), now, canDelegate, deputies };
}

/** Ends a delegation early (its principal only; anyone else gets 404). */
export async function endDelegation(deps: Deps, input: { actor: Actor; id: string }): Promise<Delegation> {
  const d = await deps.verbs.getDelegation(input.id);
  if (!d || d.principalId !== input.actor.id) {
    throw coded(new NotFoundError('委托不存在'), 'DELEGATION_NOT_FOUND');
  }
  const now = deps.clock.now();
  if (
    delegationState(d, now) === 'ended' ||
    delegationState(d, now) === 'expired' ||
    !(await deps.verbs.endDelegation(d.id, now))
  ) {
    throw coded(new ConflictError('该委托已经结束'), 'DELEGATION_ENDED');
  }
  return { ...d, endedAt: now };
}

/**
 * The actor with the people they stand in for right now (windows on the server clock). The principal must
 * still be an active user of the deputy's unit; the roles acted as are those the principal holds today.
 */
export async function withStandIns(deps: Deps, actor: Actor): Promise<Actor> {
  const now = deps.clock.now();
  const active = (await deps.verbs.listDelegationsTo(actor.id, now)).filter(
    (d) => delegationState(d, now) === 'active' && d.unitId === actor.unitId,
  );
  if (active.length === 0) return actor;
  const principals = await Promise.all(active.map((d) => deps.users.getById(d.principalId)));
  const standsInFor = principals
    .filter((p): p is User => Boolean(p && !p.disabled && p.unitId === actor.unitId))
    .map((p) => ({ id: p.id, name: p.name, roles: p.roles.filter((r) => r === 'leader' || r === 'reviewer') }));
  return standsInFor.length ? { ...actor, standsInFor } : actor;
}
