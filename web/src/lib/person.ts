import type { Me } from '../api/types';
import { ROLE_LABELS } from './labels';

/**
 * A name without a bracketed note that repeats the unit or the role
 * (`刘芳（县交通运输局 填报人）` → `刘芳`), so that the header says each only once.
 */
export function plainName(name: string, unitName?: string): string {
  const m = /^(.+?)\s*[（(]([^（）()]*)[）)]$/.exec(name.trim());
  if (!m) return name.trim();
  const note = m[2];
  const repeats = [unitName, ...Object.values(ROLE_LABELS), '审核人', '负责人', '成员'].some(
    (h) => h && note.includes(h),
  );
  return repeats ? m[1] : name.trim();
}

/** `刘芳 · 县交通运输局 · 填报人`: name, unit and roles, each once. */
export function identityLine(me: Pick<Me, 'name' | 'unitName' | 'roles'>): string {
  const roles = me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、');
  return [plainName(me.name, me.unitName), me.unitName, roles].filter(Boolean).join(' · ');
}
