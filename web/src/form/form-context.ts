import { useMemo, useRef } from 'react';

/** What custom fields read of the whole form: rjsf hands a field only its own data. */
export type FormContext = {
  /** The indicator table's variant (the form's `indicatorVariant`). */
  indicatorVariant: unknown;
  /** The whole form's data as it is now, read when a field needs it (the scope import reads 年度 and 截止月份). */
  formData: () => Record<string, unknown>;
};

/**
 * The form's context for its custom fields. A new object only when the indicator variant changes: rjsf draws every
 * field again when the context differs, so values typed elsewhere (年度) are read through `formData()`, which rjsf's
 * comparison passes over, and a keystroke there stays a keystroke in one field.
 */
export function useFormContext(data: Record<string, unknown>): FormContext {
  const latest = useRef(data);
  latest.current = data;
  const { indicatorVariant } = data;
  return useMemo(() => ({ indicatorVariant, formData: () => latest.current }), [indicatorVariant]);
}
