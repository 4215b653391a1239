import type { Actor, Indicator } from '../../model';
import type { Deps } from '../../ports';

export interface IndicatorQuery {
  formId?: string;
  year?: number;
  level1?: string;
  /** Admins may ask for disabled ones too (the library page). */
  includeDisabled?: boolean;
}

/**
 * The 指标库 as offered to a form (any signed-in user; departments read the 指标解释 to pick and fill
 * rows). An indicator with no forms (years) applies to every form (year). Disabled ones only for admins.
 * 1. the library (one bounded Query)  2. filters  3. ordered by level1, level2, name
 */
export async function listIndicators(deps: Deps, input: { actor: Actor; query: IndicatorQuery }): Promise<Indicator[]> {
  const q = input.query;
  const withDisabled = Boolean(q.includeDisabled) && input.actor.roles.includes('admin');
  return (await deps.indicators.list()).filter(
    (i) =>
      (withDisabled || !i.disabled) &&
      (!q.level1 || i.level1 === q.level1) &&
      (!q.formId || i.forms.length === 0 || i.forms.includes(q.formId)) &&
      (q.year === undefined || i.years.length === 0 || i.years.includes(q.year)),
  );
}
