import { ConflictError, ValidationError } from '../../errors';
import type { Actor, OrgSettings } from '../../model';
import type { Deps } from '../../ports';
import { requireRole } from '../support/access';

/** Fund types (the forms' 资金类型 field) that 第九条 routes to a specialist section. */
export const FUND_TYPES = [
  'general',
  'govFund',
  'soeCapital',
  'socialInsurance',
  'govBond',
  'ppp',
  'procurement',
  'upperTransfer',
];

/** The organisation settings as the admin page reads them (version 0 = seeded, never edited). */
export async function readSettings(deps: Deps, input: { actor: Actor }): Promise<OrgSettings & { version: number }> {
  requireRole(input.actor, 'admin');
  const s = await deps.org.getSettings();
  return { ...s, version: s.version ?? 0 };
}

/**
 * Change the fund-type routing of 第九条 (admin): which 股室/中心 reviews 国有资本经营预算,
 * 社会保险基金预算, 政府债券, PPP, 政府采购 … instead of the department's 归口 股室. Submissions
 * already under way keep the managing unit resolved when they were submitted.
 * 1. admin only  2. version (409)  3. known fund types, existing active sections/centers  4. write
 */
export async function updateSettings(
  deps: Deps,
  input: {
    actor: Actor;
    settings: {
      fundTypeRouting: Record<string, string>;
      resultApplication?: OrgSettings['resultApplication'];
      publicationCheckers?: Record<string, string>;
      version?: number;
    };
  },
): Promise<OrgSettings & { version: number }> {
  requireRole(input.actor, 'admin');
  const before = await deps.org.getSettings();
  const current = before.version ?? 0;
  if (input.settings.version !== undefined && input.settings.version !== current)
    throw new ConflictError('设置已被他人修改，请刷新后重试');
  const units = new Map((await deps.org.listUnits()).map((u) => [u.id, u]));
  const errors: { path: string; message: string }[] = [];
  for (const [fundType, unitId] of Object.entries(input.settings.fundTypeRouting)) {
    const path = `/fundTypeRouting/${fundType}`;
    if (!FUND_TYPES.includes(fundType)) errors.push({ path, message: `未知的资金类型「${fundType}」` });
    const unit = units.get(unitId);
    if (!unit) errors.push({ path, message: `单位「${unitId}」不存在` });
    else if (unit.kind !== 'section' && unit.kind !== 'center')
      errors.push({ path, message: '分办单位必须是局机关股室或中心' });
    else if (unit.disabled) errors.push({ path, message: '该单位已停用' });
  }
  // 第三十条: who checks a published item, per form family — the managing 业务股室 or an active 股室/中心.
  for (const [family, checker] of Object.entries(input.settings.publicationCheckers ?? {})) {
    const path = `/publicationCheckers/${family}`;
    const unit = units.get(checker);
    if (!/^[a-zA-Z]{1,40}$/.test(family)) errors.push({ path, message: `未知的表单类别「${family}」` });
    else if (
      checker !== 'managingSection' &&
      (!unit || unit.disabled || (unit.kind !== 'section' && unit.kind !== 'center'))
    )
      errors.push({ path, message: '公开复核单位必须是归口业务股室或在用的局机关股室、中心' });
  }
  if (errors.length) throw new ValidationError('资金类型分办设置不正确', errors);
  const ratios = input.settings.resultApplication;
  const next = {
    ...before,
    fundTypeRouting: { ...input.settings.fundTypeRouting },
    ...(ratios ? { resultApplication: { ...before.resultApplication, ...ratios } } : {}),
    ...(input.settings.publicationCheckers ? { publicationCheckers: { ...input.settings.publicationCheckers } } : {}),
    version: current + 1,
  };
  await deps.orgAdmin.updateSettings(next, current);
  return next;
}
