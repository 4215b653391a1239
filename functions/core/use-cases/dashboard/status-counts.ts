import type { Submission, SubmissionStatus } from '../../model';
import type { CountChange, StatusCounts } from '../../ports-counts';

export const COUNTED_STATUSES: SubmissionStatus[] = ['draft', 'in_review', 'returned', 'approved', 'rejected'];

/** Attribute of a unit's own never-submitted submissions in that status. */
export const ownKey = (status: string) => `own#${status}`;

/** Units that may list a submission: its own unit, and once submitted every granted unit (as listSubmissions). */
function listingUnits(sub: Submission): string[] {
  if (!sub.everSubmitted) return [sub.unitId];
  return [...new Set([sub.unitId, ...(sub.viewerUnitIds ?? [])])];
}

/** What one submission adds to the counters (a delta from nothing). */
export function countContributions(sub: Submission): CountChange {
  const units: CountChange['units'] = {};
  for (const u of listingUnits(sub)) units[u] = { [sub.status]: 1 };
  if (!sub.everSubmitted) units[sub.unitId][ownKey(sub.status)] = 1;
  return { shardKey: sub.id, all: sub.everSubmitted ? { [sub.status]: 1 } : {}, units };
}

function addInto(target: Record<string, number>, source: Record<string, number>, sign: number) {
  for (const [k, v] of Object.entries(source)) target[k] = (target[k] ?? 0) + sign * v;
}

function dropZeros(r: Record<string, number>) {
  for (const [k, v] of Object.entries(r)) if (v === 0) delete r[k];
  return r;
}

/**
 * Counter deltas of one change (before → after; null before for a create, null after for a delete).
 * Undefined when nothing moves (a save, an upgrade): the transaction then carries no counter item.
 */
export function countChange(before: Submission | null, after: Submission | null): CountChange | undefined {
  const id = (after ?? before)?.id;
  if (!id) return undefined;
  const all: Record<string, number> = {};
  const units: Record<string, Record<string, number>> = {};
  for (const [sub, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!sub) continue;
    const c = countContributions(sub);
    addInto(all, c.all, sign);
    for (const [u, d] of Object.entries(c.units)) {
      units[u] = units[u] ?? {};
      addInto(units[u], d, sign);
    }
  }
  dropZeros(all);
  for (const [u, d] of Object.entries(units)) if (Object.keys(dropZeros(d)).length === 0) delete units[u];
  if (Object.keys(all).length === 0 && Object.keys(units).length === 0) return undefined;
  return { shardKey: id, all, units };
}

/** Every status with its count (absent counters count 0). */
export function toStatusCounts(read: Record<string, number>, prefix = ''): StatusCounts {
  return Object.fromEntries(COUNTED_STATUSES.map((s) => [s, read[`${prefix}${s}`] ?? 0])) as StatusCounts;
}
