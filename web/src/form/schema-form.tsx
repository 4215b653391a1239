import type CoreForm from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type {
  ErrorSchema,
  Experimental_DefaultFormStateBehavior,
  FieldProps,
  RegistryFieldsType,
  RJSFSchema,
  UiSchema,
} from '@rjsf/utils';
import { lazy, type Ref, Suspense } from 'react';
import { AttachmentsField } from '../attachments/attachments-field';
import { IndicatorTableField } from './indicator-table-field';
import { translateString, validator } from './rjsf-setup';
import { ThemedForm } from './rjsf-theme';
import './schema-form.css';

const ScopeImport = lazy(() => import('../monitoring/scope-import-field'));
/** The 财政重点监控报告's scope import: its code loads with the first form that has the field. */
const ScopeImportField = (props: FieldProps) => (
  <Suspense fallback={null}>
    <ScopeImport {...props} />
  </Suspense>
);
const fields: RegistryFieldsType = {
  indicatorTable: IndicatorTableField,
  attachments: AttachmentsField,
  monitoringScope: ScopeImportField,
};
/** An enum written as `oneOf` + `const` (options with titles) is never filled with its first option. */
const DEFAULTS_BEHAVIOR: Experimental_DefaultFormStateBehavior = { constAsDefaults: 'skipOneOf' };

export interface SchemaFormProps {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  formData: unknown;
  onChange?: (data: Record<string, unknown>) => void;
  readonly?: boolean;
  extraErrors?: ErrorSchema;
  liveValidate?: boolean;
  formRef?: Ref<CoreForm>;
  /** Passed to custom fields (e.g. the form's indicatorVariant for the indicator table). */
  formContext?: Record<string, unknown>;
}

/** The platform's rjsf form: antd theme, Chinese, custom fields; never HTML5 validation, never an error list. */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, uiSchema, formData, onChange, readonly, extraErrors, liveValidate, formRef, formContext } = props;
  return (
    <ThemedForm
      ref={formRef}
      schema={schema}
      uiSchema={uiSchema}
      formData={formData}
      validator={validator}
      fields={fields}
      translateString={translateString}
      formContext={formContext}
      experimental_defaultFormStateBehavior={DEFAULTS_BEHAVIOR}
      noHtml5Validate
      showErrorList={false}
      liveValidate={liveValidate ? 'onChange' : false}
      readonly={readonly}
      extraErrors={extraErrors}
      onChange={(e: IChangeEvent) => onChange?.(e.formData as Record<string, unknown>)}
      onSubmit={() => {}}
    />
  );
}
