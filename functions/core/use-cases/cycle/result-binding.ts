/**
 * Results that bind (规程第二十七–二十九条): the organisation's result-application settings reach the chain
 * expressions, and an earlier result blocks a same-type project target of the next year (R-C2 差, R-C3, R-C4,
 * R-C5 差) at submission.
 */
import {
  blocksSameTypeProject,
  financeEvalProjectApplication,
  sameTypeProject,
} from '../../../../forms/lib/result-rules';
import { GRADE_LABELS, type Grade } from '../../../../forms/lib/scoring';
import { RuleViolationError } from '../../errors';
import type { Submission } from '../../model';
import type { Deps } from '../../ports';

/** Forms whose submission is checked against earlier results of the same unit (project targets). */
const PROJECT_TARGET_FORMS = new Set(['project-target']);
/** The 财政评价 report (its evaluated unit is `subjectUnitId`; its object is on the approved list). */
const EVALUATION_FORM = 'fiscal-evaluation';
/** Forms whose results bind a same-type project: the project 自评 and the 财政评价 of a project. */
const RESULT_FORMS = ['project-self-eval', EVALUATION_FORM];
const RATIO_KEYS = ['reduceRatio', 'deptCutRatio'] as const;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The settings a chain's checks and outcomes see: the form's settings, with the organisation's
 * result-application ratios (R-C2 压减比例, R-C6 部门压减比例) over the form's defaults where the admin set them.
 */
export async function decisionSettings(
  deps: Deps,
  formSettings: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const org = (await deps.org.getSettings()).resultApplication;
  if (!org) return formSettings;
  const merged: Record<string, unknown> = isObject(formSettings.resultApplication)
    ? { ...formSettings.resultApplication }
    : {};
  for (const k of RATIO_KEYS) {
    const v = org[k];
    if (typeof v === 'number' && Number.isFinite(v)) merged[k] = v;
  }
  return { ...formSettings, resultApplication: merged };
}

/** What a result decided for next year's same-type project: the 结果应用建议 as decided, else the computed one. */
export function decidedNextYear(sub: Submission): string | undefined {
  const applied = sub.outcomes?.resultApplication;
  if (isObject(applied) && typeof applied.decided === 'string') return applied.decided;
  for (const value of Object.values(sub.outcomes ?? {})) {
    if (!isObject(value)) continue;
    const v = value.nextYearSameTypeProject ?? value.action;
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** When the result was issued: the 结果应用函's time, else the 抽查复核's, else the last change. */
export function resultIssuedAt(sub: Submission): string {
  const at = (id: string) => sub.workflow.trail.find((t) => t.stepId === id)?.at;
  return at('resultLetter') ?? at('spotCheck') ?? sub.updatedAt;
}

/** An earlier result as the target check sees it: which project, which year, what it decided. */
interface PriorProjectResult {
  project: { projectCode?: unknown; projectName?: unknown };
  evaluatedYear: unknown;
  result: string | undefined;
  rectified: boolean;
  why: string;
}

/**
 * A result submission of the unit, read as a project result; null when it is none.
 * - A project 自评: its own 项目代码 and 项目名称; what the 结果应用 decided (R-C2–R-C4); rectified when its chain,
 *   which ends with the 整改 销号, completed.
 * - A 财政评价 (R-C5): about the unit when the unit is its evaluated unit, and about a project when its object on
 *   the approved list (the plan, not the report the agency edits) is a 重点项目; once confirmed and sent to the unit
 *   (its chain completed), the grade decides. The 财政评价 has no 整改 销号 of its own yet, so 差 binds for its whole
 *   term.
 */
async function asProjectResult(deps: Deps, prior: Submission, unitId: string): Promise<PriorProjectResult | null> {
  if (prior.formId !== EVALUATION_FORM) {
    if (prior.unitId !== unitId) return null;
    const result = decidedNextYear(prior);
    return {
      project: prior.data,
      evaluatedYear: prior.data.fiscalYear,
      result,
      rectified: prior.status === 'approved',
      why:
        result === 'notAllowed'
          ? '复核结果为“差”，不予申报下一年度同类型项目'
          : '评价结果要求不再安排或在整改到位前不予安排，整改尚未销号',
    };
  }
  if (prior.subjectUnitId !== unitId || prior.status !== 'approved' || !prior.evaluation) return null;
  const grade = prior.data.grade;
  if (typeof grade !== 'string' || !Object.hasOwn(GRADE_LABELS, grade)) return null;
  const { planId, objectIndex } = prior.evaluation;
  const plan = await deps.submissions.get(planId);
  const object = (plan?.data.objects as Record<string, unknown>[] | undefined)?.[objectIndex];
  if (object?.objectType !== 'project') return null;
  return {
    project: { projectName: object.objectName },
    evaluatedYear: prior.data.fiscalYear,
    result: financeEvalProjectApplication(grade as Grade).action,
    rectified: false,
    why: '财政评价结果为“差”，不再安排或在整改到位前不予安排',
  };
}

/**
 * R-C3 at target time (第二十九条(五)1): a project target may not be submitted while an earlier result about the
 * same unit bars a same-type project for that budget year — `notAllowed` (R-C2 差) always, `blockedUntilRectified`
 * (R-C3/R-C4/R-C5 差) until its 整改 is closed. 422 SAME_TYPE_PROJECT_BLOCKED at the field that matched. Bounded:
 * the result submissions the unit can see, at most 10 pages.
 */
export async function assertNotBlockedByResults(deps: Deps, sub: Submission, data: Record<string, unknown>) {
  if (!PROJECT_TARGET_FORMS.has(sub.formId)) return;
  const targetYear = data.fiscalYear;
  if (typeof targetYear !== 'number') return;
  // One pass over the unit's result submissions for every result form; no other submission is loaded.
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await deps.submissions.listForUnit(sub.unitId, { cursor, limit: 100 }, { formIds: RESULT_FORMS });
    for (const prior of page.items) {
      if (prior.id === sub.id || prior.status === 'draft') continue;
      const found = await asProjectResult(deps, prior, sub.unitId);
      if (!found || !sameTypeProject(data, found.project)) continue;
      const evaluatedYear = typeof found.evaluatedYear === 'number' ? found.evaluatedYear : targetYear;
      const blocked = blocksSameTypeProject({
        result: found.result,
        evaluatedYear,
        issuedAt: resultIssuedAt(prior),
        rectified: found.rectified,
        targetYear,
      });
      if (!blocked) continue;
      const byCode =
        typeof data.projectCode === 'string' &&
        data.projectCode.trim() !== '' &&
        data.projectCode.trim().toUpperCase() ===
          String(found.project.projectCode ?? '')
            .trim()
            .toUpperCase();
      const message = `同类型项目「${String(found.project.projectName ?? '')}」${evaluatedYear}年度${found.why}（规程第二十九条(五)），本年度不能申报`;
      throw new RuleViolationError('SAME_TYPE_PROJECT_BLOCKED', message, [
        { path: byCode ? '/projectCode' : '/projectName', message },
      ]);
    }
    if (!page.cursor) break;
    cursor = page.cursor;
  }
}
