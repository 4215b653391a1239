import type { FieldProps } from '@rjsf/utils';
import { Button } from 'antd';
import { useState } from 'react';
import type { FormContext } from '../form/form-context';
import ScopeImportModal from './scope-import-modal';

/**
 * rjsf custom field `"ui:field": "monitoringScope"` of the 财政重点监控报告: the 监控对象与范围 table as any list,
 * with 「从监控表导入」 below it. The import offers the 财政重点监控 monitoring reports of the year and cutoff month
 * typed in the form (read through the form context when the button is pressed) and appends the chosen ones as rows,
 * which stay editable, up to the table's maxItems. Loaded with the first form that has it (schema-form.tsx), not
 * with every form.
 */
export default function ScopeImportField(props: FieldProps) {
  const { registry, formData, onChange, fieldPathId, readonly, disabled, schema } = props;
  const { ArrayField } = registry.fields;
  // The period typed in the form when the dialog opened (the form cannot change while it is open).
  const [period, setPeriod] = useState<Record<string, unknown> | null>(null);
  const editable = !readonly && !disabled;
  const rows = Array.isArray(formData) ? (formData as Record<string, unknown>[]) : [];

  return (
    <div className="scope-import-field">
      <ArrayField {...props} />
      {editable ? (
        <div style={{ marginTop: 8 }}>
          <Button
            data-testid="scope-import"
            onClick={() => setPeriod((registry.formContext as FormContext | undefined)?.formData() ?? {})}
          >
            从监控表导入
          </Button>
        </div>
      ) : null}
      {period ? (
        <ScopeImportModal
          fiscalYear={period.fiscalYear}
          cutoffMonth={period.cutoffMonth}
          current={rows}
          limit={typeof schema.maxItems === 'number' ? schema.maxItems : undefined}
          onImport={(merged) => {
            onChange(merged, fieldPathId.path);
            setPeriod(null);
          }}
          onCancel={() => setPeriod(null)}
        />
      ) : null}
    </div>
  );
}
