/**
 * Browser harness of the indicator-table benchmark: mounts either the web app's real IndicatorTable
 * (web/src/form/indicator-table.tsx) or a plain antd Table with one Input per cell, both over 200
 * controlled rows, and exposes timing hooks on window for Playwright (keystrokes: keystroke-probe.ts).
 */
import { ConfigProvider, Input, Table } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import example from '../../../forms/project-target/examples/valid-rural-road-maintenance.json';
import schema from '../../../forms/project-target/schema.json';
import { type IndicatorRow, IndicatorTable } from '../../../web/src/form/indicator-table';
import { frame } from './keystroke-probe';

const ROWS = 200;
const FIELDS = new Set(Object.keys(schema.definitions.IndicatorRow.properties));
const PLAIN_COLUMNS = ['indicatorId', 'level1', 'level2', 'name', 'operator', 'targetValue', 'unit', 'content'];

function rows200(): IndicatorRow[] {
  const base = example.data.annualIndicators as IndicatorRow[];
  return Array.from({ length: ROWS }, (_, i) => ({
    ...base[i % base.length],
    indicatorId: `T${i + 1}`,
    name: `${String(base[i % base.length].name).slice(0, 40)}（${i + 1}）`,
  }));
}

function Real() {
  const [rows, setRows] = useState(rows200);
  return (
    <IndicatorTable rows={rows} onChange={setRows} fields={FIELDS} variant="A" title="年度绩效指标" maxItems={300} />
  );
}

function Plain() {
  const [rows, setRows] = useState(rows200);
  const update = (index: number, key: string, value: string) => {
    const next = rows.slice();
    next[index] = { ...rows[index], [key]: value };
    setRows(next);
  };
  return (
    <Table<IndicatorRow>
      size="small"
      bordered
      rowKey={(r) => String(r.indicatorId)}
      dataSource={rows}
      pagination={false}
      columns={[
        { title: '序号', key: 'index', width: 56, render: (_v, _r, i) => i + 1 },
        ...PLAIN_COLUMNS.map((key) => ({
          title: key,
          key,
          width: 140,
          render: (_v: unknown, row: IndicatorRow, index: number) => (
            <Input
              aria-label={`plain 第${index + 1}行 ${key}`}
              value={row[key] === undefined ? '' : String(row[key])}
              onChange={(e) => update(index, key, e.target.value)}
            />
          ),
        })),
      ]}
    />
  );
}

let root: Root | undefined;
window.benchMount = async (mode) => {
  const el = document.getElementById('root') as HTMLElement;
  const t0 = performance.now();
  root = createRoot(el);
  root.render(<ConfigProvider locale={zhCN}>{mode === 'real' ? <Real /> : <Plain />}</ConfigProvider>);
  // Rows visible: rendered body rows exist; then the next animation frame (the frame that paints them).
  for (;;) {
    await frame();
    if (el.querySelectorAll('.ant-table-tbody .ant-table-row').length > 0) break;
  }
  await frame();
  return { ms: performance.now() - t0, rows: el.querySelectorAll('.ant-table-tbody .ant-table-row').length };
};

window.benchUnmount = () => {
  root?.unmount();
  root = undefined;
};
