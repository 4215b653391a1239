import { codeOf, LEVEL1_LABELS, LEVEL2_LABELS, OPERATOR_LABELS } from '../../../../forms/lib/indicator-labels';
import { coded, type ErrorDetail, ValidationError } from '../../errors';
import type { Actor, Indicator } from '../../model';
import type { Deps, SheetData } from '../../ports';
import { requireRole } from '../support/access';
import { checkIndicatorFields, type IndicatorFields, indicatorContent } from './indicator-checks';

/** Columns of the 指标库 import template, in order. */
const COLUMNS = [
  { key: 'level1', header: '一级指标', width: 14 },
  { key: 'level2', header: '二级指标', width: 20 },
  { key: 'name', header: '三级指标', width: 30 },
  { key: 'unit', header: '计量单位', width: 10 },
  { key: 'operator', header: '计算符号', width: 10 },
  { key: 'content', header: '指标解释', width: 50 },
  { key: 'scoringStandard', header: '评（扣）分标准', width: 40 },
  { key: 'forms', header: '适用表单（编号，逗号分隔，可空）', width: 30 },
  { key: 'years', header: '适用年度（逗号分隔，可空）', width: 24 },
] as const;

/** At most this many rows per workbook. */
const MAX_ROWS = 1000;

/** The template workbook: the headers, one example row, and a sheet listing the allowed codes. */
export async function indicatorTemplate(deps: Deps) {
  const sheets: SheetData[] = [
    {
      name: '指标',
      columns: COLUMNS.map((c) => ({ header: c.header, type: 'text' as const, width: c.width })),
      rows: [
        [
          '产出指标',
          '数量指标',
          '农村公路日常养护里程',
          '公里',
          '≥',
          '年度完成日常养护的农村公路里程',
          '完成目标值得满分，每少1%扣0.5分',
          '',
          '',
        ],
      ],
    },
    {
      name: '填写说明',
      columns: [
        { header: '一级指标', type: 'text', width: 14 },
        { header: '可选的二级指标', type: 'text', width: 60 },
      ],
      rows: [
        ['产出指标', '数量指标、质量指标、时效指标、成本指标'],
        ['效益指标', '经济效益指标、社会效益指标、生态效益指标、可持续影响指标'],
        ['满意度指标', '服务对象满意度指标'],
        ['成本指标', '经济成本指标、社会成本指标、生态环境成本指标'],
        ['计算符号', Object.values(OPERATOR_LABELS).join('、')],
      ],
    },
  ];
  return { filename: '指标库导入模板.xlsx', bytes: await deps.workbooks.write(sheets) };
}

const list = (s: string) =>
  s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Import indicators from the template (admin). Every row is checked first — the same field checks as
 * the admin form, plus duplicates inside the workbook and against the library — and each problem is
 * reported at its row and column in Chinese. Nothing is stored when any row is bad.
 */
export async function importIndicators(deps: Deps, input: { actor: Actor; workbook: Uint8Array }) {
  requireRole(input.actor, 'admin');
  let sheets: { name: string; rows: string[][] }[];
  try {
    sheets = await deps.workbooks.read(input.workbook);
  } catch (err) {
    throw coded(
      new ValidationError('文件不是有效的 Excel 工作簿（.xlsx）', [{ path: '/workbook', message: '请使用导入模板' }], {
        cause: err,
      }),
      'INDICATOR_IMPORT_INVALID',
    );
  }
  const rows = sheets[0]?.rows ?? [];
  const header = (rows[0] ?? []).map((h) => h.trim());
  const missing = COLUMNS.slice(0, 6).filter((c) => !header.includes(c.header));
  if (missing.length) {
    throw coded(
      new ValidationError(`表头与导入模板不一致，缺少：${missing.map((m) => m.header).join('、')}`, [
        { path: '/rows/1', message: '请使用导入模板，不要修改第1行表头' },
      ]),
      'INDICATOR_IMPORT_INVALID',
    );
  }
  const col = (key: string) => header.indexOf(COLUMNS.find((c) => c.key === key)?.header ?? '');
  const existing = await deps.indicators.list();
  const taken = new Set(existing.map((i) => `${i.level1}#${i.level2}#${i.name}`));
  const errors: ErrorDetail[] = [];
  const parsed: { row: number; fields: IndicatorFields }[] = [];
  const body = rows
    .slice(1)
    .map((r, i) => ({ r, row: i + 2 }))
    .filter(({ r }) => r.some((c) => c.trim() !== ''));
  if (body.length === 0)
    throw coded(
      new ValidationError('模板中没有指标行', [{ path: '/rows/2', message: '请从第2行起填写指标' }]),
      'INDICATOR_IMPORT_EMPTY',
    );
  if (body.length > MAX_ROWS)
    throw coded(new ValidationError(`一次最多导入${MAX_ROWS}行`, []), 'INDICATOR_IMPORT_TOO_MANY');
  for (const { r, row } of body) {
    const cell = (key: string) => (col(key) >= 0 ? (r[col(key)] ?? '').trim() : '');
    const at = (key: string, message: string) =>
      errors.push({
        path: `/rows/${row}/${key}`,
        message: `第${row}行「${COLUMNS.find((c) => c.key === key)?.header.replace(/（.*$/, '')}」：${message}`,
      });
    const level1 = codeOf(LEVEL1_LABELS, cell('level1'));
    const level2 = codeOf(LEVEL2_LABELS, cell('level2'));
    const operator = cell('operator') ? codeOf(OPERATOR_LABELS, cell('operator')) : undefined;
    if (!level1) at('level1', `“${cell('level1')}”不是一级指标（产出指标、效益指标、满意度指标、成本指标）`);
    if (!level2) at('level2', `“${cell('level2')}”不是二级指标`);
    if (cell('operator') && !operator) at('operator', `“${cell('operator')}”不是计算符号（≥、＞、＝、＜、≤、定性）`);
    const years = list(cell('years'));
    if (years.some((y) => !/^\d{4}$/.test(y))) at('years', '年度应为四位数字，多个用逗号分隔');
    const fields: IndicatorFields = {
      level1: level1 ?? '',
      level2: level2 ?? '',
      name: cell('name'),
      unit: cell('unit'),
      ...(operator ? { operator } : {}),
      content: cell('content'),
      ...(cell('scoringStandard') ? { scoringStandard: cell('scoringStandard') } : {}),
      forms: list(cell('forms')),
      years: years.filter((y) => /^\d{4}$/.test(y)).map(Number),
    };
    if (level1 && level2) {
      for (const e of await checkIndicatorFields(deps, fields)) {
        const key = e.path.split('/')[1] ?? 'name';
        at(COLUMNS.some((c) => c.key === key) ? key : 'name', e.message);
      }
      const triple = `${level1}#${level2}#${fields.name.trim()}`;
      if (taken.has(triple)) at('name', `“${fields.name.trim()}”在该二级指标下已存在`);
      taken.add(triple);
    }
    parsed.push({ row, fields });
  }
  if (errors.length) {
    throw coded(
      new ValidationError(`导入未成功：${errors.length}处错误，所有行均未保存`, errors),
      'INDICATOR_IMPORT_INVALID',
    );
  }
  const now = deps.clock.now();
  const created: Indicator[] = parsed.map(({ fields }) => ({
    id: deps.ids.newId(),
    ...indicatorContent(fields),
    version: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: input.actor.id,
  }));
  await deps.indicators.createMany(created);
  return { created: created.length, ids: created.map((i) => i.id) };
}
