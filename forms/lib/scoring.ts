/**
 * 自评 scoring: weights, row formulas and grades (rules R-C9, R-C10, R-C11 in docs/rules.md). Every
 * choice the national template leaves open (negative curve, equality rule, overshoot k, execution
 * curve, weight split) is a setting with a default (docs/decisions.md lists them for the bureau).
 */
import type { FieldError } from './definitions';
import { Decimal, toDecimal } from './money';

/** 计算符号: gte ≥, gt ＞, eq ＝, lt ＜, lte ≤, qual 定性. */
export type Operator = 'gte' | 'gt' | 'eq' | 'lt' | 'lte' | 'qual';

/** 一级指标 keys (variant A plus 成本 of variant B). */
export type Level1 = 'output' | 'benefit' | 'satisfaction' | 'cost';

/** The fields of an indicator row (IndicatorRow, plus the 自评 columns) the scoring reads. */
export interface ScoringRow {
  operator?: string;
  targetValue?: number | string | null;
  actualValue?: number | string | null;
  weight?: number | string | null;
  level1?: string;
}

/** Configurable scoring choices; every field is optional and has the default documented on it. */
export interface ScoringSettings {
  /** Overshoot threshold k: flag when B/A ≥ k (positive) or A/B ≥ k (negative). Default 1.3. */
  overshootK?: number;
  /** Negative-indicator curve when B > A: 'ratio' = A/B × w (default), 'linear' = (1 − (B−A)/A) × w. */
  negativeCurve?: 'ratio' | 'linear';
  /** Equality rule: 'deviation' = w × max(0, 1 − |B−A|/A) (default), 'positive' = like gte (as some provincial systems do). */
  eqCurve?: 'deviation' | 'positive';
  /** Level-1 weights without execution (default 产出 50, 效益 30, 满意度 10). */
  levelWeights?: Partial<Record<Level1, number>>;
  /** 预算执行率 weight (default 10). */
  executionWeight?: number;
  /** Level-1 that takes the 满意度 weight when there is no 满意度 row (default 'benefit'). */
  noSatisfactionMoveTo?: Exclude<Level1, 'satisfaction'>;
  /** 预算执行率 score curve: 'linear' (default) or 'bands' (step bands, see executionBands). */
  executionCurve?: 'linear' | 'bands';
  /** Step bands for executionCurve 'bands': the first band with rate ≥ minRate gives ratio × w. */
  executionBands?: { minRate: number; ratio: number }[];
  /** JSON Pointer of the indicator array, used in the paths of checkWeights errors. Default '/indicators'. */
  indicatorsPath?: string;
}

/** Result of a row: score is null for 定性 rows (entered by the filler) and for incomplete rows. */
export interface RowScore {
  score: number | null;
  overshoot: boolean;
}

const DEFAULT_K = 1.3;

function num(x: unknown): Decimal | null {
  if (typeof x === 'number' && Number.isFinite(x)) return new Decimal(String(x));
  if (typeof x === 'string' && x.trim() !== '') {
    try {
      return toDecimal(x);
    } catch {
      return null;
    }
  }
  return null;
}

function finish(raw: Decimal, w: Decimal): number {
  const clamped = Decimal.min(Decimal.max(raw, 0), w);
  const r = clamped.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
  return r === 0 ? 0 : r;
}

/**
 * Score of one quantitative indicator row by the 自评 formulas (R-C9), clamped to [0, w] and rounded
 * half-up to 2 decimals, plus the overshoot flag (actual far better than target).
 * Examples: gte A=6 B=5 w=10 → 8.33; lte A=0.60 B=0.62 w=10 → 9.68.
 */
export function rowScore(row: ScoringRow, settings: ScoringSettings = {}): RowScore {
  const op = row.operator as Operator | undefined;
  if (op === 'qual') return { score: null, overshoot: false };
  const a = num(row.targetValue);
  const b = num(row.actualValue);
  const w = num(row.weight);
  if (!a || !b || !w || w.isNegative()) return { score: null, overshoot: false };
  const k = new Decimal(String(settings.overshootK ?? DEFAULT_K));

  switch (op) {
    case 'gte':
    case 'gt': {
      let raw: Decimal;
      if (b.gte(a)) raw = w;
      else if (a.lte(0))
        raw = new Decimal(0); // B < A ≤ 0: a ratio would have no meaning
      else raw = b.div(a).times(w);
      const overshoot = a.gt(0) && b.div(a).gte(k);
      return { score: finish(raw, w), overshoot };
    }
    case 'lte':
    case 'lt': {
      let raw: Decimal;
      if (b.lte(a)) raw = w;
      else if (settings.negativeCurve === 'linear') {
        // Alternative curve some provincial systems use: linear drop, 0 once B ≥ 2A.
        raw = a.lte(0) ? new Decimal(0) : new Decimal(1).minus(b.minus(a).div(a)).times(w);
      } else {
        raw = b.lte(0) ? new Decimal(0) : a.div(b).times(w);
      }
      // B = 0 on a cost-type target is "infinitely" better than the target: flag it.
      const overshoot = a.gt(0) && (b.lte(0) || a.div(b).gte(k));
      return { score: finish(raw, w), overshoot };
    }
    case 'eq': {
      let raw: Decimal;
      if (b.equals(a)) raw = w;
      else if (a.isZero())
        raw = b.lte(0) ? w : new Decimal(0); // target 0: full marks only for 0 (or less)
      else if (settings.eqCurve === 'positive') raw = b.gte(a) ? w : b.div(a).times(w);
      else raw = w.times(Decimal.max(0, new Decimal(1).minus(b.minus(a).abs().div(a.abs()))));
      return { score: finish(raw, w), overshoot: false };
    }
    default:
      return { score: null, overshoot: false };
  }
}

/** 定性 achievement levels (the three bands of the national 自评表, 财预〔2020〕10号). */
export type QualAchievement = 'achieved' | 'partly' | 'notAchieved';

/** Allowed score range of a 定性 row: [min, max] or [min, max) when maxInclusive is false. */
export interface QualBand {
  min: number;
  max: number;
  maxInclusive: boolean;
}

/**
 * Score band of a 定性 row: achieved [0.8w, w], partly [0.6w, 0.8w), notAchieved [0, 0.6w).
 * "（含）" in the national 自评表 puts 80 % in the top band and 60 % in the middle band.
 */
export function qualBand(achievement: QualAchievement, weight: number): QualBand {
  const w = new Decimal(String(weight));
  const at = (r: string) => w.times(r).toNumber();
  switch (achievement) {
    case 'achieved':
      return { min: at('0.8'), max: w.toNumber(), maxInclusive: true };
    case 'partly':
      return { min: at('0.6'), max: at('0.8'), maxInclusive: false };
    case 'notAchieved':
      return { min: 0, max: at('0.6'), maxInclusive: false };
    default:
      throw new RangeError(`未知的定性完成情况：${String(achievement)}`);
  }
}

/** True when a 定性 score lies in the band of its achievement level (compared in decimal). */
export function qualScoreInBand(achievement: QualAchievement, weight: number, score: number): boolean {
  if (!Number.isFinite(score) || !Number.isFinite(weight)) return false;
  const band = qualBand(achievement, weight);
  const s = new Decimal(String(score));
  if (s.lt(String(band.min))) return false;
  return band.maxInclusive ? s.lte(String(band.max)) : s.lt(String(band.max));
}

/**
 * 预算执行率 = 全年执行数 / 全年预算数 × 100, 2 decimals half-up; null when the budget is 0
 * (the rate is undefined and a manual note is required, rule R-C9).
 */
export function executionRate(executed: string | number, fullYearBudget: string | number): number | null {
  const budget = toDecimal(fullYearBudget);
  if (budget.isZero()) return null;
  return toDecimal(executed).div(budget).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

/**
 * Score of the 预算执行率 row: linear w × min(rate, 100) / 100 (default) or step bands, 2 decimals;
 * 0 when the rate is null. Example: 96.91 % of 10 → 9.69.
 */
export function executionScore(rate: number | null | undefined, weight = 10, settings: ScoringSettings = {}): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  const w = new Decimal(String(weight));
  const r = Decimal.max(new Decimal(String(rate)), 0);
  if (settings.executionCurve === 'bands') {
    const bands = [...(settings.executionBands ?? [])].sort((x, y) => y.minRate - x.minRate);
    const band = bands.find((bd) => r.gte(String(bd.minRate)));
    return band ? finish(w.times(String(band.ratio)), w) : 0;
  }
  return finish(w.times(Decimal.min(r, 100)).div(100), w);
}

/** Grade keys: 优, 良, 中, 差 (R-C11). */
export type Grade = 'excellent' | 'good' | 'fair' | 'poor';

/** Chinese labels of the grades. */
export const GRADE_LABELS: Readonly<Record<Grade, string>> = Object.freeze({
  excellent: '优',
  good: '良',
  fair: '中',
  poor: '差',
});

/**
 * Grade of a total on its 2-decimal half-up rounding with half-open bands (R-C11):
 * ≥ 90 优, [80, 90) 良, [60, 80) 中, < 60 差. 89.99 is 良; 89.995 rounds to 90.00 and is 优.
 */
export function grade(score: number | string): Grade {
  const s = toDecimal(score).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (s.gte(90)) return 'excellent';
  if (s.gte(80)) return 'good';
  if (s.gte(60)) return 'fair';
  return 'poor';
}

/** Sum of row weights per 一级指标, in decimal (rows without a numeric weight count 0). */
export function levelWeights(rows: readonly ScoringRow[]): Record<string, number> {
  const acc: Record<string, Decimal> = {};
  for (const row of rows ?? []) {
    if (!row || typeof row.level1 !== 'string') continue;
    const w = num(row.weight) ?? new Decimal(0);
    acc[row.level1] = (acc[row.level1] ?? new Decimal(0)).plus(w);
  }
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(acc)) out[k] = v.toNumber();
  return out;
}

const LEVEL_LABELS: Record<string, string> = {
  output: '产出指标',
  benefit: '效益指标',
  satisfaction: '满意度指标',
  cost: '成本指标',
};

/** Expected level-1 weights after the 满意度 redistribution (R-C10). */
export function expectedLevelWeights(
  rows: readonly ScoringRow[],
  settings: ScoringSettings = {},
): Record<string, number> {
  const base = { output: 50, benefit: 30, satisfaction: 10, ...settings.levelWeights };
  const expected: Record<string, number> = { ...base } as Record<string, number>;
  const hasSatisfaction = (rows ?? []).some((r) => r?.level1 === 'satisfaction');
  if (!hasSatisfaction && (expected.satisfaction ?? 0) > 0) {
    const to = settings.noSatisfactionMoveTo ?? 'benefit';
    expected[to] = new Decimal(String(expected[to] ?? 0)).plus(String(expected.satisfaction)).toNumber();
    expected.satisfaction = 0;
  }
  return expected;
}

/**
 * Weight checks of R-C10: each 一级指标 sums to its weight (default 产出 50, 效益 30, 满意度 10),
 * the 满意度 weight moves to `noSatisfactionMoveTo` (default 效益) when there is no 满意度 row,
 * 成本 (variant B) shares the 产出 weight, and Σ rows + 执行率 weight = 100.
 */
export function checkWeights(rows: readonly ScoringRow[], settings: ScoringSettings = {}): FieldError[] {
  const path = settings.indicatorsPath ?? '/indicators';
  const errors: FieldError[] = [];
  const actual = levelWeights(rows);
  const expected = expectedLevelWeights(rows, settings);
  const sum = (...xs: (number | undefined)[]) =>
    xs.reduce<Decimal>((acc, x) => acc.plus(String(x ?? 0)), new Decimal(0)).toNumber();

  const hasCost = (rows ?? []).some((r) => r?.level1 === 'cost');
  if (hasCost && expected.cost === undefined) {
    // Variant B: 成本 + 产出 together carry the 产出 weight; the split is the unit's.
    const got = sum(actual.output, actual.cost);
    if (got !== expected.output) {
      errors.push({ path, message: `产出指标与成本指标分值合计为 ${got}，应为 ${expected.output}` });
    }
  }
  for (const [level, want] of Object.entries(expected)) {
    if (hasCost && expected.cost === undefined && level === 'output') continue;
    const got = actual[level] ?? 0;
    if (got !== want) {
      const label = LEVEL_LABELS[level] ?? level;
      errors.push({ path, message: `${label}分值合计为 ${got}，应为 ${want}` });
    }
  }
  const execution = settings.executionWeight ?? 10;
  const total = sum(...Object.values(actual), execution);
  if (total !== 100) {
    errors.push({
      path,
      message: `指标分值合计 ${sum(...Object.values(actual))} 加预算执行率分值 ${execution} 为 ${total}，应为 100`,
    });
  }
  return errors;
}
