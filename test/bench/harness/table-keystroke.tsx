/**
 * Browser harness of the table-keystroke benchmark: the 财政重点监控报告 as the fill page draws it (SchemaForm, its
 * theme and the form context), with `?rows=N` rows in 监控对象与范围, a table drawn by rjsf's array field. Mode
 * `platform` uses the theme's row template; `stock` puts @rjsf/antd's own row template back on that table (through
 * its uiSchema), everything else the same.
 */
import { generateTemplates } from '@rjsf/antd/lib/templates/index.js';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import example from '../../../forms/key-monitoring-report/examples/valid-rural-roads.json';
import rawSchema from '../../../forms/key-monitoring-report/schema.json';
import ui from '../../../forms/key-monitoring-report/ui.json';
import { useFormContext } from '../../../web/src/form/form-context';
import { prepareUiSchema } from '../../../web/src/form/rjsf-setup';
import { SchemaForm } from '../../../web/src/form/schema-form';
import { frame } from './keystroke-probe';

const schema = rawSchema as unknown as RJSFSchema;
const platformUi = prepareUiSchema(ui);
const stockUi: UiSchema = {
  ...platformUi,
  scope: { ...platformUi.scope, 'ui:ArrayFieldItemTemplate': generateTemplates().ArrayFieldItemTemplate },
};
const base = (example as { data: Record<string, unknown> }).data;
const row = (base.scope as Record<string, unknown>[])[0];
const rows = Number(new URLSearchParams(location.search).get('rows') ?? 100);
const data0 = {
  ...base,
  scope: Array.from({ length: rows }, (_, i) => ({
    ...row,
    reportRef: `GZ-JK-2025-${1000 + i}`,
    objectName: `项目${i}`,
  })),
};

function Report({ uiSchema }: { uiSchema: UiSchema }) {
  const [data, setData] = useState<Record<string, unknown>>(data0);
  return (
    <SchemaForm
      schema={schema}
      uiSchema={uiSchema}
      formData={data}
      onChange={setData}
      formContext={useFormContext(data)}
    />
  );
}

let root: Root | undefined;
window.benchMount = async (mode) => {
  const el = document.getElementById('root') as HTMLElement;
  const t0 = performance.now();
  root = createRoot(el);
  root.render(
    <ConfigProvider locale={zhCN}>
      <Report uiSchema={mode === 'stock' ? stockUi : platformUi} />
    </ConfigProvider>,
  );
  // The table's field is loaded on first use: wait for its last row.
  while (!el.querySelector(`#root_scope_${rows - 1}_objectName`)) await frame();
  await frame();
  return { ms: performance.now() - t0, rows: el.querySelectorAll('[id^="root_scope_"][id$="_objectName"]').length };
};

window.benchUnmount = () => {
  root?.unmount();
  root = undefined;
};
