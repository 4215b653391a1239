/**
 * Turns a form's JSON Schema + uiSchema + data into a read-only document: sections with headings,
 * label/value grids, and tables for arrays of objects and for groups of like objects (fund tables).
 * Pure: the React view (document-view.tsx) and the print page both render what this returns.
 */
import { isAttachmentField } from '../../../forms/lib/attachments';
import { itemSchema, propertyKeys, propertySchema, resolveRef, type Schema, titleOf } from '../lib/schema';
import { formatValue, isEmpty, isObject, ordered, type Ui, uiChild } from './format';

export interface ReadField {
  key: string;
  label: string;
  value: string;
  /** Long text: takes a whole row. */
  wide: boolean;
  /** An attachment field: the ids of its files (the views list them with name, size and hash). */
  attachmentIds?: string[];
}

export interface ReadTable {
  kind: 'table';
  key: string;
  title?: string;
  /** Heading level of the title (2 for a top-level block). */
  level?: number;
  /** Title of the row-header column, when rows have headers. */
  rowHeaderTitle?: string;
  columns: { key: string; title: string }[];
  rows: { key: string; header?: string; depth?: number; cells: ReadCell[]; rowId?: string }[];
}

/** A table cell: text, or a nested table (an array inside a row, e.g. 评分细项). */
export type ReadCell = string | ReadTable;

export type ReadBlock =
  | { kind: 'section'; key: string; title: string; level: number; children: ReadBlock[] }
  | { kind: 'fields'; key: string; fields: ReadField[] }
  | ReadTable;

const LONG_TEXT = 40;
const TARGET_KEYS = ['operator', 'targetValue', 'targetText', 'unit'];

function hidden(ui: Ui): boolean {
  return ui?.['ui:widget'] === 'hidden';
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object' || (Array.isArray(v) && !v.some((x) => typeof x === 'object'));
}

/** An object shown as one value: a few scalars (`{ code, name }` → `名称（代码）`, a period …). */
function compactText(data: Record<string, unknown>, schema: Schema, root: Schema, ui: Ui): string | null {
  const keys = ordered(propertyKeys(schema, root), ui);
  if (keys.length === 0 || keys.length > 3 || !keys.every((k) => isScalar(data[k]))) return null;
  if (keys.length === 2 && keys.includes('code') && keys.includes('name')) {
    const name = formatValue(data.name, propertySchema(schema, 'name', root), uiChild(ui, 'name'));
    const code = formatValue(data.code, propertySchema(schema, 'code', root), uiChild(ui, 'code'));
    return code ? `${name}（${code}）` : name;
  }
  // Amounts keep their own rows (fund blocks read as tables); so does anything long.
  if (keys.some((k) => propertySchema(schema, k, root)?.format === 'money')) return null;
  const parts = keys
    .filter((k) => !isEmpty(data[k]) && !hidden(uiChild(ui, k)))
    .map((k) => {
      const sub = propertySchema(schema, k, root);
      return `${titleOf(sub, k)}：${formatValue(data[k], sub, uiChild(ui, k))}`;
    });
  const text = parts.join('；');
  return text.length > LONG_TEXT ? null : text;
}

/** `≥1850 公里` / `＝100%` / the qualitative text: an indicator's target in one cell. */
function targetText(row: Record<string, unknown>, item: Schema, root: Schema, ui: Ui): string {
  if (row.operator === 'qual') return typeof row.targetText === 'string' ? row.targetText : '';
  const op =
    row.operator === undefined
      ? ''
      : formatValue(row.operator, propertySchema(item, 'operator', root), uiChild(ui, 'operator'));
  const value = isEmpty(row.targetValue) ? '' : String(row.targetValue);
  const unit = typeof row.unit === 'string' ? row.unit : '';
  return `${op}${value}${unit}`;
}

/** A table for an array of objects; columns are the item's fields that hold a value in some row. */
function arrayTable(
  key: string,
  title: string | undefined,
  rows: unknown[],
  schema: Schema,
  root: Schema,
  ui: Ui,
  options: ReadOptions = {},
): ReadTable {
  const item = itemSchema(schema, root) ?? {};
  const itemUi = uiChild(ui, 'items');
  const keys = ordered(propertyKeys(item, root), itemUi).filter((k) => !hidden(uiChild(itemUi, k)));
  const objects = rows.map((r) => (isObject(r) ? r : {}));
  // Indicator rows (三级指标体系): operator, value, text and unit read as one 指标值 column; the id stays out.
  const isIndicator = keys.includes('operator') && keys.includes('level1');
  const kept = isIndicator ? (options.indicatorColumns ?? []) : [];
  const used = keys.filter((k) => kept.includes(k) || objects.some((r) => !isEmpty(r[k])));
  const columns: ReadTable['columns'] = [];
  const render: ((r: Record<string, unknown>) => ReadCell)[] = [];
  for (const k of used) {
    if (isIndicator && k === 'indicatorId') continue;
    if (isIndicator && TARGET_KEYS.includes(k)) {
      if (columns.some((c) => c.key === 'target')) continue;
      columns.push({ key: 'target', title: '指标值' });
      render.push((r) => targetText(r, item, root, itemUi));
      continue;
    }
    const sub = propertySchema(item, k, root) ?? {};
    const subUi = uiChild(itemUi, k);
    columns.push({ key: k, title: titleOf(sub, k) });
    render.push((r) => {
      const v = r[k];
      if (Array.isArray(v) && v.some(isObject))
        return arrayTable(`${key}/${k}`, undefined, v, sub, root, subUi, options);
      if (isObject(v)) return compactText(v, resolveRef(sub, root), root, subUi) ?? '';
      return formatValue(v, sub, subUi);
    });
  }
  return {
    kind: 'table',
    key,
    title,
    columns: [{ key: '#', title: '序号' }, ...columns],
    rows: objects.map((r, i) => ({
      key: String(i),
      ...(typeof r.indicatorId === 'string' ? { rowId: r.indicatorId } : {}),
      cells: [String(i + 1), ...render.map((f) => f(r))],
    })),
  };
}

interface MatrixRow {
  key: string;
  header: string;
  depth: number;
  data?: Record<string, unknown>;
  schema?: Schema;
  ui: Ui;
}

/**
 * Groups of like objects (年度资金总额 / 其中：当年财政拨款 / … each with 年初预算数, 全年预算数 …) as one table:
 * a row per object, a column per field. Only when every row names a shared field the same way; else null.
 */
function matrixTable(
  key: string,
  title: string,
  data: Record<string, unknown>,
  schema: Schema,
  root: Schema,
  ui: Ui,
): { table: ReadTable; rest: string[] } | null {
  const rows: MatrixRow[] = [];
  const rest: string[] = [];
  const collect = (obj: Record<string, unknown>, s: Schema, u: Ui, prefix: string, depth: number): boolean => {
    for (const k of ordered(propertyKeys(s, root), u)) {
      const v = obj[k];
      const sub = propertySchema(s, k, root) ?? {};
      const subUi = uiChild(u, k);
      if (isEmpty(v) || hidden(subUi)) continue;
      if (!isObject(v)) {
        if (depth > 0) return false;
        rest.push(k);
        continue;
      }
      const values = Object.values(v);
      if (values.every((x) => isScalar(x)))
        rows.push({ key: `${prefix}${k}`, header: titleOf(sub, k), depth, data: v, schema: sub, ui: subUi });
      else if (depth === 0 && values.every((x) => isEmpty(x) || isObject(x))) {
        rows.push({ key: `${prefix}${k}`, header: titleOf(sub, k), depth, ui: subUi });
        if (!collect(v, sub, subUi, `${prefix}${k}/`, depth + 1)) return false;
      } else return false;
    }
    return true;
  };
  if (!collect(data, schema, ui, '', 0)) return null;
  const withData = rows.filter((r) => r.data);
  if (withData.length < 2) return null;
  const titles = new Map<string, string>();
  const columns: ReadTable['columns'] = [];
  for (const r of withData) {
    for (const k of ordered(propertyKeys(r.schema ?? {}, root), r.ui)) {
      // 中期资金 › 中期资金总额 and 年度资金 › 年度资金总额 share the column 总额.
      const full = titleOf(propertySchema(r.schema ?? {}, k, root), k);
      const t = full.startsWith(r.header) && full.length > r.header.length ? full.slice(r.header.length) : full;
      const seen = titles.get(k);
      if (seen !== undefined && seen !== t) return null;
      if (seen === undefined && withData.some((x) => !isEmpty(x.data?.[k]))) {
        titles.set(k, t);
        columns.push({ key: k, title: t });
      }
    }
  }
  const table: ReadTable = {
    kind: 'table',
    key,
    title,
    rowHeaderTitle: '项目',
    columns,
    rows: rows.map((r) => ({
      key: r.key,
      header: r.header,
      depth: r.depth,
      cells: columns.map((c) =>
        r.data ? formatValue(r.data[c.key], propertySchema(r.schema ?? {}, c.key, root), uiChild(r.ui, c.key)) : '',
      ),
    })),
  };
  return { table, rest };
}

export interface ReadOptions {
  /** Indicator-table columns shown even when every row leaves them empty (the printed form keeps 指标解释). */
  indicatorColumns?: string[];
}

/** The blocks of one object: its scalar fields in grids, nested objects as sections, arrays as tables. */
export function readBlocks(
  data: Record<string, unknown>,
  schema: Schema,
  root: Schema,
  ui: Ui,
  path = '',
  level = 2,
  options: ReadOptions = {},
): ReadBlock[] {
  const s = resolveRef(schema, root);
  const out: ReadBlock[] = [];
  let fields: ReadField[] = [];
  const flush = () => {
    if (fields.length) out.push({ kind: 'fields', key: `${path}/#${out.length}`, fields });
    fields = [];
  };
  for (const k of ordered(propertyKeys(s, root), ui)) {
    const value = data[k];
    const sub = propertySchema(s, k, root) ?? {};
    const subUi = uiChild(ui, k);
    if (isEmpty(value) || hidden(subUi)) continue;
    const label = titleOf(sub, k);
    const key = `${path}/${k}`;
    if (isAttachmentField(resolveRef(sub, root))) {
      const ids = (value as unknown[]).filter((v): v is string => typeof v === 'string');
      fields.push({ key, label, value: `${ids.length} 个文件`, wide: true, attachmentIds: ids });
    } else if (Array.isArray(value) && value.some(isObject)) {
      flush();
      out.push({ ...arrayTable(key, label, value, sub, root, subUi, options), level });
    } else if (isObject(value)) {
      const compact = compactText(value, sub, root, subUi);
      if (compact !== null) {
        fields.push({ key, label, value: compact, wide: compact.length > LONG_TEXT });
        continue;
      }
      flush();
      const matrix = matrixTable(key, label, value, sub, root, subUi);
      if (matrix) {
        out.push({ ...matrix.table, level });
        const rest = Object.fromEntries(matrix.rest.map((r) => [r, value[r]]));
        out.push(...readBlocks(rest, sub, root, subUi, key, level + 1, options));
      } else {
        out.push({
          kind: 'section',
          key,
          title: label,
          level,
          children: readBlocks(value, sub, root, subUi, key, level + 1),
        });
      }
    } else {
      const text = formatValue(value, sub, subUi);
      const wide = subUi?.['ui:widget'] === 'textarea' || text.length > LONG_TEXT || text.includes('\n');
      fields.push({ key, label, value: text, wide });
    }
  }
  flush();
  return out;
}

/** The whole submission as a document. */
export function readDocument(
  data: Record<string, unknown>,
  schema: Schema,
  ui: Ui,
  options: ReadOptions = {},
): ReadBlock[] {
  return readBlocks(data ?? {}, schema, schema, ui, '', 2, options);
}
