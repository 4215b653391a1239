import ExcelJS from 'exceljs';

/** The header of the 监控任务 import template (the 一体化 task export). */
export const TASK_HEAD = [
  '监控任务编号',
  '监控任务标题',
  '年度',
  '监控对象（项目支出/部门整体）',
  '单位代码',
  '项目代码',
  '项目名称',
  '监控截止月份',
  '报送截止日期',
];

/** One task row: 项目支出 of jtj's road project, or 部门整体 of the unit with `unitCode`. */
export function taskRow(taskNo: string, object: { unitCode?: string; project?: boolean; projectCode?: string }) {
  const project = object.project ?? !!object.projectCode;
  return [
    taskNo,
    project ? '2025年1—7月项目支出绩效运行监控' : '2025年1—7月部门整体支出绩效运行监控',
    '2025',
    project ? '项目支出' : '部门整体',
    object.unitCode ?? '118001',
    project ? (object.projectCode ?? '360722250000000012345') : '',
    project ? '2025年信丰县农村公路日常养护项目' : '',
    '7',
    '2025-08-15',
  ];
}

/** The rows as the base64 workbook `POST /api/monitoring-tasks/import` takes. */
export async function taskWorkbook(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('监控任务');
  for (const r of [TASK_HEAD, ...rows]) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
