import { ValidationError } from '../../errors';
import type { Actor, Unit, UnitKind } from '../../model';
import type { Deps, IdempotencyRequest } from '../../ports';
import { idempotencyRecord } from '../review/transition';
import { requireRole } from '../support/access';
import { checkUnitFields, UNIT_ID, type UnitFields } from './org-checks';

/**
 * Add a unit (admin): a department with its 归口 业务股室 (第八条), a bureau section, a center or a group.
 * 1. admin only  2. id and field checks against the organisation  3. create if the id is free (409 otherwise)
 */
export async function createUnit(
  deps: Deps,
  input: { actor: Actor; unit: UnitFields & { id: string }; idem?: IdempotencyRequest },
): Promise<Unit> {
  requireRole(input.actor, 'admin');
  const f = input.unit;
  const units = await deps.org.listUnits();
  const errors = checkUnitFields(f, units, f.id);
  if (!UNIT_ID.test(f.id)) errors.push({ path: '/id', message: '单位编号为2–40位小写字母、数字或连字符，以字母开头' });
  if (errors.length) throw new ValidationError('单位信息不正确', errors);
  const unit: Unit = {
    id: f.id,
    name: f.name.trim(),
    kind: f.kind as UnitKind,
    ...(f.managedBy ? { managedBy: f.managedBy } : {}),
    ...(f.seesAll ? { seesAll: true } : {}),
    ...(f.disabled ? { disabled: true } : {}),
    ...(f.code ? { code: f.code } : {}),
    ...(f.township ? { township: true } : {}),
    version: 1,
  };
  await deps.orgAdmin.createUnit(unit, idempotencyRecord(input.actor, input.idem, unit));
  return unit;
}
