/** Chinese labels of the 三级指标体系 codes, for workbooks (export and the 指标库 import template). */
export const LEVEL1_LABELS: Record<string, string> = {
  output: '产出指标',
  benefit: '效益指标',
  satisfaction: '满意度指标',
  cost: '成本指标',
};

export const LEVEL2_LABELS: Record<string, string> = {
  quantity: '数量指标',
  quality: '质量指标',
  timeliness: '时效指标',
  cost: '成本指标',
  economic: '经济效益指标',
  social: '社会效益指标',
  ecological: '生态效益指标',
  sustainable: '可持续影响指标',
  serviceRecipient: '服务对象满意度指标',
  economicCost: '经济成本指标',
  socialCost: '社会成本指标',
  ecoEnvCost: '生态环境成本指标',
};

export const OPERATOR_LABELS: Record<string, string> = {
  gte: '≥',
  gt: '＞',
  eq: '＝',
  lt: '＜',
  lte: '≤',
  qual: '定性',
};

/** Labels of enum fields by property name, used when a form's schema has codes only. */
export const ENUM_LABELS: Record<string, Record<string, string>> = {
  level1: LEVEL1_LABELS,
  level2: LEVEL2_LABELS,
  operator: OPERATOR_LABELS,
};

/** The code of a label (or the code itself); accepts half-width > < = too. */
export function codeOf(labels: Record<string, string>, text: string): string | undefined {
  const t = text.trim();
  if (labels[t]) return t;
  const alias: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '＞', '<': '＜', '=': '＝' };
  const want = alias[t] ?? t;
  return Object.entries(labels).find(([, l]) => l === want)?.[0];
}
