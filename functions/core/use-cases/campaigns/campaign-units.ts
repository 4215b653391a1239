import { coded, ValidationError } from '../../errors';
import type { Unit } from '../../model';
import type { Deps } from '../../ports';

/** 预算单位: active departments, the units a campaign addresses. */
export const isBudgetUnit = (u: Unit) => u.kind === 'department' && !u.disabled;

/**
 * The units a campaign addresses: chosen by hand (each must be an active 预算单位), every unit a
 * 归口 股室 manages, or by default every 预算单位. Unknown units are a 422 naming each bad entry.
 */
export async function resolveCampaignUnits(
  deps: Deps,
  input: { unitIds?: string[]; managedBy?: string },
  field = 'unitIds',
): Promise<string[]> {
  const units = await deps.org.listUnits();
  const byId = new Map(units.map((u) => [u.id, u]));
  if (input.unitIds && input.managedBy) {
    throw coded(
      new ValidationError('请只选择一种方式指定单位：按归口股室或逐个选择', [
        { path: '/managedBy', message: '不能与单位列表同时指定' },
      ]),
      'CAMPAIGN_UNITS_AMBIGUOUS',
    );
  }
  if (input.unitIds) {
    const bad = input.unitIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => {
        const u = byId.get(id);
        return !u || !isBudgetUnit(u);
      });
    if (bad.length) {
      throw coded(
        new ValidationError(
          `以下单位不存在或不是预算单位：${bad.map((b) => b.id).join('、')}`,
          bad.map(({ id, i }) => ({ path: `/${field}/${i}`, message: `单位“${id}”不存在或不是预算单位` })),
        ),
        'CAMPAIGN_UNIT_UNKNOWN',
      );
    }
    if (input.unitIds.length === 0) throw noUnits(field);
    return [...new Set(input.unitIds)];
  }
  if (input.managedBy) {
    const section = byId.get(input.managedBy);
    if (section?.kind !== 'section') {
      throw coded(
        new ValidationError('归口股室不存在', [{ path: '/managedBy', message: `股室“${input.managedBy}”不存在` }]),
        'CAMPAIGN_SECTION_UNKNOWN',
      );
    }
    const managed = units.filter((u) => isBudgetUnit(u) && u.managedBy === section.id).map((u) => u.id);
    if (managed.length === 0) throw noUnits('managedBy');
    return managed;
  }
  return units.filter(isBudgetUnit).map((u) => u.id);
}

function noUnits(field: string) {
  return coded(
    new ValidationError('没有可下达的预算单位', [{ path: `/${field}`, message: '至少需要一个预算单位' }]),
    'CAMPAIGN_NO_UNITS',
  );
}
