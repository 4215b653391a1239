import type { Deps } from '../ports';
import { sweepCampaigns } from './sweep-campaigns';

/**
 * Daily deadline sweep (scheduled): every open task past its due date is marked overdue and a 催办
 * reminder is recorded on it once; every open campaign due within 3 working days or overdue reminds
 * its units that have not submitted, once per unit per day. Queries only (each unit's inbox
 * partition, the sparse index of open campaigns, each due campaign's partition); never scans.
 */
export async function sweepDeadlines(deps: Deps): Promise<{ reminded: number; campaignReminders: number }> {
  const now = deps.clock.now();
  let reminded = 0;
  for (const unit of await deps.org.listUnits()) {
    for (const task of await deps.tasks.openDueBefore(unit.id, now)) {
      await deps.tasks.markReminded(task, now);
      reminded += 1;
    }
  }
  const campaignReminders = await sweepCampaigns(deps, now);
  deps.logger.info('deadline sweep done', { reminded, campaignReminders });
  return { reminded, campaignReminders };
}
