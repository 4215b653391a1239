import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DocumentView } from '../../web/src/read/document-view';
import { formatMoney } from '../../web/src/read/format';

// Attachment ids in the data are looked up (their names and sizes): the server here has none, as for a file
// deleted or not shared, instead of letting the request reach the network.
beforeEach(() => {
  vi.stubGlobal('fetch', async () =>
    Response.json({ error: { code: 'NOT_FOUND', message: '文件不存在或无权查看' } }, { status: 404 }),
  );
});
afterEach(() => vi.unstubAllGlobals());

const FORMS = join(import.meta.dirname, '..', '..', 'forms');
const json = (path: string) => JSON.parse(readFileSync(join(FORMS, path), 'utf8'));

/** A form an admin could make: oneOf and ui:enumNames enums, money, a help text, an array of objects. */
const adminSchema = {
  type: 'object',
  properties: {
    projectName: { type: 'string', title: '项目名称' },
    fundType: {
      type: 'string',
      title: '资金类型',
      oneOf: [
        { const: 'general', title: '一般公共预算' },
        { const: 'govFund', title: '政府性基金预算' },
      ],
    },
    level: { type: 'string', title: '项目级次', enum: ['level1', 'level2'] },
    isSpecialFund: { type: 'boolean', title: '是否财政专项资金' },
    amount: { type: 'string', title: '申请金额（万元）', format: 'money' },
    people: {
      type: 'array',
      title: '评估人员',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', title: '姓名' },
          role: { type: 'string', title: '分工', enum: ['lead', 'member'] },
        },
      },
    },
  },
};
const adminUi = {
  level: { 'ui:widget': 'radio', 'ui:enumNames': ['一级项目', '二级项目'], 'ui:help': '预算股批复一级项目' },
  people: { items: { role: { 'ui:enumNames': ['组长', '成员'] } } },
};
const adminData = {
  projectName: '测试项目',
  fundType: 'govFund',
  level: 'level1',
  isSpecialFund: false,
  amount: '1280.5',
  people: [
    { name: '张三', role: 'lead' },
    { name: '李四', role: 'member' },
  ],
};

describe('DocumentView', () => {
  it('renders no inputs and no help texts, enums as their Chinese labels and money formatted', () => {
    const { container } = render(<DocumentView schema={adminSchema} uiSchema={adminUi} data={adminData} />);
    expect(container.querySelectorAll('input, textarea, select, button')).toHaveLength(0);
    expect(screen.queryByText('预算股批复一级项目')).toBeNull();
    const value = (label: string) => screen.getByText(label).nextElementSibling?.textContent;
    expect(value('资金类型')).toBe('政府性基金预算');
    expect(value('项目级次')).toBe('一级项目');
    expect(value('是否财政专项资金')).toBe('否');
    expect(value('申请金额（万元）')).toBe('1,280.50');
    expect(screen.queryByText('govFund')).toBeNull();
  });

  it('renders an array of objects as a table with a row per item', () => {
    const { container } = render(<DocumentView schema={adminSchema} uiSchema={adminUi} data={adminData} />);
    const table = container.querySelector('table[data-path="/people"]') as HTMLTableElement;
    expect(table).not.toBeNull();
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(heads).toEqual(['序号', '姓名', '分工']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['1', '张三', '组长'],
      ['2', '李四', '成员'],
    ]);
  });

  it('reads the built-in project target: indicators as a table with 指标值 and 指标解释, funds in 万元', () => {
    const schema = json('project-target/schema.json');
    const ui = json('project-target/ui.json');
    const { data } = json('project-target/examples/valid-rural-road-maintenance.json');
    const { container } = render(<DocumentView schema={schema} uiSchema={ui} data={data} />);
    expect(container.querySelectorAll('input, textarea, select')).toHaveLength(0);
    const table = container.querySelector('table[data-path="/annualIndicators"]') as HTMLTableElement;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(heads.slice(0, 5)).toEqual(['序号', '一级指标', '二级指标', '三级指标', '指标值']);
    expect(heads).toContain('指标内容（指标解释）');
    expect(heads).not.toContain('指标编号');
    const first = within(table).getAllByRole('row')[1];
    expect(first.textContent).toContain('产出指标');
    expect(first.textContent).toContain('≥1850公里');
    expect(screen.getByText('主管部门（及代码）').nextElementSibling?.textContent).toBe(
      `${data.competentDept.name}（${data.competentDept.code}）`,
    );
    expect(container.textContent).not.toMatch(/❓/);
    // 项目资金: 中期资金 and 年度资金 as rows of one table, 总额 as a shared column.
    const funds = container.querySelector('table[data-path="/funding"]') as HTMLTableElement;
    expect([...funds.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['中期资金', '年度资金']);
    expect(funds.querySelector('thead th:nth-child(2)')?.textContent).toBe('总额（万元）');
    expect(funds.querySelector('tbody tr:nth-child(2) td')?.textContent).toBe(formatMoney(data.funding.annual.total));
  });

  it('puts groups of like fund rows into one table (self-evaluation 项目资金)', () => {
    const schema = json('project-self-eval/schema.json');
    const ui = json('project-self-eval/ui.json');
    const { data } = json('project-self-eval/examples/valid-rural-road-maintenance.json');
    const { container } = render(<DocumentView schema={schema} uiSchema={ui} data={data} />);
    const table = container.querySelector('table[data-path="/funds"]') as HTMLTableElement;
    expect(table).not.toBeNull();
    const headers = [...table.querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(headers[0]).toBe('年度资金总额');
    expect(headers).toContain('上年结转资金');
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(heads).toContain('全年执行数（万元）');
    expect(table.textContent).toContain(formatMoney(data.funds.total.executed));
  });
});

describe('every built-in form', () => {
  const ids = ['ex-ante-assessment', 'project-target', 'dept-target', 'project-self-eval', 'dept-self-eval'];
  it.each(ids)('%s reads as a document: no inputs, no raw values, every array a table', (id) => {
    const schema = json(`${id}/schema.json`);
    const ui = json(`${id}/ui.json`);
    const example = readdirSync(join(FORMS, id, 'examples')).find((f) => f.startsWith('valid-')) as string;
    const { data } = json(`${id}/examples/${example}`);
    const { container } = render(<DocumentView schema={schema} uiSchema={ui} data={data} />);
    expect(container.querySelectorAll('input, textarea, select, button')).toHaveLength(0);
    expect(container.textContent).not.toMatch(/undefined|\[object Object\]|❓/);
    expect(container.textContent).not.toMatch(/\b(output|benefit|general|level1|gte|qual|excellent)\b/);
    const arrays = Object.entries(data).filter(([, v]) => Array.isArray(v) && v.some((x) => typeof x === 'object'));
    for (const [key] of arrays) expect(container.querySelector(`table[data-path="/${key}"]`), key).not.toBeNull();
  });
});

describe('formatMoney', () => {
  it('groups thousands and keeps two decimals without float rounding', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50');
    expect(formatMoney('0.07')).toBe('0.07');
    expect(formatMoney(12)).toBe('12.00');
    expect(formatMoney('-3840')).toBe('-3,840.00');
  });
});
