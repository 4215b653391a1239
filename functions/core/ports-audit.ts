import type { User } from './model';

/** What an administrator did to another user's account that the account's history must keep. */
export interface UserAuditEvent {
  id: string;
  userId: string;
  type: 'totpReset';
  /** Who did it, with the name as it was then. */
  actorId: string;
  actorName: string;
  at: string;
}

/** Account changes written together with their audit event (one transaction: never one without the other). */
export interface UserAuditRepository {
  /** Writes `user` on its expected version (ConflictError otherwise) and `event`. */
  updateUserWithEvent(user: User, expectedVersion: number, event: UserAuditEvent): Promise<void>;
  /** The account's newest audit events, at most `limit` (one read), newest first. */
  listEvents(userId: string, limit: number): Promise<UserAuditEvent[]>;
}
