import type { Actor } from '../../model';
import type { Deps } from '../../ports';
import { listCampaigns } from '../campaigns/list-campaigns';
import { campaignScope } from '../support/campaign-rules';
import { statKeys } from './tracking';

const GRADE_LABELS: Record<string, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };
const SELF_EVAL_FORMS = ['project-self-eval', 'dept-self-eval'];

/**
 * Dashboard charts from counters only: campaign counters on each campaign record (one Query of the
 * newest campaigns), grade and step-duration counters from a few shard items (one BatchGetItem).
 * Nothing reads submissions, nothing scans. A department sees the same for its own submissions.
 */
export async function getDashboardCharts(deps: Deps, input: { actor: Actor; year?: number }) {
  const { actor } = input;
  const { whole } = await campaignScope(deps, actor);
  const [page, stats] = await Promise.all([
    listCampaigns(deps, { actor, page: { limit: 20 }, year: input.year }),
    deps.stats.read(whole ? { all: true } : { unitId: actor.unitId }),
  ]);
  const campaigns = page.items.map(({ campaign: c, counts }) => {
    const total = whole ? c.unitIds.length : 1;
    const submitted = total - counts.notStarted - counts.draft;
    return {
      id: c.id,
      title: c.title,
      year: c.year,
      dueDate: c.dueDate,
      status: c.status,
      total,
      counts,
      submitted,
      overdue: counts.overdue,
      completion: total ? Math.round((counts.approved / total) * 1000) / 10 : 0,
    };
  });
  const grades = Object.entries(GRADE_LABELS).map(([grade, label]) => ({
    grade,
    label,
    count: SELF_EVAL_FORMS.reduce((n, f) => n + (stats.counters[statKeys.grade(f, grade)] ?? 0), 0),
  }));
  const steps: { chainId: string; stepId: string; stepName: string; count: number; averageHours: number }[] = [];
  for (const [k, count] of Object.entries(stats.counters)) {
    const m = /^stepN#([^#]+)#(.+)$/.exec(k);
    if (!m || count <= 0) continue;
    const [, chainId, stepId] = m;
    const ms = stats.counters[statKeys.stepMs(chainId, stepId)] ?? 0;
    steps.push({
      chainId,
      stepId,
      stepName: stats.labels[statKeys.stepName(chainId, stepId)] ?? stepId,
      count,
      averageHours: Math.round((ms / count / 3600_000) * 10) / 10,
    });
  }
  steps.sort((a, b) => a.chainId.localeCompare(b.chainId) || a.stepId.localeCompare(b.stepId));
  return {
    scope: whole ? ('all' as const) : ('unit' as const),
    campaigns,
    overdueTotal: campaigns.reduce((n, c) => n + c.overdue, 0),
    grades,
    stepDurations: steps,
  };
}
