import type { FieldProps, RJSFSchema } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { itemSchema, propertyKeys, propertySchema, type Schema, titleOf } from '../lib/schema';
import { type IndicatorRow, IndicatorTable, newIndicatorId, type RowErrors } from './indicator-table';

/** Row fields the table shows as a column of their own; errors on any other field are shown on the row. */
const COLUMN_FIELDS = new Set([
  'level1',
  'level2',
  'name',
  'operator',
  'targetValue',
  'targetText',
  'unit',
  'weight',
  'actualValue',
  'qualitativeAchievement',
  'score',
  'deviationAnalysis',
]);

/** Rows without their stable 指标编号 (e.g. the first row a blank form starts with) get one generated. */
export function withIndicatorIds(rows: IndicatorRow[]): IndicatorRow[] {
  if (rows.every((r) => typeof r.indicatorId === 'string' && r.indicatorId)) return rows;
  return rows.map((r) =>
    typeof r.indicatorId === 'string' && r.indicatorId ? r : { ...r, indicatorId: newIndicatorId() },
  );
}

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
  const needsIds = fields.has('indicatorId') && !readonly && !disabled && rows.some((r) => !r.indicatorId);
  useEffect(() => {
    if (needsIds) onChange(withIndicatorIds(rows), path);
  }, [needsIds, rows, onChange, path]);

  const { errors, tableErrors } = useMemo(() => {
    const out: RowErrors = {};
    const rowLevel: string[] = [];
    const es = (errorSchema ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(es)) {
      if (key === '__errors' || !/^\d+$/.test(key) || !value || typeof value !== 'object') continue;
      const index = Number(key);
      const rowErrors: Record<string, string[]> = {};
      for (const [field, sub] of Object.entries(value as Record<string, unknown>)) {
        const list = field === '__errors' ? sub : (sub as { __errors?: unknown })?.__errors;
        if (!Array.isArray(list) || !list.length) continue;
        const selfEval = fields.has('actualValue') || fields.has('qualitativeAchievement');
        if (COLUMN_FIELDS.has(field) || (field === 'content' && !selfEval)) rowErrors[field] = list as string[];
        else {
          // The row itself, or a field without a column of its own: said above the table, with row and field.
          const what = field === '__errors' ? '' : `${titleOf(propertySchema(item, field, root), field)}`;
          for (const m of list as string[]) rowLevel.push(`第${index + 1}行${what ? ` ${what}` : ''}：${m}`);
        }
      }
      out[index] = rowErrors;
    }
    const top = [...(Array.isArray(es.__errors) ? (es.__errors as string[]) : []), ...rowLevel];
    return { errors: out, tableErrors: top.length ? top : undefined };
  }, [errorSchema, fields, item, root]);

  const options = (uiSchema?.['ui:options'] ?? {}) as { indicatorVariant?: 'A' | 'B'; fixedRows?: boolean };
  const formVariant = (registry.formContext as { indicatorVariant?: unknown } | undefined)?.indicatorVariant;
  const variant = formVariant === 'A' || formVariant === 'B' ? formVariant : options.indicatorVariant;
  const title = (uiSchema?.['ui:title'] as string | undefined) ?? (schema as RJSFSchema).title ?? name;

  // A read-only table has nothing to focus inside its horizontal scroll area: make the area itself reachable
  // by keyboard (and named), so its wide columns can be scrolled without a mouse.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const el of box.current?.querySelectorAll<HTMLElement>(
      '.indicator-grid-scroll, .ant-table-content, .ant-table-body',
    ) ?? []) {
      if (el.tabIndex < 0) el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', `${String(title)}（可左右滚动）`);
    }
  });

  return (
    <div id={fieldPathId.$id} ref={box}>
      <IndicatorTable
        rows={rows}
        onChange={handleChange}
        fields={fields}
        readonlyFields={readonlyFields}
        readonly={Boolean(readonly || disabled)}
        fixedRows={options.fixedRows === true}
        errors={errors}
        tableErrors={tableErrors}
        title={title}
        variant={variant}
        maxItems={typeof (schema as RJSFSchema).maxItems === 'number' ? (schema as RJSFSchema).maxItems : undefined}
      />
    </div>
  );
}
