import type { Campaign } from '../../campaign-model';
import { coded, type ErrorDetail, ValidationError } from '../../errors';
import type { Actor } from '../../model';
import type { Deps, SheetData } from '../../ports';
import { assertCanIssue, dueAtOf, emptyCounters, realDate } from '../support/campaign-rules';

/**
 * 监控任务 imported from the 预算管理一体化系统 (规程第二十条, R-M1): the 省财政厅 and 市财政局 issue the monitoring
 * tasks there; 绩效评价服务股 (or 预算股) imports the exported project list and each row becomes a 填报任务 of the
 * monitoring form, addressed to the unit with that code, due on the task's date.
 */
const COLUMNS = [
  { key: 'taskNo', header: '监控任务编号', width: 20 },
  { key: 'taskTitle', header: '监控任务标题', width: 36 },
  { key: 'year', header: '年度', width: 8 },
  { key: 'objectType', header: '监控对象（项目支出/部门整体）', width: 16 },
  { key: 'unitCode', header: '单位代码', width: 12 },
  { key: 'projectCode', header: '项目代码', width: 26 },
  { key: 'projectName', header: '项目名称', width: 36 },
  { key: 'cutoffMonth', header: '监控截止月份', width: 12 },
  { key: 'dueDate', header: '报送截止日期', width: 14 },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

const OBJECT_FORMS: Record<string, string> = { 项目支出: 'project-monitoring', 部门整体: 'dept-monitoring' };
const MAX_ROWS = 500;
const header = (key: Key) => COLUMNS.find((c) => c.key === key)?.header.replace(/（.*$/, '') ?? key;

/** The import template: the columns of the 一体化 task export, one example row. */
export async function monitoringTaskTemplate(deps: Deps) {
  const sheet: SheetData = {
    name: '监控任务',
    columns: COLUMNS.map((c) => ({ header: c.header, type: 'text' as const, width: c.width })),
    rows: [
      [
        'GZ-JK-2025-0007',
        '2025年1—7月项目支出绩效运行监控',
        '2025',
        '项目支出',
        '118001',
        '360722250000000012345',
        '2025年信丰县农村公路日常养护项目',
        '7',
        '2025-08-15',
      ],
    ],
  };
  return { filename: '绩效监控任务导入模板.xlsx', bytes: await deps.workbooks.write([sheet]) };
}

/** The campaign id of a task row: one 填报任务 per task and project, so importing the same file twice adds nothing. */
const campaignIdOf = (taskNo: string, objectCode: string) =>
  `mt-${taskNo}-${objectCode}`.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 120);

function invalid(message: string, details: ErrorDetail[], code = 'MONITORING_IMPORT_INVALID'): never {
  throw coded(new ValidationError(message, details), code);
}

/**
 * Import monitoring tasks (绩效评价服务股, 预算股, admin).
 * 1. issuer only (403)  2. a real workbook with the template's header (422)
 * 3. every row checked first — task number, title, year, object type, a known unit code, the project for 项目支出,
 *    month 1–12, a real due date, no row twice, not imported before — each problem at its row and column in Chinese;
 *    nothing is created when any row is bad (422 with every problem)
 * 4. one 填报任务 per row, the task number, project and monitoring period in its notice
 */
export async function importMonitoringTasks(deps: Deps, input: { actor: Actor; workbook: Uint8Array }) {
  const { actor } = input;
  assertCanIssue(actor, await deps.org.getUnit(actor.unitId), '导入监控任务');
  let sheets: { name: string; rows: string[][] }[];
  try {
    sheets = await deps.workbooks.read(input.workbook);
  } catch {
    invalid('文件不是有效的 Excel 工作簿（.xlsx）', [{ path: '/workbook', message: '请使用监控任务导入模板' }]);
  }
  const rows = sheets[0]?.rows ?? [];
  const head = (rows[0] ?? []).map((h) => h.trim());
  const missing = COLUMNS.filter((c) => !head.includes(c.header));
  if (missing.length)
    invalid(`表头与导入模板不一致，缺少：${missing.map((m) => m.header).join('、')}`, [
      { path: '/rows/1', message: '请使用监控任务导入模板，不要修改第1行表头' },
    ]);
  const body = rows
    .slice(1)
    .map((r, i) => ({ r, row: i + 2 }))
    .filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (body.length === 0)
    invalid('模板中没有监控任务', [{ path: '/rows/2', message: '请从第2行起填写监控任务' }], 'MONITORING_IMPORT_EMPTY');
  if (body.length > MAX_ROWS) invalid(`一次最多导入${MAX_ROWS}行`, [], 'MONITORING_IMPORT_TOO_MANY');

  const units = (await deps.org.listUnits()).filter((u) => u.kind === 'department' && !u.disabled && u.code);
  const errors: ErrorDetail[] = [];
  const seen = new Map<string, number>();
  const planned: Campaign[] = [];
  const now = deps.clock.now();
  for (const { r, row } of body) {
    const cell = (key: Key) => (r[head.indexOf(COLUMNS.find((c) => c.key === key)?.header ?? '')] ?? '').trim();
    const at = (key: Key, message: string) =>
      errors.push({ path: `/rows/${row}/${key}`, message: `第${row}行「${header(key)}」：${message}` });
    const taskNo = cell('taskNo');
    if (!/^[A-Za-z0-9-]{1,40}$/.test(taskNo)) at('taskNo', '应为1至40位字母、数字或“-”');
    const taskTitle = cell('taskTitle');
    if (!taskTitle || taskTitle.length > 100) at('taskTitle', '不能为空，最多100字');
    const year = Number(cell('year'));
    if (!/^\d{4}$/.test(cell('year')) || year < 2020 || year > 2100) at('year', '应为四位年度，如2025');
    const formId = OBJECT_FORMS[cell('objectType')];
    if (!formId) at('objectType', `“${cell('objectType')}”应为“项目支出”或“部门整体”`);
    const unit = units.find((u) => u.code === cell('unitCode'));
    if (!unit) at('unitCode', `没有单位代码为“${cell('unitCode')}”的预算单位`);
    const project = formId === 'project-monitoring';
    const projectCode = cell('projectCode');
    const projectName = cell('projectName');
    if (project && !/^\d{1,30}$/.test(projectCode)) at('projectCode', '项目支出监控须填写项目代码（数字）');
    if (project && (!projectName || projectName.length > 200)) at('projectName', '项目支出监控须填写项目名称');
    const month = Number(cell('cutoffMonth'));
    if (!/^\d{1,2}$/.test(cell('cutoffMonth')) || month < 1 || month > 12) at('cutoffMonth', '应为1至12的整数');
    const dueDate = realDate(cell('dueDate'));
    if (!dueDate) at('dueDate', `“${cell('dueDate')}”不是有效日期，格式 YYYY-MM-DD`);
    const id = campaignIdOf(taskNo, project ? projectCode : (unit?.code ?? ''));
    const twice = seen.get(id);
    if (twice) at(project ? 'projectCode' : 'unitCode', `与第${twice}行是同一监控任务的同一对象`);
    seen.set(id, row);
    if (!unit || !formId || !dueDate || errors.some((e) => e.path.startsWith(`/rows/${row}/`))) continue;
    if (await deps.campaigns.get(id)) {
      at('taskNo', '该监控任务已导入');
      continue;
    }
    const object = project ? `${projectName}（项目代码${projectCode}）` : `${unit.name}部门整体支出`;
    planned.push({
      id,
      formId,
      title: `${taskTitle}：${project ? projectName : unit.name}`.slice(0, 200),
      year,
      dueDate,
      dueAt: dueAtOf(dueDate),
      notice: `一体化监控任务编号${taskNo}；监控对象：${object}；监控期间1—${month}月。请从已批准的绩效目标开始填报绩效运行监控表。`,
      unitIds: [unit.id],
      status: 'open',
      counters: emptyCounters(1),
      createdAt: now,
      createdBy: actor.id,
      createdByUnitId: actor.unitId,
      updatedAt: now,
      version: 1,
      monitoringTask: { taskNo, cutoffMonth: month, ...(project ? { projectCode } : {}) },
    });
  }
  if (errors.length) invalid(`监控任务有${errors.length}处问题，未导入任何任务`, errors);
  for (const campaign of planned) {
    await deps.campaigns.create(campaign, {
      seq: 1,
      at: now,
      type: 'issued',
      actor: { id: actor.id, name: actor.name, unitId: actor.unitId },
    });
  }
  return { imported: planned.length, campaignIds: planned.map((c) => c.id) };
}
