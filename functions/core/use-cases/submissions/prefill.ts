import { getPointer, setPointer } from '../../../../forms/lib/form-logic';
import type { PrefillSource, Unit, User } from '../../model';

export const PREFILL_SOURCES: readonly PrefillSource[] = ['user.name', 'user.phone', 'unit.name', 'unit.code'];

/**
 * Fields a new submission takes from the creator's profile (form `prefill`: JSON Pointer -> source).
 * Only empty fields are filled: what the creator sent (e.g. an example's data) is kept as sent.
 */
export function applyPrefill(
  data: Record<string, unknown>,
  prefill: Record<string, PrefillSource> | undefined,
  profile: { user: Pick<User, 'name' | 'phone'> | null; unit: Pick<Unit, 'name' | 'code'> | null },
): Record<string, unknown> {
  if (!prefill) return data;
  const values: Record<PrefillSource, string | undefined> = {
    'user.name': profile.user?.name,
    'user.phone': profile.user?.phone,
    'unit.name': profile.unit?.name,
    'unit.code': profile.unit?.code,
  };
  const out = structuredClone(data);
  for (const [pointer, source] of Object.entries(prefill)) {
    const value = values[source]?.trim();
    const current = getPointer(out, pointer);
    if (value && (current === undefined || current === '')) setPointer(out, pointer, value);
  }
  return out;
}
