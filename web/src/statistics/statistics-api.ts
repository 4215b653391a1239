/** What the 统计分析 charts read (counters only on the server: no submission is read to draw them). */
import { api } from '../api/client';
import type { CampaignCounts } from '../campaigns/campaign-api';

export interface Statistics {
  scope: 'all' | 'unit';
  campaigns: {
    id: string;
    title: string;
    year: number;
    dueDate: string;
    status: 'open' | 'closed';
    total: number;
    submitted: number;
    overdue: number;
    counts: CampaignCounts;
  }[];
  overdueTotal: number;
  grades: { grade: string; label: string; count: number }[];
  stepDurations: { chainId: string; stepId: string; stepName: string; count: number; averageHours: number }[];
}

export const STATISTICS_PATH = '/api/dashboard/charts';

export function loadStatistics(): Promise<Statistics> {
  return api<Statistics>('GET', STATISTICS_PATH);
}

/** Steps of the same name in different chains (e.g. 业务股室审核) as one bar: the average weighted by count. */
export function stepAverages(steps: Statistics['stepDurations']): { name: string; hours: number; count: number }[] {
  const byName = new Map<string, { total: number; count: number }>();
  for (const s of steps) {
    const e = byName.get(s.stepName) ?? { total: 0, count: 0 };
    e.total += s.averageHours * s.count;
    e.count += s.count;
    byName.set(s.stepName, e);
  }
  return [...byName.entries()]
    .map(([name, e]) => ({ name, hours: Math.round((e.total / e.count) * 10) / 10, count: e.count }))
    .sort((a, b) => a.hours - b.hours);
}
