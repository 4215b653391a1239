import { SchemaExamples } from '@rjsf/core';
import {
  ariaDescribedByIds,
  examplesId,
  getInputProps,
  type RJSFSchema,
  replaceStringParameters,
  TranslatableString,
  type UiSchema,
  type WidgetProps,
} from '@rjsf/utils';
import { Input, InputNumber } from 'antd';
import type { ChangeEvent, FocusEvent } from 'react';
import { cspSafeValidator } from './schema-check';

/**
 * The rjsf validator. @rjsf/validator-ajv8 compiles with `new Function`, which the CSP
 * (script-src 'self') blocks in the browser; see schema-check.ts.
 */
export const validator = cspSafeValidator;

const ZH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '条目',
  [TranslatableString.MissingItems]: '缺少数组条目定义',
  [TranslatableString.EmptyArray]: '暂无条目，请点击下方按钮添加。',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '错误',
  [TranslatableString.NewStringDefault]: '新值',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一项',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.ExpandButton]: '展开',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '选择日期',
  [TranslatableString.PreviewLabel]: '预览',
  [TranslatableString.DecrementAriaLabel]: '减 1',
  [TranslatableString.IncrementAriaLabel]: '加 1',
  [TranslatableString.OptionalObjectAdd]: '填写此可选项',
  [TranslatableString.OptionalObjectRemove]: '清除此可选项',
  [TranslatableString.OptionalObjectEmptyMsg]: '此可选项暂未填写',
  [TranslatableString.Type]: '类型',
  [TranslatableString.Value]: '值',
  [TranslatableString.ClearButton]: '清空',
  [TranslatableString.UnknownFieldType]: '未知的字段类型 %1',
  [TranslatableString.OptionPrefix]: '选项 %1',
  [TranslatableString.TitleOptionPrefix]: '%1 选项 %2',
  [TranslatableString.KeyLabel]: '%1 键',
  [TranslatableString.DeprecatedLabel]: '%1（已停用）',
  [TranslatableString.CycleDetected]: '字段“%1”存在循环引用',
  [TranslatableString.InvalidObjectField]: '对象字段“%1”配置无效：%2',
  [TranslatableString.UnsupportedField]: '不支持的字段定义。',
  [TranslatableString.UnsupportedFieldWithId]: '字段 %1 的定义不受支持。',
  [TranslatableString.UnsupportedFieldWithReason]: '不支持的字段定义：%1。',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: '字段 %1 的定义不受支持：%2。',
  [TranslatableString.FilesInfo]: '%1（%2，%3 字节）',
};

/** Chinese labels for rjsf's built-in strings. */
export function translateString(key: TranslatableString, params?: string[]): string {
  return replaceStringParameters(ZH[key] ?? key, params);
}

/**
 * Text input template of @rjsf/antd plus a unit suffix (`"ui:options": { "unit": "万元" }`).
 * Values are passed through as typed (money stays a decimal string).
 */
export function BaseInputTemplate(props: WidgetProps) {
  const {
    disabled,
    registry,
    id,
    htmlName,
    onBlur,
    onChange,
    onFocus,
    options,
    placeholder,
    readonly,
    required,
    schema,
    value,
    type,
  } = props;
  const inputProps = getInputProps(schema, type, options, false);
  const readonlyAsDisabled =
    (registry.formContext as { readonlyAsDisabled?: boolean } | undefined)?.readonlyAsDisabled ?? true;
  const unit = typeof options.unit === 'string' ? options.unit : undefined;
  const isDisabled = disabled || (readonlyAsDisabled && readonly);
  const { min, max, step, ...rest } = inputProps as unknown as Record<string, unknown>;
  if (inputProps.type === 'number' || inputProps.type === 'integer') {
    return (
      <>
        <InputNumber
          id={id}
          name={htmlName || id}
          disabled={isDisabled}
          readOnly={readonly}
          placeholder={placeholder}
          required={required}
          style={{ width: '100%' }}
          changeOnWheel={false}
          min={typeof min === 'number' ? min : undefined}
          max={typeof max === 'number' ? max : undefined}
          step={typeof step === 'number' ? step : undefined}
          suffix={unit}
          value={value ?? null}
          onChange={readonly ? undefined : (v) => onChange(v === null ? options.emptyValue : v)}
          onBlur={readonly ? undefined : (e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
          onFocus={readonly ? undefined : (e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
          aria-describedby={ariaDescribedByIds(id, !!schema.examples)}
        />
        <SchemaExamples id={id} schema={schema} />
      </>
    );
  }
  return (
    <>
      <Input
        id={id}
        name={htmlName || id}
        disabled={isDisabled}
        readOnly={readonly}
        placeholder={placeholder}
        required={required}
        list={schema.examples ? examplesId(id) : undefined}
        {...(rest as object)}
        type={inputProps.type === 'text' ? undefined : (inputProps.type as string)}
        suffix={unit}
        value={value ?? ''}
        onChange={
          readonly
            ? undefined
            : (e: ChangeEvent<HTMLInputElement>) =>
                onChange(e.target.value === '' ? options.emptyValue : e.target.value)
        }
        onBlur={readonly ? undefined : (e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
        onFocus={readonly ? undefined : (e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
        aria-describedby={ariaDescribedByIds(id, !!schema.examples)}
      />
      <SchemaExamples id={id} schema={schema} />
    </>
  );
}

/**
 * Form definitions are admin-authored: drop every switch that would render text as markup
 * (rjsf renders descriptions/help through markdown only when these are set).
 */
export function sanitizeUiSchema<T>(ui: T): T {
  if (Array.isArray(ui)) return ui.map(sanitizeUiSchema) as T;
  if (!ui || typeof ui !== 'object') return ui;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ui as Record<string, unknown>)) {
    if (key.startsWith('ui:enableMarkdown') || key === 'enableMarkdownInDescription' || key === 'enableMarkdownInHelp')
      continue;
    out[key] = sanitizeUiSchema(value);
  }
  return out as T;
}

/** Prepares a uiSchema for the fill/review pages: sanitized, no rjsf submit button (the page has its own). */
export function prepareUiSchema(ui: Record<string, unknown> | undefined): UiSchema {
  const clean = sanitizeUiSchema(ui ?? {});
  return { ...clean, 'ui:submitButtonOptions': { norender: true, props: { type: 'primary' } } } as UiSchema;
}

export { toErrorSchema } from './error-schema';

export type { RJSFSchema };
