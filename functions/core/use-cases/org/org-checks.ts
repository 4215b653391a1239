import type { ErrorDetail } from '../../errors';
import type { Unit, UnitKind } from '../../model';

export const UNIT_KINDS: UnitKind[] = ['department', 'section', 'center', 'group', 'agency'];
export const UNIT_ID = /^[a-z][a-z0-9-]{1,39}$/;

export interface UnitFields {
  name: string;
  kind: string;
  managedBy?: string | null;
  seesAll?: boolean;
  disabled?: boolean;
  code?: string;
  /** A township government (乡镇, 第十条): its targets also pass 乡镇财政管理股. */
  township?: boolean;
}

/** Checks shared by create and update of a unit; `units` is the current organisation. */
export function checkUnitFields(f: UnitFields, units: Unit[], selfId: string): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const name = f.name?.trim() ?? '';
  if (!name || [...name].length > 50 || /[<>]/.test(name))
    errors.push({ path: '/name', message: '单位名称必填，不超过50字，且不能包含 < >' });
  if (!UNIT_KINDS.includes(f.kind as UnitKind))
    errors.push({
      path: '/kind',
      message: '单位类型应为 部门（department）、股室（section）、中心（center）、小组（group）或 第三方机构（agency）',
    });
  if (f.township && f.kind !== 'department')
    errors.push({ path: '/township', message: '只有预算部门（单位）可以标记为乡镇' });
  if (f.managedBy) {
    const manager = units.find((u) => u.id === f.managedBy);
    if (f.kind !== 'department') errors.push({ path: '/managedBy', message: '只有预算部门（单位）设置归口业务股室' });
    else if (!manager || manager.id === selfId) errors.push({ path: '/managedBy', message: '归口业务股室不存在' });
    else if (manager.kind !== 'section' && manager.kind !== 'center')
      errors.push({ path: '/managedBy', message: '归口单位必须是局机关股室或中心' });
    else if (manager.disabled) errors.push({ path: '/managedBy', message: '归口业务股室已停用' });
  }
  if (f.code !== undefined && !/^[0-9A-Za-z]{0,21}$/.test(f.code))
    errors.push({ path: '/code', message: '单位代码为不超过21位的字母或数字' });
  return errors;
}
