/** The 三级指标体系 (docs/domain.md; variant A: 财预〔2015〕88号/财预〔2020〕10号; variant B: 财预〔2021〕101号). */

import { LEVEL1_LABELS, LEVEL2_LABELS } from '../../../forms/lib/indicator-labels';

export type HierarchyVariant = 'A' | 'B';

export interface Option {
  value: string;
  label: string;
}

export { LEVEL1_LABELS, LEVEL2_LABELS };

const HIERARCHY: Record<HierarchyVariant, Record<string, string[]>> = {
  A: {
    output: ['quantity', 'quality', 'timeliness', 'cost'],
    benefit: ['economic', 'social', 'ecological', 'sustainable'],
    satisfaction: ['serviceRecipient'],
  },
  B: {
    cost: ['economicCost', 'socialCost', 'ecoEnvCost'],
    output: ['quantity', 'quality', 'timeliness'],
    benefit: ['economic', 'social', 'ecological', 'sustainable'],
    satisfaction: ['serviceRecipient'],
  },
};

export function level1Options(variant: HierarchyVariant): Option[] {
  return Object.keys(HIERARCHY[variant]).map((value) => ({ value, label: LEVEL1_LABELS[value] }));
}

export function level2Options(variant: HierarchyVariant, level1: string | undefined): Option[] {
  if (!level1) return [];
  return (HIERARCHY[variant][level1] ?? []).map((value) => ({ value, label: LEVEL2_LABELS[value] }));
}

/** Variant B when any row uses 成本 as a level-1 indicator, else the configured default. */
export function detectVariant(
  rows: readonly { level1?: unknown }[],
  fallback: HierarchyVariant = 'A',
): HierarchyVariant {
  return rows.some((r) => r?.level1 === 'cost') ? 'B' : fallback;
}

export const OPERATOR_OPTIONS: Option[] = [
  { value: 'gte', label: '≥' },
  { value: 'gt', label: '＞' },
  { value: 'eq', label: '＝' },
  { value: 'lt', label: '＜' },
  { value: 'lte', label: '≤' },
  { value: 'qual', label: '定性' },
];

export const OPERATOR_LABELS: Record<string, string> = Object.fromEntries(
  OPERATOR_OPTIONS.map((o) => [o.value, o.label]),
);

export const UNIT_SUGGESTIONS = [
  '公里',
  '座',
  '%',
  '人',
  '人次',
  '个',
  '万元',
  '元/人',
  '万元/公里·年',
  '天',
  '次',
  '户',
  '所',
  '项',
  '件',
  '台',
  '套',
  '平方米',
  '亩',
];

export const QUAL_ACHIEVEMENT_OPTIONS: Option[] = [
  { value: 'achieved', label: '达成年度指标' },
  { value: 'partly', label: '部分达成年度指标并具有一定效果' },
  { value: 'notAchieved', label: '未达成年度指标且效果较差' },
];

/** Printed target value: operator + value + unit (`≥1850公里`), or the qualitative text alone. */
export function formatTarget(row: {
  operator?: unknown;
  targetValue?: unknown;
  targetText?: unknown;
  unit?: unknown;
}): string {
  if (row.operator === 'qual') return typeof row.targetText === 'string' ? row.targetText : '';
  const op = typeof row.operator === 'string' ? (OPERATOR_LABELS[row.operator] ?? '') : '';
  const value = row.targetValue === undefined || row.targetValue === null ? '' : String(row.targetValue);
  const unit = typeof row.unit === 'string' ? row.unit : '';
  return `${op}${value}${unit}`;
}
