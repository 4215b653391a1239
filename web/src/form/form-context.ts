import { useMemo } from 'react';

/**
 * What custom fields read of the whole form (rjsf hands a field only its own data): the indicator table's variant,
 * and the year and cutoff month a 财政重点监控报告 imports its scope for. A new object only when one of them changes.
 */
export function useFormContext(data: Record<string, unknown>): Record<string, unknown> {
  const { indicatorVariant, fiscalYear, cutoffMonth } = data;
  return useMemo(() => ({ indicatorVariant, fiscalYear, cutoffMonth }), [indicatorVariant, fiscalYear, cutoffMonth]);
}
