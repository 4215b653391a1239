import { ConflictError } from '../../errors';
import type { User } from '../../model';
import type { Deps } from '../../ports';
import type { IdentityPool } from '../../ports-identity';
import { validAfter } from './password-policy';

/**
 * Users in the pool and in the table, kept in step (Cognito mode). Neither store can join the other's
 * transaction, so each flow writes one side first and undoes it when the second fails: no user is ever
 * left half-made.
 */

/** A temporary password the pool's policy accepts (12+, upper, lower, digit, symbol), from a random id. */
export function temporaryPassword(deps: Deps): string {
  return `Jx-${deps.ids.newId().replace(/-/g, '').slice(0, 12)}A7`;
}

/** Create: the pool user first (its `sub` links the two), then the record; the pool user is deleted if that fails. */
export async function createPoolUser(
  deps: Deps,
  pool: IdentityPool,
  user: User,
  password: string,
  writeRecord: (linked: User) => Promise<void>,
): Promise<void> {
  const { sub } = await pool.createUser({ username: user.username, name: user.name, temporaryPassword: password });
  try {
    await writeRecord({ ...user, externalSub: sub, mustChangePassword: true });
  } catch (err) {
    await pool.deleteUser(user.username).catch((cause) =>
      deps.logger.error('pool user left without a record: delete it by hand', {
        username: user.username,
        error: String(cause),
      }),
    );
    throw err;
  }
}

/**
 * Change: the record first (on its expected version; a disable or reset also sets `tokensValidAfter`,
 * which the platform enforces on every request whatever the pool does), then the pool. When the pool
 * refuses, the record is written back as it was.
 */
export async function updatePoolUser(
  deps: Deps,
  pool: IdentityPool,
  change: { before: User; after: User; expected: number; password?: string },
): Promise<User> {
  const { before, after, password } = change;
  const disabling = Boolean(after.disabled) && !before.disabled;
  const enabling = !after.disabled && Boolean(before.disabled);
  const ending = disabling || password !== undefined;
  const written: User = {
    ...after,
    ...(ending ? { tokensValidAfter: validAfter(deps.clock.now()) } : {}),
    // The platform, not only the pool, holds the user to choosing a new password.
    ...(password !== undefined || before.mustChangePassword ? { mustChangePassword: true } : {}),
  };
  await deps.orgAdmin.updateUser(written, change.expected);
  try {
    if (password !== undefined) await pool.setPassword(before.username, password, false);
    if (disabling || enabling) await pool.setEnabled(before.username, enabling);
  } catch (err) {
    const restored: User = { ...before, version: (written.version ?? 0) + 1, updatedAt: deps.clock.now() };
    await deps.orgAdmin.updateUser(restored, written.version ?? 0);
    throw err;
  }
  // Refresh tokens end at the pool too where it can; the platform's own check does not depend on it.
  if (ending)
    await pool
      .signOutEverywhere(before.username)
      .catch((err) =>
        deps.logger.warn('global sign-out refused by the pool', { username: before.username, error: String(err) }),
      );
  return written;
}

/** Seeded users (the demo organisation) also in the pool, with `password` as a permanent password, linked by `sub`. */
export async function seedUsersInPool(deps: Deps, users: { username: string }[], password: string) {
  const pool = deps.pool;
  if (!pool) return;
  for (const { username } of users) {
    const user = await deps.users.getByUsername(username);
    if (!user || user.externalSub) continue;
    try {
      const { sub } = await pool.createUser({ username, name: user.name, temporaryPassword: password });
      await pool.setPassword(username, password, true);
      await deps.users.update({ ...user, externalSub: sub });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
}
