/**
 * The platform's rjsf theme: @rjsf/antd's templates and widgets, assembled from their files so that
 * widgets which pull in heavy antd parts (DatePicker, Slider) load only when a form shows one.
 * `import Form from '@rjsf/antd'` would bundle every widget into the form route.
 */

import { generateTemplates } from '@rjsf/antd/lib/templates/index.js';
import CheckboxesWidget from '@rjsf/antd/lib/widgets/CheckboxesWidget/index.js';
import CheckboxWidget from '@rjsf/antd/lib/widgets/CheckboxWidget/index.js';
import PasswordWidget from '@rjsf/antd/lib/widgets/PasswordWidget/index.js';
import RadioWidget from '@rjsf/antd/lib/widgets/RadioWidget/index.js';
import SelectWidget from '@rjsf/antd/lib/widgets/SelectWidget/index.js';
import TextareaWidget from '@rjsf/antd/lib/widgets/TextareaWidget/index.js';
import { type ThemeProps, withTheme } from '@rjsf/core';
import type { RegistryWidgetsType, WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import { ArrayFieldItemTemplate } from './array-item-template';
import { FieldTemplate } from './field-template';
import { BaseInputTemplate } from './rjsf-setup';

type WidgetModule = { default: ComponentType<WidgetProps> };

/** A widget loaded on first use; a disabled input holds its place meanwhile. */
function lazyWidget(load: () => Promise<unknown>): ComponentType<WidgetProps> {
  const Lazy = lazy(load as () => Promise<WidgetModule>);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per widget at module load, never during render
  function LazyWidget(props: WidgetProps) {
    return (
      <Suspense fallback={<Input id={props.id} disabled placeholder="加载中…" />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyWidget;
}

const widgets: RegistryWidgetsType = {
  CheckboxesWidget: CheckboxesWidget as ComponentType<WidgetProps>,
  CheckboxWidget: CheckboxWidget as ComponentType<WidgetProps>,
  PasswordWidget: PasswordWidget as ComponentType<WidgetProps>,
  RadioWidget: RadioWidget as ComponentType<WidgetProps>,
  SelectWidget: SelectWidget as ComponentType<WidgetProps>,
  TextareaWidget: TextareaWidget as ComponentType<WidgetProps>,
  // antd DatePicker (+ its calendar panels) and Slider: only when a form has such a field.
  DateWidget: lazyWidget(() => import('@rjsf/antd/lib/widgets/DateWidget/index.js')),
  DateTimeWidget: lazyWidget(() => import('@rjsf/antd/lib/widgets/DateTimeWidget/index.js')),
  AltDateWidget: lazyWidget(() => import('@rjsf/antd/lib/widgets/AltDateWidget/index.js')),
  AltDateTimeWidget: lazyWidget(() => import('@rjsf/antd/lib/widgets/AltDateTimeWidget/index.js')),
  RangeWidget: lazyWidget(() => import('@rjsf/antd/lib/widgets/RangeWidget/index.js')),
};

const theme: ThemeProps = {
  templates: { ...generateTemplates(), BaseInputTemplate, FieldTemplate, ArrayFieldItemTemplate },
  widgets,
};

/** rjsf's Form with the antd look (same as @rjsf/antd's default export, minus eager heavy widgets). */
export const ThemedForm = withTheme(theme);
