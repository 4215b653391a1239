import { type FieldTemplateProps, getTemplate, getUiOptions } from '@rjsf/utils';
import { Form, type FormItemProps } from 'antd';
import { createContext, memo, type ReactNode, useContext, useMemo } from 'react';
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
  const uiOptions = getUiOptions(uiSchema);
  // The indicator table shows its own errors (per cell and above the table).
  const hasErrors = Boolean(rawErrors?.length) && uiOptions.field !== 'indicatorTable';
  const errorKey = hasErrors ? rawErrors?.join('\n') : undefined;
  // rjsf makes new elements on every render; what they show only changes with these texts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the texts the elements show
  const shownErrors = useMemo(() => (hasErrors ? errors : undefined), [errorKey, id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the texts the elements show
  const extra = useMemo(
    () =>
      rawDescription || rawHelp ? (
        <>
          {rawDescription ? description : null}
          {rawHelp ? help : null}
        </>
      ) : undefined,
    [rawDescription, rawHelp, id],
  );
  if (hidden) return <div className="rjsf-field-hidden">{children}</div>;
  const WrapIfAdditionalTemplate = getTemplate('WrapIfAdditionalTemplate', registry, uiOptions);
  const container = schema.type === 'array' || schema.type === 'object';
  const item: FormItemProps = {
    hasFeedback: !container,
    help: shownErrors,
    extra,
    htmlFor: id,
    label: displayLabel && uiOptions.widget !== 'checkbox' ? label : undefined,
    labelCol: FULL_ROW,
    wrapperCol: FULL_ROW,
    required,
    validateStatus: hasErrors ? 'error' : undefined,
  };
  return (
    <WrapIfAdditionalTemplate {...props}>
      <div data-field={id}>
        <FieldCommentNote id={id} />
        {container ? (
          <ContentContext.Provider value={children}>
            <ContainerItem {...item} />
          </ContentContext.Provider>
        ) : (
          <Form.Item {...item}>{children}</Form.Item>
        )}
      </div>
    </WrapIfAdditionalTemplate>
  );
}

/*
 * An object or array field holds the Form.Items of its fields. antd's Form.Item gives what it holds a new context
 * value each time it renders, and React then runs every Form.Item below it again: one keystroke re-rendered every
 * field of the form, twice. So a container's Form.Item renders only when what it shows itself changes (label, help,
 * errors), and its fields reach it through a context of their own, read by `Content` inside it.
 */
const ContentContext = createContext<ReactNode>(null);

function Content() {
  return <>{useContext(ContentContext)}</>;
}

const CONTENT = <Content />;

const ContainerItem = memo(function ContainerItem(item: FormItemProps) {
  return <Form.Item {...item}>{CONTENT}</Form.Item>;
});
