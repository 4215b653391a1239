/**
 * The 规程 rules of 结果应用 (第二十七–二十九条) beyond the project 自评 of rules.ts, and the 事前 review
 * arithmetic of 第十四条: R-C3/R-C4 for a 部门整体 自评 (R-C2 is project-only), R-C5 (财政评价 of a project),
 * R-C6 (财政评价 of a department), R-C3's block of a same-type project next year, the 评审中心's
 * 核减额/核减率 and the 业务股室's five dimension scores.
 */
import { Decimal, round2, toDecimal } from './money';
import { type ResultApplicationSettings, resultApplication } from './rules';
import type { Grade } from './scoring';

const GRADE_ZH: Record<Grade, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };
const BASIS_DEPT_SELF = '《预算绩效管理内部工作规程》第二十九条(五)1(1)';
const BASIS_PROJECT_EVAL = '《预算绩效管理内部工作规程》第二十九条(五)1(2)';
const BASIS_DEPT_EVAL = '《预算绩效管理内部工作规程》第二十九条(五)2';

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Next year's arrangement of a 部门整体 自评 (R-C3/R-C4 only: R-C2 speaks of projects). */
export interface DeptSelfEvalApplication {
  nextYearArrangement: 'normal' | 'blockedUntilRectified';
  unspentFunds?: 'recallToTreasury';
  reasons: string[];
  ruleIds: string[];
}

/**
 * Result application of a 部门整体 自评: the 规程 gives a grade rule (R-C2) only for projects, so a department
 * gets the gap rule R-C3 and the violation rule R-C4 only; otherwise its arrangement is normal.
 */
export function deptSelfEvalApplication(
  input: { reviewScore?: number | null; totalScore?: number | null; violations?: unknown[] | null },
  settings: ResultApplicationSettings = {},
): DeptSelfEvalApplication {
  // Without a grade, the project rule answers only R-C3/R-C4 (or null): exactly the department's part.
  const strict = resultApplication({ ...input, reviewGrade: null, selfGrade: null }, settings);
  if (strict && strict.nextYearSameTypeProject === 'blockedUntilRectified') {
    return {
      nextYearArrangement: 'blockedUntilRectified',
      unspentFunds: 'recallToTreasury',
      reasons: strict.reasons.map((r) => r.replace(/依据.*?第二十九条\(五\)1\(1\)/, `依据${BASIS_DEPT_SELF}`)),
      ruleIds: strict.ruleIds,
    };
  }
  return {
    nextYearArrangement: 'normal',
    reasons: ['未发现评分差距过大或违规违纪问题，按部门预算管理规定正常安排'],
    ruleIds: [],
  };
}

/** Next year's budget of a project after a 财政评价 (R-C5). */
export type FinanceEvalProjectAction = 'priority' | 'zeroGrowth' | 'reduce' | 'blockedUntilRectified';

export interface FinanceEvalApplication<A extends string> {
  action: A;
  unspentFunds?: 'recallToTreasury';
  /** The cut in percent where the rule names a ratio and the bureau has set it. */
  ratio?: number;
  reasons: string[];
  ruleIds: string[];
}

/**
 * R-C5 (第二十九条(五)1(2)): a project's 财政评价 grade decides next year's budget, always "根据财力可能和实际需要":
 * 优 priority support, 良 zero growth in principle, 中 a cut as the case requires, 差 not arranged (or not until
 * rectified) with unspent funds recalled.
 */
export function financeEvalProjectApplication(evalGrade: Grade): FinanceEvalApplication<FinanceEvalProjectAction> {
  const label = GRADE_ZH[evalGrade];
  const lead = `财政评价结果为“${label}”，依据${BASIS_PROJECT_EVAL}，根据财力可能和实际需要：`;
  switch (evalGrade) {
    case 'excellent':
      return { action: 'priority', reasons: [`${lead}下一年度优先保障`], ruleIds: ['R-C5'] };
    case 'good':
      return { action: 'zeroGrowth', reasons: [`${lead}下一年度预算原则上零增长`], ruleIds: ['R-C5'] };
    case 'fair':
      return { action: 'reduce', reasons: [`${lead}下一年度预算视情况核减`], ruleIds: ['R-C5'] };
    case 'poor':
      return {
        action: 'blockedUntilRectified',
        unspentFunds: 'recallToTreasury',
        reasons: [`${lead}不再安排或在整改到位前不予安排，未支出资金收回财政`],
        ruleIds: ['R-C5'],
      };
  }
}

/**
 * R-C6 (第二十九条(五)2): a department's 财政评价: 优/良 supported within the county's budget principles; 中/差 next
 * year's budget cut by the configured ratio from 经常性项目 and 一般性支出, protecting normal functioning.
 */
export function financeEvalDeptApplication(
  evalGrade: Grade,
  settings: { deptCutRatio?: number | null } = {},
): FinanceEvalApplication<'supported' | 'deptCut'> {
  const label = GRADE_ZH[evalGrade];
  if (evalGrade === 'excellent' || evalGrade === 'good') {
    return {
      action: 'supported',
      reasons: [`部门整体财政评价结果为“${label}”，依据${BASIS_DEPT_EVAL}：在县级预算编制原则范围内予以支持`],
      ruleIds: ['R-C6'],
    };
  }
  const ratio = settings.deptCutRatio;
  const how = finite(ratio) ? `按 ${ratio}% 的比例` : '按一定比例';
  return {
    action: 'deptCut',
    ...(finite(ratio) ? { ratio } : {}),
    reasons: [
      `部门整体财政评价结果为“${label}”，依据${BASIS_DEPT_EVAL}：在保障部门正常运转的前提下，${how}压减下一年度经常性项目和一般性支出预算`,
    ],
    ruleIds: ['R-C6'],
  };
}

/** 核减额 and 核减率 of the 财政评审中心 (第十四条): 送审 − 审定, and that over 送审 in percent (2 decimals). */
export function reviewReduction(
  submitted: string | number | null | undefined,
  approved: string | number | null | undefined,
): { reductionAmount: string; reductionRate: number | null } | null {
  if (submitted === null || submitted === undefined || submitted === '') return null;
  if (approved === null || approved === undefined || approved === '') return null;
  const s = toDecimal(submitted);
  const amount = s.minus(toDecimal(approved)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const rate = s.isZero() ? null : amount.div(s).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
  return { reductionAmount: amount.toFixed(2), reductionRate: rate };
}

/** The five 事前 dimensions the 业务股室 scores (第十四条). */
export const EX_ANTE_DIMENSIONS = [
  'necessity',
  'economy',
  'targetReasonableness',
  'feasibility',
  'fundingCompliance',
] as const;

/**
 * The 业务股室's 事前 score sheet: each of the five dimension scores lies within its weight, and the total is
 * their sum. Returns the failing paths (relative to the decision: `/fields/dimensionScores/<dim>`, `/score`).
 */
export function exAnteScoreProblems(
  total: number | null | undefined,
  scores: Record<string, unknown> | null | undefined,
  weights: Record<string, unknown>,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  let sum = new Decimal(0);
  let complete = true;
  for (const dim of EX_ANTE_DIMENSIONS) {
    const v = scores?.[dim];
    const w = weights[dim];
    if (!finite(v)) {
      complete = false;
      problems.push({ path: `/fields/dimensionScores/${dim}`, message: '请填写该维度的审核分' });
      continue;
    }
    if (finite(w) && (v < 0 || v > w))
      problems.push({ path: `/fields/dimensionScores/${dim}`, message: `该维度审核分应在 0 至 ${w} 分之间` });
    sum = sum.plus(toDecimal(v));
  }
  if (complete && finite(total) && !sum.toDecimalPlaces(2).eq(toDecimal(round2(total))))
    problems.push({ path: '/score', message: `审核得分应等于五个维度审核分之和（${sum.toFixed(2)} 分）` });
  return problems;
}

/** What an earlier result says about a same-type project next year (R-C2 差, R-C3, R-C4, R-C5 差). */
export type PriorResult = 'priority' | 'reduceByRatio' | 'notAllowed' | 'blockedUntilRectified' | string;

/**
 * Whether a same-type project target is blocked by an earlier result (第二十九条(五)1): `notAllowed` (R-C2 差)
 * blocks; `blockedUntilRectified` (R-C3/R-C4/R-C5 差) blocks until the 整改 is closed. Applies to targets of a
 * budget year after the evaluated year, up to the budget year after the result was issued (R-C15: a result of
 * 2026-07 affects 2027).
 */
export function blocksSameTypeProject(prior: {
  result: PriorResult | null | undefined;
  evaluatedYear: number;
  issuedAt: string;
  rectified: boolean;
  targetYear: number;
}): boolean {
  if (prior.result !== 'notAllowed' && prior.result !== 'blockedUntilRectified') return false;
  if (prior.result === 'blockedUntilRectified' && prior.rectified) return false;
  const issuedYear = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(prior.issuedAt)),
  );
  return prior.targetYear > prior.evaluatedYear && prior.targetYear <= issuedYear + 1;
}

/**
 * Two projects of one unit count as the same type when their 项目代码 match or their 项目名称 match (spaces and a
 * leading year such as 「2025年」 or 「2025年度」 ignored): the 规程 names no project typology, so a continuing
 * project under its code or its name, from one year to the next, is caught.
 */
export function sameTypeProject(
  a: { projectCode?: unknown; projectName?: unknown },
  b: { projectCode?: unknown; projectName?: unknown },
): boolean {
  const code = (x: unknown) => (typeof x === 'string' ? x.trim().toUpperCase() : '');
  const name = (x: unknown) => (typeof x === 'string' ? x.replace(/\s+/g, '').replace(/^(19|20)\d\d年度?/, '') : '');
  const ca = code(a.projectCode);
  const na = name(a.projectName);
  return (ca !== '' && ca === code(b.projectCode)) || (na !== '' && na === name(b.projectName));
}
