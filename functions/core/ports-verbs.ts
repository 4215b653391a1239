import type { Notification } from './campaign-model';
import type { Role } from './model';

/**
 * Delegation while away: a user whose role a step needs (a unit's 负责人, a section's reviewer) names a
 * deputy of the same unit for a date range (Asia/Shanghai days); within it the deputy acts on those
 * steps and every such decision records "on behalf of".
 */
export interface Delegation {
  id: string;
  principalId: string;
  principalName: string;
  /** The principal's roles when the delegation was made (what the deputy may act as). */
  principalRoles: Role[];
  deputyId: string;
  deputyName: string;
  unitId: string;
  /** First and last day, YYYY-MM-DD (Asia/Shanghai). */
  startsOn: string;
  endsOn: string;
  /** The window on the server clock: startsOn 00:00 to the end of endsOn, Asia/Shanghai, as ISO instants. */
  startsAt: string;
  endsAt: string;
  reason?: string;
  createdAt: string;
  /** Ended early by the principal. */
  endedAt?: string;
}

export interface StepReminderKey {
  submissionId: string;
  round: number;
  stepId: string;
}

/** Storage of the approval verbs beyond decisions: 催办 guard items and delegations. */
export interface VerbsRepository {
  /**
   * 催办: records the reminder of one step and delivers its notifications in one transaction, only when the
   * step was not reminded after `remindedBefore`; otherwise writes nothing and answers the last reminder time.
   */
  remindStep(
    key: StepReminderKey,
    at: string,
    remindedBefore: string,
    notifications: Notification[],
  ): Promise<{ ok: true } | { ok: false; lastAt: string }>;
  createDelegation(d: Delegation): Promise<void>;
  getDelegation(id: string): Promise<Delegation | null>;
  /** Delegations a principal made, newest first (bounded). */
  listDelegationsBy(principalId: string): Promise<Delegation[]>;
  /** Delegations naming this deputy whose window ends after `endsAfter` (bounded). */
  listDelegationsTo(deputyId: string, endsAfter: string): Promise<Delegation[]>;
  /** Ends a delegation (once); false when it was already ended. */
  endDelegation(id: string, at: string): Promise<boolean>;
}
