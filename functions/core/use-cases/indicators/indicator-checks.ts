import type { ErrorDetail } from '../../errors';
import type { IndicatorLevel1 } from '../../model';
import type { Deps } from '../../ports';

/** 二级指标 allowed under each 一级指标 (variants A and B, see docs/domain.md). */
export const INDICATOR_LEVEL2: Record<IndicatorLevel1, string[]> = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  benefit: ['economic', 'social', 'ecological', 'sustainable'],
  satisfaction: ['serviceRecipient'],
  cost: ['economicCost', 'socialCost', 'ecoEnvCost'],
};
const OPERATORS = ['gte', 'gt', 'eq', 'lt', 'lte', 'qual'];
const FORM_ID = /^[a-z][a-z0-9-]{1,39}$/;
export const INDICATOR_ID = /^[a-z0-9][a-z0-9-]{1,37}$/;

export interface IndicatorFields {
  level1: string;
  level2: string;
  name: string;
  unit?: string;
  operator?: string;
  content?: string;
  scoringStandard?: string;
  forms?: string[];
  years?: number[];
  disabled?: boolean;
}

const len = (s: string) => [...s].length;

/** Field checks shared by create and update; lengths are counted in code points, like the form schemas' maxLength. */
export async function checkIndicatorFields(deps: Deps, f: IndicatorFields): Promise<ErrorDetail[]> {
  const errors: ErrorDetail[] = [];
  const level2 = INDICATOR_LEVEL2[f.level1 as IndicatorLevel1];
  if (!level2)
    errors.push({
      path: '/level1',
      message: '一级指标应为 产出（output）、效益（benefit）、满意度（satisfaction）或 成本（cost）',
    });
  else if (!level2.includes(f.level2))
    errors.push({ path: '/level2', message: `二级指标与一级指标不匹配，应为 ${level2.join('、')} 之一` });
  const name = f.name?.trim() ?? '';
  if (len(name) < 2 || len(name) > 50 || /[<>]/.test(name))
    errors.push({ path: '/name', message: '三级指标名称为2–50字，且不能包含 < >' });
  if (f.operator !== undefined && !OPERATORS.includes(f.operator))
    errors.push({ path: '/operator', message: '计算符号应为 ≥、＞、＝、＜、≤ 或 定性' });
  const unit = f.unit ?? '';
  if (len(unit) > 20 || /[<>]/.test(unit)) errors.push({ path: '/unit', message: '计量单位不超过20字' });
  if (!unit.trim() && f.operator !== undefined && f.operator !== 'qual')
    errors.push({ path: '/unit', message: '定量指标须填写计量单位' });
  if (!f.content?.trim() || len(f.content) > 2000)
    errors.push({ path: '/content', message: '指标解释必填，不超过2000字' });
  if (f.scoringStandard !== undefined && len(f.scoringStandard) > 2000)
    errors.push({ path: '/scoringStandard', message: '评（扣）分标准不超过2000字' });
  const forms = f.forms ?? [];
  if (new Set(forms).size !== forms.length) errors.push({ path: '/forms', message: '适用表单不能重复' });
  for (const [i, id] of forms.entries()) {
    if (!FORM_ID.test(id) || !(await deps.forms.getHead(id)))
      errors.push({ path: `/forms/${i}`, message: `表单「${id}」不存在` });
  }
  const years = f.years ?? [];
  if (new Set(years).size !== years.length) errors.push({ path: '/years', message: '适用年度不能重复' });
  years.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 2000 || y > 2100)
      errors.push({ path: `/years/${i}`, message: '年度应为2000–2100的整数' });
  });
  return errors;
}

/** The editable content of an indicator, trimmed and normalized the same way on create and update. */
export function indicatorContent(f: IndicatorFields) {
  return {
    level1: f.level1 as IndicatorLevel1,
    level2: f.level2,
    name: f.name.trim(),
    unit: (f.unit ?? '').trim(),
    ...(f.operator ? { operator: f.operator } : {}),
    content: (f.content ?? '').trim(),
    ...(f.scoringStandard?.trim() ? { scoringStandard: f.scoringStandard.trim() } : {}),
    forms: f.forms ?? [],
    years: [...(f.years ?? [])].sort((a, b) => a - b),
    ...(f.disabled ? { disabled: true as const } : {}),
  };
}
