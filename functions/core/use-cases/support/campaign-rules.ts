import { shanghaiDate } from '../../../../forms/lib/working-days';
import type { BoardCounts, BoardStatus, Campaign, CampaignCounters, CampaignUnit } from '../../campaign-model';
import { coded, ForbiddenError, NotFoundError } from '../../errors';
import type { Actor, Submission, Unit } from '../../model';
import type { BoardChange, Deps } from '../../ports';
import { seesAll } from './access';

/** Pure rules of 填报任务 shared by the campaign use cases. */

const COUNT_KEY: Record<BoardStatus, keyof BoardCounts> = {
  not_started: 'notStarted',
  draft: 'draft',
  in_review: 'inReview',
  returned: 'returned',
  approved: 'approved',
  rejected: 'rejected',
};

export const countKey = (status: BoardStatus): keyof BoardCounts => COUNT_KEY[status];

export function emptyCounters(units: number): CampaignCounters {
  return { notStarted: units, draft: 0, inReview: 0, returned: 0, approved: 0, rejected: 0, submitted: 0, late: 0 };
}

/** A real calendar date 'YYYY-MM-DD' (2026-02-30 is not one), else null. */
export function realDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value ? value : null;
}

/** The deadline: the end of the due date in Asia/Shanghai (UTC+8, no daylight saving). */
export function dueAtOf(dueDate: string): string {
  return new Date(`${dueDate}T23:59:59.999+08:00`).toISOString();
}

export const todayInShanghai = (nowIso: string) => shanghaiDate(nowIso);

/** Overdue: the deadline passed before the unit submitted; a late submission stays overdue. */
export function isOverdue(campaign: Pick<Campaign, 'dueAt'>, row: Pick<CampaignUnit, 'submittedAt'>, now: string) {
  return (row.submittedAt ?? now) > campaign.dueAt;
}

/** Overdue units from the counters alone: late submitters, plus every unit not yet submitted once the deadline passed. */
export function overdueCount(campaign: Campaign, now: string): number {
  const c = campaign.counters;
  return c.late + (now > campaign.dueAt ? Math.max(0, campaign.unitIds.length - c.submitted) : 0);
}

/** Issuers: admins, and reviewers of a bureau section that sees every form (绩效评价服务股, 预算股). */
export function canIssue(actor: Actor, unit: Unit | null): boolean {
  if (actor.roles.includes('admin')) return true;
  return Boolean(unit?.seesAll && unit.kind === 'section' && actor.roles.includes('reviewer'));
}

export function assertCanIssue(actor: Actor, unit: Unit | null, what = '发布填报任务') {
  if (!canIssue(actor, unit)) {
    throw coded(new ForbiddenError(`只有绩效评价服务股、预算股或管理员可以${what}`), 'CAMPAIGN_ISSUER_ONLY');
  }
}

/** Whether the actor sees whole campaigns (issuers, units that see every form) or only what is addressed to its unit. */
export async function campaignScope(deps: Deps, actor: Actor) {
  const unit = await deps.org.getUnit(actor.unitId);
  return { unit, whole: canIssue(actor, unit) || seesAll(actor, unit) };
}

/**
 * Who sees a campaign: issuers and units that see every form see all of it; a unit it is addressed
 * to sees its own row only; anyone else gets 404.
 */
export async function loadCampaignFor(deps: Deps, actor: Actor, id: string) {
  const [campaign, { unit, whole }] = await Promise.all([deps.campaigns.get(id), campaignScope(deps, actor)]);
  if (!campaign) throw coded(new NotFoundError('填报任务不存在'), 'CAMPAIGN_NOT_FOUND');
  if (!whole && !campaign.unitIds.includes(actor.unitId)) {
    throw coded(new NotFoundError('填报任务不存在'), 'CAMPAIGN_NOT_FOUND');
  }
  return { campaign, unit, whole };
}

/**
 * How a submission change moves its unit on the board: null when the submission belongs to no
 * campaign, the campaign is closed (the board is frozen) or the status did not change.
 */
export function boardChangeFor(
  campaign: Campaign | null,
  before: Pick<Submission, 'status' | 'submittedAt'> | null,
  after: Submission,
  now: string,
): BoardChange | null {
  if (campaign?.status !== 'open' || !after.campaignId) return null;
  const from: BoardStatus = before ? before.status : 'not_started';
  if (before && from === after.status) return null;
  const counters: Record<string, number> = { [countKey(from)]: -1 };
  counters[countKey(after.status)] = (counters[countKey(after.status)] ?? 0) + 1;
  const firstSubmission = Boolean(after.submittedAt) && !before?.submittedAt;
  if (firstSubmission) {
    counters.submitted = 1;
    if (now > campaign.dueAt) counters.late = 1;
  }
  return {
    campaignId: campaign.id,
    unitId: after.unitId,
    submissionId: after.id,
    status: after.status,
    ...(firstSubmission ? { submittedAt: now } : {}),
    ...(before ? {} : { claim: true }),
    counters,
  };
}

export function presentCounts(campaign: Campaign, now: string) {
  const c = campaign.counters;
  return {
    notStarted: c.notStarted,
    draft: c.draft,
    inReview: c.inReview,
    returned: c.returned,
    approved: c.approved,
    rejected: c.rejected,
    overdue: overdueCount(campaign, now),
  };
}
