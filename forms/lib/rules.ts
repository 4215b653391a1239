/**
 * The 规程 rules (docs/rules.md) that are pure functions of a form's data:
 * R-A2 (事前 conclusion bands), R-C1 (自评 deadline), R-C2/R-C3/R-C4 (result application).
 */
import { Decimal, round2, toDecimal } from './money';
import { type Grade, grade as gradeOf } from './scoring';

/** 总体评估结论 of a 事前绩效评估报告. */
export type ExAnteConclusion = 'support' | 'supportAfterRevision' | 'notSupport';

/** Lower bounds of the R-A2 bands (defaults 90 / 70, a setting the bureau should confirm). */
export interface ExAnteBands {
  support: number;
  supportAfterRevision: number;
}

/** Chinese labels of the R-A2 conclusions. */
export const EX_ANTE_CONCLUSION_LABELS: Readonly<Record<ExAnteConclusion, string>> = Object.freeze({
  support: '予以支持',
  supportAfterRevision: '调整完善后予以支持',
  notSupport: '不予支持',
});

/**
 * Default 事前 conclusion from the reviewer total (R-A2), on the 2-decimal total:
 * ≥ 90 予以支持, [70, 90) 调整完善后予以支持, < 70 不予支持. A reviewer may override with a reason.
 */
export function exAnteConclusion(
  reviewTotal: number,
  bands: ExAnteBands = { support: 90, supportAfterRevision: 70 },
): ExAnteConclusion {
  const s = round2(reviewTotal);
  if (s >= bands.support) return 'support';
  if (s >= bands.supportAfterRevision) return 'supportAfterRevision';
  return 'notSupport';
}

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The 自评 deadline as ISO (R-C1, 规程第二十五条): {fiscalYear+1}-03-31T23:59:59+08:00, or the
 * 上级 notice's deadline when given (a date means the end of that day in Shanghai time).
 */
export function selfEvalDeadline(fiscalYear: number, upperNoticeDeadline?: string | null): string {
  if (upperNoticeDeadline) {
    const d = upperNoticeDeadline.trim();
    if (ISO_DATE_RE.test(d)) return `${d}T23:59:59+08:00`;
    if (Number.isNaN(Date.parse(d))) throw new RangeError(`截止时间格式不正确：“${upperNoticeDeadline}”`);
    return d;
  }
  if (!Number.isInteger(fiscalYear)) throw new RangeError(`年度应为整数：${String(fiscalYear)}`);
  return `${fiscalYear + 1}-03-31T23:59:59+08:00`;
}

/**
 * True when a 自评 was submitted after its deadline (R-C1: flag only, never block). The whole last
 * second counts as on time, so 23:59:59.900 on 31 March is not late.
 */
export function isLate(submittedAt: string, fiscalYear: number, upperNoticeDeadline?: string | null): boolean {
  const submitted = Date.parse(submittedAt);
  if (Number.isNaN(submitted)) throw new RangeError(`提交时间格式不正确：“${submittedAt}”`);
  const deadline = Date.parse(selfEvalDeadline(fiscalYear, upperNoticeDeadline));
  return submitted >= Math.floor(deadline / 1000) * 1000 + 1000;
}

/** Outcome for the next year's same-type project (规程第二十九条(五)1(1)). */
export type NextYearSameTypeProject = 'priority' | 'reduceByRatio' | 'notAllowed' | 'blockedUntilRectified';

/** Inputs of the result application: grades, scores and violation findings of a 自评. */
export interface ResultApplicationInput {
  /** 复核等级 (spotCheck.reviewGrade). */
  reviewGrade?: Grade | null;
  /** 自评等级, used when the form was not sampled (the confirmed grade). */
  selfGrade?: Grade | null;
  /** 复核得分 (spotCheck.reviewScore). */
  reviewScore?: number | null;
  /** 自评总分 (totalScore). */
  totalScore?: number | null;
  /** 巡视（察）/审计/财会监督 findings (violationFindings). */
  violations?: unknown[] | null;
}

/** Settings of the result application (values the 绩效评价服务股 has to confirm). */
export interface ResultApplicationSettings {
  /** R-C3 threshold; "相差15分以上" includes 15 (default 15). */
  gapThreshold?: number;
  /** R-C2 "一定比例" cut in percent; the 规程 gives no figure, so undefined until configured. */
  reduceRatio?: number;
}

/** Decided result application with Chinese reasons citing 第二十九条 and the rule ids that decided it. */
export interface ResultApplication {
  nextYearSameTypeProject: NextYearSameTypeProject;
  unspentFunds?: 'recallToTreasury';
  /** The R-C2 cut in percent, when nextYearSameTypeProject is reduceByRatio and a ratio is set. */
  reduceRatio?: number;
  reasons: string[];
  ruleIds: string[];
}

const BASIS = '《预算绩效管理内部工作规程》第二十九条(五)1(1)';
const GRADE_ZH: Record<Grade, string> = { excellent: '优', good: '良', fair: '中', poor: '差' };

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Result application of a 自评 (R-C2, R-C3, R-C4). R-C3 (|复核 − 自评| ≥ 15, inclusive, absolute)
 * and R-C4 (violations found) are stricter and win over R-C2 (by 复核等级, else 自评等级, else the
 * grade of the 复核得分). Returns null when nothing decides the outcome (no grade, no score gap,
 * no violations), so a computed field stays empty instead of guessing.
 */
export function resultApplication(
  input: ResultApplicationInput,
  settings: ResultApplicationSettings = {},
): ResultApplication | null {
  const threshold = settings.gapThreshold ?? 15;
  const reasons: string[] = [];
  const ruleIds: string[] = [];

  if (finite(input.reviewScore) && finite(input.totalScore)) {
    // Compare on the 2-decimal gap so 93.70 − 78.70 is exactly 15.00, not 14.999….
    const gap = toDecimal(input.reviewScore)
      .minus(toDecimal(input.totalScore))
      .abs()
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    if (gap.gte(String(threshold))) {
      ruleIds.push('R-C3');
      reasons.push(
        `抽查复核得分 ${round2(input.reviewScore).toFixed(2)} 与自评得分 ${round2(input.totalScore).toFixed(2)} 相差 ${gap.toFixed(2)} 分（${threshold} 分以上），依据${BASIS}：不再安排或在整改到位前不予安排，其中未支出资金收回财政`,
      );
    }
  }
  if (Array.isArray(input.violations) && input.violations.length > 0) {
    ruleIds.push('R-C4');
    reasons.push(
      `巡视、审计、财会监督等发现违规违纪问题（${input.violations.length} 项），依据${BASIS}：不再安排或在整改到位前不予安排，其中未支出资金收回财政`,
    );
  }

  const byGrade: Grade | undefined =
    input.reviewGrade ??
    (finite(input.reviewScore) ? gradeOf(input.reviewScore) : undefined) ??
    input.selfGrade ??
    undefined;

  if (ruleIds.length > 0) {
    if (byGrade) {
      reasons.push(`复核等级为“${GRADE_ZH[byGrade]}”，按等级应用的结果被更严格的规定取代`);
    }
    return { nextYearSameTypeProject: 'blockedUntilRectified', unspentFunds: 'recallToTreasury', reasons, ruleIds };
  }
  if (!byGrade) return null;

  const label = GRADE_ZH[byGrade];
  switch (byGrade) {
    case 'excellent':
    case 'good':
      return {
        nextYearSameTypeProject: 'priority',
        reasons: [`复核结果为“${label}”，依据${BASIS}：根据实际需要优先申报下一年度同类型项目`],
        ruleIds: ['R-C2'],
      };
    case 'fair': {
      const ratio = settings.reduceRatio;
      const ratioText = finite(ratio) ? `按 ${ratio}% 的比例` : '按一定比例';
      return {
        nextYearSameTypeProject: 'reduceByRatio',
        ...(finite(ratio) ? { reduceRatio: ratio } : {}),
        reasons: [`复核结果为“${label}”，依据${BASIS}：应${ratioText}压减下一年度同类型项目申报预算`],
        ruleIds: ['R-C2'],
      };
    }
    case 'poor':
      return {
        nextYearSameTypeProject: 'notAllowed',
        reasons: [`复核结果为“${label}”，依据${BASIS}：不予申报下一年度同类型项目`],
        ruleIds: ['R-C2'],
      };
  }
}
