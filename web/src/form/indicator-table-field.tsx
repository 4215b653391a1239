import type { FieldProps, RJSFSchema } from '@rjsf/utils';
import { useCallback, useMemo } from 'react';
import { itemSchema, propertyKeys, type Schema } from '../lib/schema';
import { type IndicatorRow, IndicatorTable, type RowErrors } from './indicator-table';

/** rjsf custom field `"ui:field": "indicatorTable"`: an IndicatorRow[] edited as a table. */
export function IndicatorTableField(props: FieldProps) {
  const { schema, uiSchema, formData, onChange, fieldPathId, registry, errorSchema, readonly, disabled, name } = props;
  const root = registry.rootSchema as Schema;
  const item = useMemo(() => itemSchema(schema as Schema, root) ?? {}, [schema, root]);
  const fields = useMemo(() => new Set(propertyKeys(item, root)), [item, root]);
  const readonlyFields = useMemo(() => {
    const out = new Set<string>();
    const itemsUi = (uiSchema?.items ?? {}) as Record<string, Record<string, unknown> | undefined>;
    for (const key of fields) if (itemsUi[key]?.['ui:readonly'] === true) out.add(key);
    return out;
  }, [uiSchema, fields]);

  const rows = useMemo(() => (Array.isArray(formData) ? (formData as IndicatorRow[]) : []), [formData]);
  const path = fieldPathId.path;
  const handleChange = useCallback((next: IndicatorRow[]) => onChange(next, path), [onChange, path]);

  const { errors, tableErrors } = useMemo(() => {
    const out: RowErrors = {};
    const es = (errorSchema ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(es)) {
      if (key === '__errors' || !/^\d+$/.test(key) || !value || typeof value !== 'object') continue;
      const index = Number(key);
      const rowErrors: Record<string, string[]> = {};
      for (const [field, sub] of Object.entries(value as Record<string, unknown>)) {
        const list = field === '__errors' ? sub : (sub as { __errors?: unknown })?.__errors;
        if (Array.isArray(list) && list.length) rowErrors[field === '__errors' ? '__row' : field] = list as string[];
      }
      out[index] = rowErrors;
    }
    const top = Array.isArray(es.__errors) ? (es.__errors as string[]) : undefined;
    return { errors: out, tableErrors: top };
  }, [errorSchema]);

  const options = (uiSchema?.['ui:options'] ?? {}) as { indicatorVariant?: 'A' | 'B' };
  const formVariant = (registry.formContext as { indicatorVariant?: unknown } | undefined)?.indicatorVariant;
  const variant = formVariant === 'A' || formVariant === 'B' ? formVariant : options.indicatorVariant;
  const title = (uiSchema?.['ui:title'] as string | undefined) ?? (schema as RJSFSchema).title ?? name;

  return (
    <IndicatorTable
      rows={rows}
      onChange={handleChange}
      fields={fields}
      readonlyFields={readonlyFields}
      readonly={Boolean(readonly || disabled)}
      errors={errors}
      tableErrors={tableErrors}
      title={title}
      variant={variant}
      maxItems={typeof (schema as RJSFSchema).maxItems === 'number' ? (schema as RJSFSchema).maxItems : undefined}
    />
  );
}
