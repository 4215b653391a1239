import type { Deps } from '../ports';

/**
 * Daily deadline sweep (scheduled): every open task past its due date is marked overdue and a 催办
 * reminder is recorded on it once. Queries each unit's inbox partition; never scans the table.
 */
export async function sweepDeadlines(deps: Deps): Promise<{ reminded: number }> {
  const now = deps.clock.now();
  let reminded = 0;
  for (const unit of await deps.org.listUnits()) {
    for (const task of await deps.tasks.openDueBefore(unit.id, now)) {
      await deps.tasks.markReminded(task, now);
      reminded += 1;
    }
  }
  deps.logger.info('deadline sweep done', { reminded });
  return { reminded };
}
