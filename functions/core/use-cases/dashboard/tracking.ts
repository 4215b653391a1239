import type { Campaign } from '../../campaign-model';
import type { Submission } from '../../model';
import type { Deps, StatsChange, SubmissionChange } from '../../ports';
import type { Chain } from '../../workflow/types';
import { boardChangeFor } from '../support/campaign-rules';
import { countChange } from './status-counts';

const GRADES = new Set(['excellent', 'good', 'fair', 'poor']);

/** Counter attribute names (flat, so an ADD creates them on first use). */
export const statKeys = {
  grade: (formId: string, grade: string) => `grade#${formId}#${grade}`,
  stepMs: (chainId: string, stepId: string) => `stepMs#${chainId}#${stepId}`,
  stepCount: (chainId: string, stepId: string) => `stepN#${chainId}#${stepId}`,
  stepName: (chainId: string, stepId: string) => `stepName#${chainId}#${stepId}`,
};

/** The 自评 grade (优/良/中/差) of an approved self-evaluation, when the form computes one. */
function gradeOf(sub: Submission): string | undefined {
  const g = sub.computed?.['/selfGrade'] ?? (sub.data as Record<string, unknown>)?.selfGrade;
  return typeof g === 'string' && GRADES.has(g) ? g : undefined;
}

/**
 * Dashboard counters a change adds to: the grade of a self-evaluation on its approval, and the time
 * each decided review step took (assignment to decision).
 */
export function statsFor(before: Submission | null, change: SubmissionChange, chain?: Chain): StatsChange | undefined {
  const after = change.submission;
  const add: Record<string, number> = {};
  const set: Record<string, string> = {};
  if (after.status === 'approved' && before?.status !== 'approved') {
    const grade = gradeOf(after);
    if (grade) add[statKeys.grade(after.formId, grade)] = 1;
  }
  for (const t of change.closeTasks) {
    // A 转交 or 加签 hands the step on: not a decision, so not a step duration.
    if (t.status !== 'done' || t.outcome === 'transferred' || t.outcome === 'addSigner') continue;
    const ms = Date.parse(t.closedAt) - Date.parse(t.assignedAt);
    if (!Number.isFinite(ms) || ms < 0) continue;
    const ms0 = add[statKeys.stepMs(after.chainId, t.stepId)] ?? 0;
    add[statKeys.stepMs(after.chainId, t.stepId)] = ms0 + ms;
    add[statKeys.stepCount(after.chainId, t.stepId)] = (add[statKeys.stepCount(after.chainId, t.stepId)] ?? 0) + 1;
    const name = chain?.steps.find((s) => s.id === t.stepId)?.name;
    if (name) set[statKeys.stepName(after.chainId, t.stepId)] = name;
  }
  if (Object.keys(add).length === 0) return undefined;
  return { unitId: after.unitId, shardKey: after.id, add, ...(Object.keys(set).length ? { set } : {}) };
}

/**
 * Attaches the board move and the dashboard counters to a submission change, so they are written by
 * the same TransactWriteItems as the status change itself.
 */
export async function attachTracking(
  deps: Deps,
  before: Submission | null,
  change: SubmissionChange,
  options: { chain?: Chain; campaign?: Campaign | null } = {},
): Promise<void> {
  const after = change.submission;
  if (after.campaignId) {
    const campaign = options.campaign !== undefined ? options.campaign : await deps.campaigns.get(after.campaignId);
    const board = boardChangeFor(campaign, before, after, after.updatedAt);
    if (board) change.board = board;
  }
  const stats = statsFor(before, change, options.chain);
  if (stats) change.stats = stats;
  const counts = countChange(before, after);
  if (counts) change.counts = counts;
}
