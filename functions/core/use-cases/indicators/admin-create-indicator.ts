import { ValidationError } from '../../errors';
import type { Actor, Indicator } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { idempotencyRecord } from '../review/transition';
import { requireRole } from '../support/access';
import { checkIndicatorFields, INDICATOR_ID, type IndicatorFields, indicatorContent } from './indicator-checks';

/**
 * Add an indicator to the 县级预算绩效指标库 (第十八条; admin).
 * 1. admin only  2. field checks (levels, name, unit, forms that exist, years)
 * 3. one transaction: the indicator + its name guard (409 when the id or the name under the same 二级指标 is taken)
 */
export async function createIndicator(
  deps: Deps,
  input: { actor: Actor; indicator: IndicatorFields & { id?: string }; idem?: IdempotencyRequest },
): Promise<Indicator> {
  requireRole(input.actor, 'admin');
  const f = input.indicator;
  const errors = await checkIndicatorFields(deps, f);
  if (f.id !== undefined && !INDICATOR_ID.test(f.id))
    errors.push({ path: '/id', message: '指标编号为2–38位小写字母、数字或连字符' });
  if (errors.length) throw new ValidationError('指标信息不正确', errors);
  const now = deps.clock.now();
  const indicator: Indicator = {
    id: f.id ?? deps.ids.newId(),
    ...indicatorContent(f),
    version: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: input.actor.id,
  };
  await deps.indicators.create(indicator, idempotencyRecord(input.actor, input.idem, indicator));
  return indicator;
}
