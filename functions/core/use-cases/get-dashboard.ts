import type { Actor, SubmissionStatus } from '../model';
import type { Deps } from '../ports';
import { listSubmissions } from './list-submissions';
import { listTasks } from './list-tasks';

const STATUSES: SubmissionStatus[] = ['draft', 'in_review', 'returned', 'approved', 'rejected'];

/** 工作台: counts of the caller's visible submissions by status and the nearest deadlines. */
export async function getDashboard(deps: Deps, input: { actor: Actor }) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SubmissionStatus, number>;
  let cursor: string | undefined;
  // Bounded: a unit sees at most a few hundred submissions a year; stop after 10 pages.
  for (let i = 0; i < 10; i++) {
    const page = await listSubmissions(deps, { actor: input.actor, page: { cursor, limit: 100 } });
    for (const s of page.items) counts[s.status] += 1;
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  const tasks = await listTasks(deps, { actor: input.actor, status: 'open', page: { limit: 100 } });
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
