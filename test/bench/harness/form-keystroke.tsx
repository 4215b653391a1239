/**
 * Browser harness of the form-keystroke benchmark: the whole 项目支出绩效目标申报表 (its worked example) as the fill
 * page draws it — the platform's SchemaForm, its templates and custom fields — or drawn by rjsf's antd theme as
 * shipped (@rjsf/antd's default Form, same schema, uiSchema, fields and validator). Both keep the form data in
 * React state as the fill page does.
 */
import StockForm from '@rjsf/antd';
import type { RJSFSchema } from '@rjsf/utils';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import example from '../../../forms/project-target/examples/valid-rural-road-maintenance.json';
import rawSchema from '../../../forms/project-target/schema.json';
import ui from '../../../forms/project-target/ui.json';
import { AttachmentsField } from '../../../web/src/attachments/attachments-field';
import { IndicatorTableField } from '../../../web/src/form/indicator-table-field';
import { prepareUiSchema, translateString, validator } from '../../../web/src/form/rjsf-setup';
import { SchemaForm } from '../../../web/src/form/schema-form';
import { frame } from './keystroke-probe';

const schema = rawSchema as unknown as RJSFSchema;
const uiSchema = prepareUiSchema(ui);
const formContext = { indicatorVariant: example.data.indicatorVariant };
const fields = { indicatorTable: IndicatorTableField, attachments: AttachmentsField };

function Platform() {
  const [data, setData] = useState<unknown>(example.data);
  return (
    <SchemaForm schema={schema} uiSchema={uiSchema} formData={data} onChange={setData} formContext={formContext} />
  );
}

function Stock() {
  const [data, setData] = useState<unknown>(example.data);
  return (
    <StockForm
      schema={schema}
      uiSchema={uiSchema}
      formData={data}
      validator={validator}
      fields={fields}
      translateString={translateString}
      formContext={formContext}
      noHtml5Validate
      showErrorList={false}
      onChange={(e) => setData(e.formData)}
    />
  );
}

let root: Root | undefined;
window.benchMount = async (mode) => {
  const el = document.getElementById('root') as HTMLElement;
  const t0 = performance.now();
  root = createRoot(el);
  root.render(<ConfigProvider locale={zhCN}>{mode === 'platform' ? <Platform /> : <Stock />}</ConfigProvider>);
  while (!el.querySelector('#root_projectName')) await frame();
  await frame();
  return { ms: performance.now() - t0, rows: el.querySelectorAll('.ant-form-item').length };
};

window.benchUnmount = () => {
  root?.unmount();
  root = undefined;
};
