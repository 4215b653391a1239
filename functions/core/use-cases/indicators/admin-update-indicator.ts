import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, Indicator } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';
import { checkIndicatorFields, type IndicatorFields, indicatorContent } from './indicator-checks';

/**
 * Change an indicator of the library (admin), on the version the admin loaded. Indicators are never
 * deleted: `disabled: true` stops offering one while rows that used it keep pointing to it.
 * 1. admin only  2. load (404)  3. version check (409)  4. field checks  5. write on the expected version
 */
export async function updateIndicator(
  deps: Deps,
  input: { actor: Actor; id: string; indicator: IndicatorFields & { version: number } },
): Promise<Indicator> {
  requireRole(input.actor, 'admin');
  const before = await deps.indicators.get(input.id);
  if (!before) throw new NotFoundError('指标不存在');
  const f = input.indicator;
  if (f.version !== before.version) throw new ConflictError('指标已被他人修改，请刷新后重试');
  const errors = await checkIndicatorFields(deps, f);
  if (errors.length) throw new ValidationError('指标信息不正确', errors);
  const { operator: _o, scoringStandard: _s, disabled: _d, ...rest } = before;
  const next: Indicator = {
    ...rest,
    ...indicatorContent(f),
    version: before.version + 1,
    updatedAt: deps.clock.now(),
    updatedBy: input.actor.id,
  };
  await deps.indicators.update(next, before);
  return next;
}
