import { ENUM_LABELS } from '../../../../forms/lib/indicator-labels';
import type { SheetColumn, SheetData } from '../../ports';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; title?: string };

const deref = (root: Schema, s: Schema | undefined): Schema => {
  const ref = s?.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let cur: unknown = root;
    for (const k of ref.slice(2).split('/')) cur = (cur as Record<string, unknown>)?.[k];
    return (cur as Schema) ?? {};
  }
  return s ?? {};
};

const columnType = (s: Schema): SheetColumn['type'] =>
  s.format === 'money'
    ? 'money'
    : s.type === 'number' || s.type === 'integer'
      ? 'number'
      : s.format === 'date'
        ? 'date'
        : 'text';

const display = (key: string, v: unknown) => {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' && ENUM_LABELS[key]?.[v]) return ENUM_LABELS[key][v];
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v as string | number | undefined;
};

/**
 * The tables of a submission as worksheets, read from the form's own schema: every array of rows
 * (indicator tables) becomes a sheet with the schema's Chinese titles as headers; every group holding
 * money fields (funds) becomes one 资金 sheet, a row per amount, 万元 as numbers.
 */
export function submissionTables(schema: Schema, data: Record<string, unknown>): SheetData[] {
  const sheets: SheetData[] = [];
  const funds: (string | number | null)[][] = [];
  const walk = (s: Schema, value: unknown, path: string[]) => {
    const node = deref(schema, s);
    if (node.type === 'array' && Array.isArray(value)) {
      const item = deref(schema, node.items);
      const props = Object.entries(item.properties ?? {}).map(([k, p]) => [k, deref(schema, p)] as const);
      if (!props.length) return;
      sheets.push({
        name: node.title ?? path.join('.'),
        columns: [
          { header: '序号', type: 'number' },
          ...props.map(([, p]) => ({ header: p.title ?? '', type: columnType(p) })),
        ],
        rows: value.map((row, i) => [i + 1, ...props.map(([k]) => display(k, (row as Record<string, unknown>)?.[k]))]),
      });
      return;
    }
    if (node.type === 'object' && value && typeof value === 'object') {
      for (const [k, p] of Object.entries(node.properties ?? {})) {
        const child = deref(schema, p);
        const v = (value as Record<string, unknown>)[k];
        if (child.format === 'money') {
          funds.push([path.map((x) => x).join(' / '), child.title ?? k, v === undefined ? null : (v as string)]);
        } else walk(child, v, [...path, child.title ?? k]);
      }
    }
  };
  walk(schema, data, []);
  if (funds.length) {
    sheets.push({
      name: '资金',
      columns: [
        { header: '分组', type: 'text', width: 30 },
        { header: '项目', type: 'text', width: 30 },
        { header: '金额（万元）', type: 'money', width: 16 },
      ],
      rows: funds,
    });
  }
  return sheets;
}
