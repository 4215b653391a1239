import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { expectClear4xx, expectError } from '../support/proof';

/** Excel out (our own writer) read back with exceljs; the 指标库 import from the template. */
let api: TestApi;
const now = '2026-03-10T02:30:00.000Z';
let example: Record<string, any>;

async function workbook(path: string, as: string) {
  const res = await api.call('GET', path, { as });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="export\.xlsx"; filename\*=UTF-8''/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
const findRow = (ws: ExcelJS.Worksheet, col: number, text: string) => {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === text) return ws.getRow(r);
  throw new Error(`no row with ${text}`);
};

const INJECTIONS = ['=HYPERLINK("http://evil","点我")', '+1+2', '-3+4', '@SUM(A1:A2)'];

beforeAll(async () => {
  api = await createTestApi({ clock: () => now });
  const form = await api.json('GET', '/api/forms/project-target', { as: 'jtj' });
  example = form.body.examples.find((e: { title: string }) => e.title.includes('农村公路日常养护')).data;
});

describe('exports', () => {
  it('exports the board with Chinese headers, one row per unit, dates as dates; a department gets its own row only', async () => {
    const c = await api.json('POST', '/api/campaigns', {
      as: 'jxpj',
      body: {
        formId: 'project-target',
        title: '导出测试任务',
        year: 2026,
        dueDate: '2026-03-31',
        unitIds: ['jtj', 'jyj'],
      },
    });
    const sub = await api.json('POST', '/api/submissions', {
      as: 'jtj',
      body: { formId: 'project-target', campaignId: c.body.id, data: example },
    });
    expect((await api.json('POST', `/api/submissions/${sub.body.id}/submit`, { as: 'jtj' })).status).toBe(200);
    const wb = await workbook(`/api/campaigns/${c.body.id}/export.xlsx`, 'jxpj');
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('导出测试任务');
    expect(values(ws, 1)).toEqual(['单位', '状态', '提交时间', '是否逾期', '最近催报', '截止日期', '填报编号']);
    expect(ws.rowCount).toBe(3);
    const jtj = findRow(ws, 1, '信丰县交通运输局');
    expect(jtj.getCell(2).value).toBe('审核中');
    // 2026-03-10 10:30 in Shanghai, as an Excel date-time.
    expect(jtj.getCell(3).value).toEqual(new Date('2026-03-10T10:30:00.000Z'));
    expect(jtj.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(jtj.getCell(4).value).toBe('否');
    expect(jtj.getCell(6).value).toEqual(new Date('2026-03-31T00:00:00.000Z'));
    expect(jtj.getCell(7).value).toBe(sub.body.id);
    const own = (await workbook(`/api/campaigns/${c.body.id}/export.xlsx`, 'jyj')).worksheets[0];
    expect(own.rowCount).toBe(2);
    expect(own.getRow(2).getCell(2).value).toBe('未开始');
  });

  it('writes user text starting with = + - @ as text (never a formula), and 万元 as numbers with 2 decimals', async () => {
    const data = structuredClone(example);
    data.projectName = INJECTIONS[0];
    data.annualIndicators = data.annualIndicators.slice(0, 4).map((row: Record<string, unknown>, i: number) => ({
      ...row,
      name: `指标${INJECTIONS[i]}`.slice(0, 50),
      remark: INJECTIONS[i],
    }));
    data.funding.annual.fiscal = '1180.5';
    const created = await api.json('POST', '/api/submissions', { as: 'jtj', body: { formId: 'project-target', data } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const wb = await workbook(`/api/submissions/${created.body.id}/export.xlsx`, 'jtj');
    const indicators = wb.worksheets.find((w) => w.name === '年度绩效指标') as ExcelJS.Worksheet;
    expect(values(indicators, 1)).toEqual(
      expect.arrayContaining(['序号', '一级指标', '二级指标', '三级指标', '计算符号', '备注']),
    );
    const remarkCol = (values(indicators, 1) as string[]).indexOf('备注') + 1;
    for (let i = 0; i < 4; i++) {
      const cell = indicators.getRow(i + 2).getCell(remarkCol);
      expect(cell.value).toBe(INJECTIONS[i]);
      expect(typeof cell.value).toBe('string');
      expect(cell.formula).toBeUndefined();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    const level1Col = (values(indicators, 1) as string[]).indexOf('一级指标') + 1;
    expect(indicators.getRow(2).getCell(level1Col).value).toBe('产出指标');
    const funds = wb.worksheets.find((w) => w.name === '资金') as ExcelJS.Worksheet;
    expect(values(funds, 1)).toEqual(['分组', '项目', '金额（万元）']);
    const fiscal = findRow(funds, 2, '其中：财政拨款（万元）');
    const annual = [...Array(funds.rowCount).keys()]
      .map((r) => funds.getRow(r + 1))
      .find((r) => r.getCell(1).value === '项目资金 / 年度资金' && r.getCell(2).value === '其中：财政拨款（万元）');
    expect(fiscal.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(annual?.getCell(3).value).toBe(1180.5);
    expect(annual?.getCell(3).numFmt).toBe('0.00');

    // The list export: the injected title is a string too.
    const list = (await workbook('/api/exports/submissions.xlsx', 'jtj')).worksheets[0];
    expect(values(list, 1)).toEqual([
      '标题',
      '表单',
      '填报单位',
      '状态',
      '创建时间',
      '提交时间',
      '更新时间',
      '填报编号',
    ]);
    const row = findRow(list, 8, created.body.id);
    expect(typeof row.getCell(1).value).toBe('string');
    expect(String(row.getCell(1).value)).toContain(INJECTIONS[0]);
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(4).value).toBe('草稿');
  });

  it('respects the same visibility as the lists: other units never see the row or the tables (404)', async () => {
    const draft = await api.createProjectTarget('jtj');
    const jyjList = (await workbook('/api/exports/submissions.xlsx', 'jyj')).worksheets[0];
    const ids = [...Array(jyjList.rowCount).keys()].map((r) => jyjList.getRow(r + 1).getCell(8).value);
    expect(ids).not.toContain(draft.id);
    for (const as of ['jyj', 'jxpj', 'kjw']) {
      const r = await api.json('GET', `/api/submissions/${draft.id}/export.xlsx`, { as });
      expectClear4xx(r, 404);
    }
  });
});

describe('指标库 import from the template', () => {
  async function filled(rows: string[][]) {
    const wb = await workbook('/api/admin/indicators/template.xlsx', 'admin');
    const ws = wb.worksheets[0];
    ws.spliceRows(2, 1);
    for (const r of rows) ws.addRow(r);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    return buf.toString('base64');
  }
  const count = async () => (await api.json('GET', '/api/indicators?limit=100', { as: 'admin' })).body.items.length;

  it('serves the template with the Chinese headers', async () => {
    const ws = (await workbook('/api/admin/indicators/template.xlsx', 'admin')).worksheets[0];
    expect(values(ws, 1).slice(0, 6)).toEqual(['一级指标', '二级指标', '三级指标', '计量单位', '计算符号', '指标解释']);
    expectError(await api.json('GET', '/api/admin/indicators/template.xlsx', { as: 'jxpj' }), 403, 'FORBIDDEN');
  });

  it('imports every row of a good workbook', async () => {
    const before = await count();
    const workbookB64 = await filled([
      ['产出指标', '数量指标', '导入测试乡村道路里程', '公里', '≥', '年度完成的乡村道路里程', '完成得满分', '', '2026'],
      ['满意度指标', '服务对象满意度指标', '导入测试群众满意度', '%', '>=', '抽样调查满意度', '', 'project-target', ''],
    ]);
    const r = await api.json('POST', '/api/admin/indicators/import', { as: 'admin', body: { workbook: workbookB64 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.created).toBe(2);
    expect(await count()).toBe(before + 2);
    const list = await api.json('GET', '/api/indicators?limit=100', { as: 'admin' });
    expect(list.body.items.find((i: { name: string }) => i.name === '导入测试群众满意度')).toMatchObject({
      level1: 'satisfaction',
      level2: 'serviceRecipient',
      operator: 'gte',
      forms: ['project-target'],
    });
  });

  it('stores nothing when any row is bad, and names each bad row and column in Chinese', async () => {
    const before = await count();
    const workbookB64 = await filled([
      ['产出指标', '数量指标', '导入测试好行', '个', '≥', '好的一行', '', '', ''],
      ['产出指标', '社会效益指标', '导入测试坏行', '个', '≥', '二级指标不匹配', '', '', ''],
      ['效益指标', '经济效益指标', '导入测试缺解释', '万元', '≥', '', '', '', ''],
      ['产出指标', '数量指标', '导入测试好行', '个', '≥', '与第2行重名', '', '', ''],
    ]);
    const r = await api.json('POST', '/api/admin/indicators/import', { as: 'admin', body: { workbook: workbookB64 } });
    expectClear4xx(r, 422);
    expect(r.body.error.code).toBe('INDICATOR_IMPORT_INVALID');
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/rows/3/level2', '/rows/4/content', '/rows/5/name']));
    expect(paths.some((p: string) => p.startsWith('/rows/2/'))).toBe(false);
    expect(r.body.error.details.find((d: { path: string }) => d.path === '/rows/3/level2').message).toMatch(
      /^第3行「二级指标」：/,
    );
    expect(await count()).toBe(before);
  });

  it('refuses a file that is not a workbook (422) and non-admins (403)', async () => {
    const bad = await api.json('POST', '/api/admin/indicators/import', {
      as: 'admin',
      body: { workbook: Buffer.from('not a zip at all').toString('base64') },
    });
    expectClear4xx(bad, 422);
    expect(bad.body.error.code).toBe('INDICATOR_IMPORT_INVALID');
    const dept = await api.json('POST', '/api/admin/indicators/import', { as: 'jxpj', body: { workbook: 'AAAA' } });
    expectClear4xx(dept, 403);
  });
});
