/**
 * The 结果应用函 (规程第二十七条) and the 整改 it starts (第二十九条), read from an evaluated submission whose
 * chain issued the letter (step `resultLetter`): what was decided, by which rule, the problems and
 * requirements, the 15-working-day feedback deadline (R-C7) and where the 整改 stands.
 */

import type { Rectification, RectificationStage } from '../../../../forms/lib/result-contract';
import { NotFoundError } from '../../errors';
import type { Actor, Page, Submission } from '../../model';
import type { Deps, PageRequest } from '../../ports';
import { loadChain } from '../submissions/submit-submission';
import { loadVisibleSubmission, seesAll } from '../support/access';

export type { Rectification, RectificationStage };

const FEEDBACK_DAYS = 15;
const STAGE_OF_STEP: Record<string, RectificationStage> = {
  unitFeedback: 'awaitingReport',
  rectificationReport: 'underReview',
  rectificationClose: 'awaitingClose',
};

/** The 整改 state of a submission whose letter went out; null before the letter (or without one in its chain). */
export function rectificationOf(
  deps: Deps,
  sub: Submission,
  openStepId: string | undefined,
  unitName: string,
  now: string,
): Rectification | null {
  const trail = sub.workflow.trail;
  const letter = trail.find((t) => t.stepId === 'resultLetter' && t.outcome === 'notified');
  if (!letter) return null;
  const feedbackDue = deps.calendar.dueAt(letter.at, FEEDBACK_DAYS).dueAt;
  const feedbackAt = trail.find((t) => t.stepId === 'unitFeedback' && t.outcome === 'approved')?.at ?? null;
  const stage: RectificationStage =
    sub.status === 'approved' ? 'closed' : (openStepId && STAGE_OF_STEP[openStepId]) || 'withdrawn';
  const closedAt =
    stage === 'closed'
      ? (trail.findLast((t) => t.stepId === 'rectificationClose' && t.outcome === 'approved')?.at ?? sub.updatedAt)
      : null;
  return {
    submissionId: sub.id,
    title: sub.title,
    unitId: sub.unitId,
    unitName,
    issuedAt: letter.at,
    feedbackDue,
    feedbackAt,
    stage,
    overdue: Date.parse(feedbackAt ?? now) > Date.parse(feedbackDue),
    closedAt,
  };
}

/** Reads the letter of one submission the caller may see (404 before it was issued). */
export async function getResultLetter(deps: Deps, input: { actor: Actor; id: string }) {
  const sub = await loadVisibleSubmission(deps, input.actor, input.id);
  const chain = await loadChain(deps, sub);
  await deps.calendar.refresh?.();
  const units = new Map((await deps.org.listUnits()).map((u) => [u.id, u]));
  const name = (id: string | undefined) => (id ? (units.get(id)?.name ?? id) : '');
  const openId = openStepId(
    sub,
    chain.steps.map((s) => s.id),
  );
  const rect = rectificationOf(deps, sub, openId, name(sub.unitId), deps.clock.now());
  if (!rect) throw new NotFoundError('结果应用函尚未下达');
  const d = sub.workflow.decisions;
  const applied = (sub.outcomes?.resultApplication ?? {}) as Record<string, unknown>;
  const computed = (sub.outcomes?.spotCheck ?? {}) as Record<string, unknown>;
  const fields = d.resultApplication?.fields ?? {};
  const recall = applied.recallUnspentFunds === true;
  const issuedYear = Number(rect.issuedAt.slice(0, 4));
  const perf = [...units.values()].find((u) => u.id === 'jxpj');
  return {
    ...rect,
    docNo: typeof fields.resultLetterNo === 'string' ? fields.resultLetterNo : null,
    letterTitle: `关于${String(sub.data.projectName ?? (sub.data.dept as { name?: string })?.name ?? sub.title)}绩效评价结果应用的函`,
    issuer: perf?.name ?? '绩效评价服务股',
    to: name(sub.unitId),
    cc: [name(sub.managingUnitId), name('ysg'), ...(recall ? [name('gkg')] : [])].filter(Boolean),
    basis: {
      formId: sub.formId,
      selfScore: sub.data.totalScore ?? null,
      selfGrade: sub.data.selfGrade ?? null,
      reviewScore: d.spotCheck?.score ?? null,
      reasons: Array.isArray(computed.reasons) ? computed.reasons : [],
      ruleIds: Array.isArray(computed.ruleIds) ? computed.ruleIds : computed.ruleIds ? [computed.ruleIds] : [],
    },
    leadingGroup: {
      isMajorMatter: fields.isMajorMatter === true || d.spotCheck?.fields?.isMajorMatter === true,
      approvedAt:
        sub.workflow.trail.find((t) => t.stepId === 'leadingGroupApproval' && t.outcome === 'approved')?.at ?? null,
    },
    modes: Array.isArray(fields.applicationModes) ? fields.applicationModes : [],
    budgetDecision: {
      targetBudgetYear: issuedYear + 1,
      action: applied.decided ?? null,
      computed: applied.computed ?? null,
      departsFromRule: applied.departsFromRule === true,
      ratio: typeof fields.reductionRatio === 'number' ? fields.reductionRatio : (computed.reduceRatio ?? null),
      departureReason: typeof fields.departureReason === 'string' ? fields.departureReason : null,
    },
    recallUnspentFunds: recall,
    problems: Array.isArray(fields.problems) ? fields.problems : [],
    feedbackChannels: ['written', 'integratedSystem'],
    contact: { name: fields.contactName ?? null, phone: fields.contactPhone ?? null },
    feedback: d.unitFeedback?.fields ?? null,
    review: d.rectificationReport?.fields ?? null,
  };
}

function openStepId(sub: Submission, stepIds: string[]): string | undefined {
  if (sub.status !== 'in_review' || sub.workflow.stepIndex === null) return undefined;
  return stepIds[sub.workflow.stepIndex];
}

/**
 * 整改 tracking: the letters the caller may see with their deadline and stage — a department its own, the
 * 业务股室 those it manages, 绩效评价服务股 / 预算股 / 领导小组 every one. Bounded pages of the self-evaluations.
 */
export async function listRectifications(
  deps: Deps,
  input: { actor: Actor; page: PageRequest },
): Promise<Page<Rectification>> {
  const { actor } = input;
  const unit = await deps.org.getUnit(actor.unitId);
  await deps.calendar.refresh?.();
  const units = new Map((await deps.org.listUnits()).map((u) => [u.id, u.name]));
  const now = deps.clock.now();
  const chains = new Map<string, string[]>();
  const items: Rectification[] = [];
  for (const formId of ['project-self-eval', 'dept-self-eval']) {
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const filter = { formId, submittedOrUnit: actor.unitId };
      const page = seesAll(actor, unit)
        ? await deps.submissions.listAll({ cursor, limit: 100 }, filter)
        : await deps.submissions.listForUnit(actor.unitId, { cursor, limit: 100 }, filter);
      for (const sub of page.items) {
        const key = `${sub.chainId}#${sub.chainVersion}`;
        if (!chains.has(key))
          chains.set(
            key,
            (await loadChain(deps, sub)).steps.map((s) => s.id),
          );
        const r = rectificationOf(
          deps,
          sub,
          openStepId(sub, chains.get(key) ?? []),
          units.get(sub.unitId) ?? sub.unitId,
          now,
        );
        if (r) items.push(r);
      }
      if (!page.cursor) break;
      cursor = page.cursor;
    }
  }
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.feedbackDue.localeCompare(b.feedbackDue));
  const limit = input.page.limit ?? 50;
  return { items: items.slice(0, limit), cursor: null };
}
