import { type FieldTemplateProps, getTemplate, getUiOptions } from '@rjsf/utils';
import { Form } from 'antd';
import { FieldCommentNote } from '../review/field-comments';

const FULL_ROW = { span: 24 } as const;

/**
 * rjsf's antd FieldTemplate, except that an error never hides behind the field's help text:
 * errors go under the input (red), help and description below them (grey). The wrapper carries
 * `data-field` (the rjsf id) so the error summary can scroll to any field, objects and tables included.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { children, description, displayLabel, errors, help, rawHelp, hidden, id, label } = props;
  const { rawErrors, rawDescription, registry, required, schema, uiSchema } = props;
  if (hidden) return <div className="rjsf-field-hidden">{children}</div>;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate('WrapIfAdditionalTemplate', registry, uiOptions);
  // The indicator table shows its own errors (per cell and above the table).
  const hasErrors = Boolean(rawErrors?.length) && uiOptions.field !== 'indicatorTable';
  const extra =
    rawDescription || rawHelp ? (
      <>
        {rawDescription ? description : null}
        {rawHelp ? help : null}
      </>
    ) : undefined;
  return (
    <WrapIfAdditionalTemplate {...props}>
      <div data-field={id}>
        <FieldCommentNote id={id} />
        <Form.Item
          hasFeedback={schema.type !== 'array' && schema.type !== 'object'}
          help={hasErrors ? errors : undefined}
          extra={extra}
          htmlFor={id}
          label={displayLabel && uiOptions.widget !== 'checkbox' ? label : undefined}
          labelCol={FULL_ROW}
          wrapperCol={FULL_ROW}
          required={required}
          validateStatus={hasErrors ? 'error' : undefined}
        >
          {children}
        </Form.Item>
      </div>
    </WrapIfAdditionalTemplate>
  );
}
