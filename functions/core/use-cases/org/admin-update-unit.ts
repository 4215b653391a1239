import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Actor, Unit, UnitKind } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';
import { checkUnitFields, type UnitFields } from './org-checks';

/**
 * Change a unit (admin): name, kind, 归口 业务股室, seesAll, disabled. Units are disabled, never
 * deleted: submissions, tasks and history keep pointing to them.
 * 1. admin only  2. load (404)  3. version (409)  4. checks (a section still managing departments or
 * named in the 第九条 routing cannot be disabled)  5. write on the expected version
 */
export async function updateUnit(
  deps: Deps,
  input: { actor: Actor; id: string; unit: UnitFields & { version?: number } },
): Promise<Unit> {
  requireRole(input.actor, 'admin');
  const before = await deps.org.getUnit(input.id);
  if (!before) throw new NotFoundError('单位不存在');
  const current = before.version ?? 0;
  if (input.unit.version !== undefined && input.unit.version !== current)
    throw new ConflictError('单位信息已被他人修改，请刷新后重试');
  const f = input.unit;
  const units = await deps.org.listUnits();
  const errors = checkUnitFields(f, units, before.id);
  if (f.disabled && !before.disabled) {
    const managed = units.filter((u) => u.managedBy === before.id && !u.disabled);
    if (managed.length)
      errors.push({
        path: '/disabled',
        message: `该股室仍归口管理 ${managed.map((u) => u.name).join('、')}，请先调整归口`,
      });
    const settings = await deps.org.getSettings();
    if (Object.values(settings.fundTypeRouting).includes(before.id))
      errors.push({ path: '/disabled', message: '该单位仍在资金类型分办设置（第九条）中，请先调整' });
  }
  if (errors.length) throw new ValidationError('单位信息不正确', errors);
  const { managedBy: _m, seesAll: _s, disabled: _d, code: _c, township: _t, ...rest } = before;
  const unit: Unit = {
    ...rest,
    name: f.name.trim(),
    kind: f.kind as UnitKind,
    ...(f.managedBy ? { managedBy: f.managedBy } : {}),
    ...(f.seesAll ? { seesAll: true } : {}),
    ...(f.disabled ? { disabled: true } : {}),
    ...((f.township ?? before.township) ? { township: true } : {}),
    ...(f.code !== undefined ? (f.code ? { code: f.code } : {}) : before.code ? { code: before.code } : {}),
    version: current + 1,
  };
  await deps.orgAdmin.updateUnit(unit, current);
  return unit;
}
