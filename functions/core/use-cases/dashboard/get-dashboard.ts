import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { listTasks } from '../review/list-tasks';
import { seesAll } from '../support/access';
import { countContributions, ownKey, toStatusCounts } from './status-counts';

/**
 * 工作台: counts of the caller's visible submissions by status and the nearest deadlines. The counts come
 * from counters the submission transactions keep (one BatchGetItem), never from reading submissions: a unit
 * that sees every form counts every submitted one plus its own never-submitted drafts (as 填报查询 lists them),
 * any other unit what it may list (its own and those granted to it).
 */
export async function getDashboard(deps: Deps, input: { actor: Actor }) {
  const { actor } = input;
  // One round trip: the `all` shards are read beside the unit's (a few small items) while the unit is loaded.
  const [unit, read, tasks] = await Promise.all([
    deps.org.getUnit(actor.unitId),
    deps.counts.read(actor.unitId, true),
    listTasks(deps, { actor, status: 'open', page: { limit: 100 } }),
  ]);
  const whole = seesAll(actor, unit);
  let counts = toStatusCounts(read.unit);
  if (whole) {
    const all = toStatusCounts(read.all);
    const own = toStatusCounts(read.unit, ownKey(''));
    counts = Object.fromEntries(Object.entries(all).map(([s, n]) => [s, n + own[s as keyof typeof own]])) as typeof all;
  }
  return {
    counts,
    openTasks: tasks.items.length,
    upcoming: tasks.items
      .filter((t) => t.dueAt)
      .slice(0, 10)
      .map((t) => ({
        submissionId: t.submissionId,
        title: t.title,
        stepName: t.stepName,
        dueAt: t.dueAt,
        overdue: t.overdue,
      })),
  };
}

/** Rebuilds the 工作台 counters from the submissions (existing data, repairs): idempotent. */
export async function rebuildStatusCounts(deps: Deps) {
  const units = await deps.org.listUnits();
  return deps.counts.rebuild(
    units.map((u) => u.id),
    countContributions,
  );
}

/** Backfills the counters once on a table that never had them (data written before they existed). */
export async function ensureStatusCounts(deps: Deps): Promise<boolean> {
  if (await deps.counts.rebuiltAt()) return false;
  await rebuildStatusCounts(deps);
  return true;
}
