/**
 * The domain functions of forms/lib as JSONata functions ($toMoney, $sumMoney, $rowScore, $grade,
 * $duplicates …), registered on every compiled expression by expressions.ts.
 */

import { addMoney, moneyEquals, percentOf, round2, subMoney, sumMoney, toMoney } from './money';
import {
  executionGap,
  executionToTimeIndex,
  fundsLight,
  indicatorLight,
  indicatorProgress,
  type MonitoringRow,
  type MonitoringSettings,
  overallLight,
  timeProgress,
  worstLight,
} from './monitoring';
import {
  deptSelfEvalApplication,
  exAnteScoreProblems,
  financeEvalDeptApplication,
  financeEvalProjectApplication,
  reviewReduction,
} from './result-rules';
import { exAnteConclusion, isLate, resultApplication } from './rules';
import {
  executionRate,
  executionScore,
  GRADE_LABELS,
  type Grade,
  grade,
  type QualAchievement,
  qualScoreInBand,
  rowScore,
  type ScoringRow,
  type ScoringSettings,
} from './scoring';
import { addWorkingDays } from './working-days';

type Focus = { environment: { lookup(name: string): unknown } };

function settingsOf(focus: Focus): Record<string, unknown> {
  const s = focus.environment.lookup('settings');
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
}

function toList(x: unknown): unknown[] {
  if (x === undefined) return [];
  return Array.isArray(x) ? [...x] : [x];
}

/** JSONata has no null-as-absent: a rate over a zero budget must leave the field empty, not null. */
function orUndefined<T>(x: T | null): T | undefined {
  return x === null ? undefined : x;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/** The domain functions, as registered on every compiled expression. */
export const DOMAIN_FUNCTIONS: Record<string, (this: Focus, ...args: unknown[]) => unknown> = {
  toMoney: (x) => (x === undefined || x === null || x === '' ? undefined : toMoney(x as string | number)),
  sumMoney: (xs) => sumMoney(toList(xs) as (string | number | null)[]),
  addMoney: (...xs) =>
    addMoney(...(xs.flatMap(toList).filter((x) => x !== undefined && x !== null && x !== '') as (string | number)[])),
  subMoney: (a, b) => (a === undefined || b === undefined ? undefined : subMoney(a as string, b as string)),
  moneyEquals: (a, b) => moneyEquals(a, b),
  percentOf: (part, whole) =>
    part === undefined || whole === undefined ? undefined : orUndefined(percentOf(part as string, whole as string)),
  round2: (n) => (n === undefined || n === null ? undefined : round2(n as number)),
  rowScore(this: Focus, row, settings) {
    if (!isObject(row)) return undefined;
    const s = (isObject(settings) ? settings : settingsOf(this)) as ScoringSettings;
    return orUndefined(rowScore(row as ScoringRow, s).score);
  },
  overshoot(this: Focus, row, settings) {
    if (!isObject(row)) return undefined;
    const s = (isObject(settings) ? settings : settingsOf(this)) as ScoringSettings;
    return rowScore(row as ScoringRow, s).overshoot;
  },
  qualScoreInBand: (achievement, weight, score) => {
    if (typeof achievement !== 'string' || num(weight) === undefined || num(score) === undefined) return undefined;
    return qualScoreInBand(achievement as QualAchievement, weight as number, score as number);
  },
  executionRate: (executed, budget) =>
    executed === undefined || budget === undefined
      ? undefined
      : orUndefined(executionRate(executed as string, budget as string)),
  executionScore(this: Focus, rate, weight) {
    return executionScore(num(rate) ?? null, num(weight) ?? 10, settingsOf(this) as ScoringSettings);
  },
  grade: (score) => (num(score) === undefined ? undefined : grade(score as number)),
  gradeLabel: (x) => {
    if (typeof x === 'string' && Object.hasOwn(GRADE_LABELS, x)) return GRADE_LABELS[x as Grade];
    if (num(x) !== undefined) return GRADE_LABELS[grade(x as number)];
    return undefined;
  },
  exAnteConclusion(this: Focus, total, bands) {
    if (num(total) === undefined) return undefined;
    const b = isObject(bands) ? bands : settingsOf(this).exAnteBands;
    return isObject(b) ? exAnteConclusion(total as number, b as never) : exAnteConclusion(total as number);
  },
  addWorkingDays: (start, days) =>
    typeof start !== 'string' || num(days) === undefined ? undefined : addWorkingDays(start, days as number).date,
  isLate: (submittedAt, fiscalYear, upperNoticeDeadline) =>
    typeof submittedAt !== 'string' || num(fiscalYear) === undefined
      ? undefined
      : isLate(
          submittedAt,
          fiscalYear as number,
          typeof upperNoticeDeadline === 'string' ? upperNoticeDeadline : undefined,
        ),
  duplicates: (rows, keys) => duplicateRows(rows, keys),
  resultApplication(this: Focus, input, settings) {
    if (!isObject(input)) return undefined;
    const all = settingsOf(this);
    const s = isObject(settings) ? settings : isObject(all.resultApplication) ? all.resultApplication : all;
    return orUndefined(
      resultApplication(input, { gapThreshold: num(s.gapThreshold), reduceRatio: num(s.reduceRatio) }),
    );
  },
  // 绩效运行监控 (monitoring.ts): 时序进度, 执行偏离, warning lights.
  timeProgress: (n) => (num(n) === undefined ? undefined : orUndefined(timeProgress(n as number))),
  executionToTimeIndex: (rate, progress) =>
    num(rate) === undefined || num(progress) === undefined
      ? undefined
      : orUndefined(executionToTimeIndex(rate as number, progress as number)),
  executionGap: (rate, progress) =>
    num(rate) === undefined || num(progress) === undefined
      ? undefined
      : orUndefined(executionGap(rate as number, progress as number)),
  fundsLight(this: Focus, index) {
    return fundsLight(num(index) ?? null, settingsOf(this) as MonitoringSettings);
  },
  indicatorProgress: (row, n) =>
    isObject(row) && num(n) !== undefined
      ? orUndefined(indicatorProgress(row as MonitoringRow, n as number))
      : undefined,
  indicatorLight(this: Focus, row, n) {
    if (!isObject(row)) return undefined;
    return indicatorLight(row as MonitoringRow, num(n) ?? 0, settingsOf(this) as MonitoringSettings);
  },
  worstLight: (lights) => worstLight(toList(lights)),
  overallLight: (funds, goal) => overallLight(funds, goal),
  deptSelfEvalApplication(this: Focus, input) {
    if (!isObject(input)) return undefined;
    const all = settingsOf(this);
    const s = isObject(all.resultApplication) ? all.resultApplication : all;
    return deptSelfEvalApplication(input, { gapThreshold: num(s.gapThreshold) });
  },
  financeEvalProjectApplication: (g) =>
    typeof g === 'string' && Object.hasOwn(GRADE_LABELS, g) ? financeEvalProjectApplication(g as Grade) : undefined,
  financeEvalDeptApplication(this: Focus, g) {
    if (typeof g !== 'string' || !Object.hasOwn(GRADE_LABELS, g)) return undefined;
    const all = settingsOf(this);
    const s = isObject(all.resultApplication) ? all.resultApplication : all;
    return financeEvalDeptApplication(g as Grade, { deptCutRatio: num(s.deptCutRatio) });
  },
  reviewReduction: (submitted, approved) =>
    orUndefined(reviewReduction(submitted as string | undefined, approved as string | undefined)),
  exAnteScoreProblems(this: Focus, total, scores) {
    const w = settingsOf(this).dimensionWeights;
    return exAnteScoreProblems(num(total), isObject(scores) ? scores : undefined, isObject(w) ? w : {});
  },
};

/**
 * Indexes (ascending) of the rows whose values at `keys` equal those of another row: one pass with a
 * hash map, linear in the rows. Rows missing any key (absent, null or "") take no part, as a row
 * without a name cannot clash. `keys` is one field name or a list of them.
 */
export function duplicateRows(rows: unknown, keys: unknown): number[] {
  const names = (Array.isArray(keys) ? keys : [keys]).filter((k): k is string => typeof k === 'string');
  if (names.length === 0) return [];
  const seen = new Map<string, number[]>();
  toList(rows).forEach((row, i) => {
    if (!isObject(row)) return;
    const values: unknown[] = [];
    for (const k of names) {
      const v = Object.hasOwn(row, k) ? row[k] : undefined;
      if (v === undefined || v === null || v === '') return;
      values.push(v);
    }
    const key = JSON.stringify(values);
    const list = seen.get(key);
    if (list) list.push(i);
    else seen.set(key, [i]);
  });
  const out: number[] = [];
  for (const list of seen.values()) if (list.length > 1) out.push(...list);
  return out.sort((a, b) => a - b);
}
