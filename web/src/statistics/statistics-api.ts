/** What the 统计分析 charts read, in one shape whatever the server's layout. */
import { api } from '../api/client';
import type { CampaignCounts } from '../campaigns/campaign-api';

export const GRADE_LABELS = { excellent: '优', good: '良', fair: '中', poor: '差' } as const;

export interface Statistics {
  scope: 'all' | 'unit';
  campaigns: { id: string; title: string; counts: CampaignCounts }[];
  overdueUnits: { unitId: string; unitName: string; overdue: number }[];
  grades: Partial<Record<keyof typeof GRADE_LABELS, number>>;
  stepTimes: { stepId: string; stepName: string; averageDays: number; count: number }[];
}

export async function loadStatistics(): Promise<Statistics> {
  return api<Statistics>('GET', '/api/statistics');
}
