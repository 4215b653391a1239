import type { User } from './model';

/** What a sign-in step answers: tokens, or the demand for a new password (first sign-in, after a reset). */
export type SignInStep =
  | { kind: 'tokens'; idToken: string; refreshToken?: string; expiresInSeconds: number }
  | { kind: 'challenge'; session: string };

/**
 * A managed user pool (Cognito): sign-in, first-login password change, refresh and revocation, and
 * the admin operations that keep the pool in step with the app's user records. Every bad credential
 * is an UnauthorizedError; a taken user name a ConflictError; a password the pool refuses a
 * ValidationError on `path`.
 */
export interface IdentityPool {
  signIn(username: string, password: string): Promise<SignInStep>;
  answerNewPassword(input: { username: string; session: string; newPassword: string }): Promise<SignInStep>;
  refresh(refreshToken: string): Promise<{ idToken: string; expiresInSeconds: number }>;
  revoke(refreshToken: string): Promise<void>;
  createUser(input: { username: string; name: string; temporaryPassword: string }): Promise<{ sub: string }>;
  deleteUser(username: string): Promise<void>;
  /** permanent: false makes the user choose a new password at the next sign-in. */
  setPassword(username: string, password: string, permanent: boolean): Promise<void>;
  setEnabled(username: string, enabled: boolean): Promise<void>;
  /** Ends the user's refresh tokens where the pool can (AdminUserGlobalSignOut). */
  signOutEverywhere(username: string): Promise<void>;
}

/** Local identity (own accounts in the table): short-lived proof that a password was right but must change. */
export interface ChallengeSessions {
  issue(user: User): Promise<string>;
  /** The user id the session was issued to, or an UnauthorizedError. */
  verify(session: string, user: User): Promise<void>;
}
