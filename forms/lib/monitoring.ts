/**
 * 绩效运行监控 ("双监控", 规程第十九–二十三条): 时序进度, the execution-to-time index, indicator progress and the
 * warning lights of the project monitoring form (rules R-M2, R-M5, R-M6 in docs/rules.md). Thresholds are
 * settings of the form (logic.json); the defaults below are the ones the form ships with.
 */
import { Decimal } from './money';

export type Light = 'green' | 'yellow' | 'red' | 'blue' | 'grey';

export interface MonitoringSettings {
  /** Funds light from executionToTimeIndex: red below `red`, yellow below `yellow` (default 60 / 80). */
  fundsLightBands?: { red: number; yellow: number };
  /** Indicator light from progress p (%): red below `red`, yellow below `yellow`, blue from `overshoot` (60 / 80 / 120). */
  indicatorLightBands?: { red: number; yellow: number; overshoot: number };
}

export interface MonitoringRow {
  operator?: string;
  progressMode?: string;
  targetValue?: number | null;
  actualToDate?: number | null;
  qualitativeProgress?: string;
  milestoneDone?: boolean;
}

const FUNDS = { red: 60, yellow: 80 };
const INDICATOR = { red: 60, yellow: 80, overshoot: 120 };

const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** 时序进度 of a monitoring point 1–N月: N / 12 × 100, 2 decimals (1–7月 → 58.33). */
export function timeProgress(cutoffMonth: number): number | null {
  if (!Number.isInteger(cutoffMonth) || cutoffMonth < 1 || cutoffMonth > 12) return null;
  return round2(new Decimal(cutoffMonth).div(12).times(100));
}

/** 执行偏离 as a ratio: executionRate / timeProgress × 100 (41.14 / 58.33 → 70.53). */
export function executionToTimeIndex(rate: number, progress: number): number | null {
  if (!finite(rate) || !finite(progress) || progress === 0) return null;
  return round2(new Decimal(String(rate)).div(new Decimal(String(progress))).times(100));
}

/** 执行偏离 in points: timeProgress − executionRate (58.33 − 41.14 → 17.19). */
export function executionGap(rate: number, progress: number): number | null {
  if (!finite(rate) || !finite(progress)) return null;
  return round2(new Decimal(String(progress)).minus(new Decimal(String(rate))));
}

/** R-M5: the funds light from the execution-to-time index. */
export function fundsLight(index: number | null | undefined, settings: MonitoringSettings = {}): Light {
  if (!finite(index)) return 'grey';
  const b = { ...FUNDS, ...settings.fundsLightBands };
  return index < b.red ? 'red' : index < b.yellow ? 'yellow' : 'green';
}

/**
 * Progress of an indicator row at month N (%), by its 进度口径: cumulative rows against the pro-rated target
 * (target × N / 12), state rows against the target itself. Null when it does not apply (定性, 反向, 节点, not
 * measured yet, zero target).
 */
export function indicatorProgress(row: MonitoringRow, cutoffMonth: number): number | null {
  const op = row.operator;
  if (op !== 'gte' && op !== 'gt' && op !== 'eq') return null;
  if (!finite(row.actualToDate) || !finite(row.targetValue) || row.targetValue === 0) return null;
  const actual = new Decimal(String(row.actualToDate));
  const target = new Decimal(String(row.targetValue));
  if (op === 'eq' && actual.equals(target)) return 100;
  if (row.progressMode === 'cumulative') {
    if (!Number.isInteger(cutoffMonth) || cutoffMonth < 1 || cutoffMonth > 12) return null;
    return round2(actual.div(target.times(cutoffMonth).div(12)).times(100));
  }
  if (row.progressMode === 'state') return round2(actual.div(target).times(100));
  return null;
}

/** The warning light of one indicator row (§ table of the form's help: 正向 bands, 反向 limit, 定性, 节点, 未到测量期). */
export function indicatorLight(row: MonitoringRow, cutoffMonth: number, settings: MonitoringSettings = {}): Light {
  const b = { ...INDICATOR, ...settings.indicatorLightBands };
  if (row.operator === 'qual') {
    if (row.qualitativeProgress === 'achieved') return 'green';
    if (row.qualitativeProgress === 'partly') return 'yellow';
    if (row.qualitativeProgress === 'notAchieved') return 'red';
    return 'grey';
  }
  if (row.progressMode === 'milestone') {
    if (row.milestoneDone === true) return 'green';
    if (row.milestoneDone === false) return 'red';
    return 'grey';
  }
  if (!finite(row.actualToDate)) return 'grey';
  if (row.operator === 'lte' || row.operator === 'lt') {
    if (!finite(row.targetValue)) return 'grey';
    const within = row.operator === 'lte' ? row.actualToDate <= row.targetValue : row.actualToDate < row.targetValue;
    return within ? 'green' : 'red';
  }
  const p = indicatorProgress(row, cutoffMonth);
  if (p === null) return 'grey';
  return p < b.red ? 'red' : p < b.yellow ? 'yellow' : p >= b.overshoot ? 'blue' : 'green';
}

const SEVERITY: Light[] = ['red', 'yellow', 'green', 'blue'];

/** 目标执行预警: the worst row light (red > yellow > green > blue); rows not measured yet take no part. */
export function worstLight(lights: readonly unknown[]): Light {
  for (const l of SEVERITY) if (lights.includes(l)) return l;
  return 'grey';
}

/** 项目综合灯: red if the funds or the goal light is red, yellow if either is yellow, else green. */
export function overallLight(funds: unknown, goal: unknown): Light {
  if (funds === 'red' || goal === 'red') return 'red';
  if (funds === 'yellow' || goal === 'yellow') return 'yellow';
  return 'green';
}
