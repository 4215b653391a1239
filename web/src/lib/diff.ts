/**
 * The reviewer's view of what changed in a submission's data: a layer over forms/lib's JSON kernel
 * (pointers, JSON equality) that adds what form versions do not need: Chinese labels from the schema,
 * keys in the form's order, empty values treated as absent, and rows matched by their id.
 */
import { jsonEqual } from '../../../forms/lib/json-diff';
import { formatPointer, isRecord as isPlainObject } from '../../../forms/lib/pointer';
import { enumLabel, itemSchema, propertyKeys, propertySchema, resolveRef, type Schema, titleOf } from './schema';

/** One field-level difference between two versions of a submission's data. */
export interface DiffEntry {
  /** JSON Pointer of the changed value (in the newer data for changed/added, the older for removed). */
  path: string;
  /** Chinese location, section titles joined with " › ", e.g. "年度绩效指标 › 第2行（危桥改造数量） › 指标值". */
  label: string;
  kind: 'changed' | 'added' | 'removed';
  before?: string;
  after?: string;
}

type Json = unknown;
/** A node of the rjsf uiSchema (only ui:enumNames and nesting are used here). */
type Ui = Record<string, unknown> | undefined;

function uiChild(ui: Ui, key: string): Ui {
  const child = ui?.[key];
  return isPlainObject(child) ? child : undefined;
}

/** Label from `"ui:enumNames"` for a value of an `enum` schema. */
function uiEnumLabel(schema: Schema | undefined, ui: Ui, value: unknown): string | undefined {
  const names = ui?.['ui:enumNames'];
  const values = schema?.enum;
  if (!Array.isArray(names) || !Array.isArray(values)) return undefined;
  const i = values.indexOf(value);
  return i >= 0 && typeof names[i] === 'string' ? names[i] : undefined;
}

function isEmpty(x: unknown): boolean {
  return x === undefined || x === null || x === '';
}

/** Human-readable text of a value as the user typed or picked it (enum titles, 是/否, rows summarised). */
export function formatValue(value: Json, schema?: Schema, ui?: Ui): string {
  if (isEmpty(value)) return '（空）';
  const label = enumLabel(schema, value) ?? uiEnumLabel(schema, ui, value);
  if (label) return label;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v)).join('、');
  if (isPlainObject(value)) {
    return Object.entries(value)
      .filter(([, v]) => !isEmpty(v))
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join('；');
  }
  return String(value);
}

const ROW_KEYS = ['indicatorId', 'id', 'key'];

/** The key that identifies rows across versions, when every row on both sides carries a unique one. */
function rowKeyOf(before: unknown[], after: unknown[]): string | undefined {
  for (const key of ROW_KEYS) {
    const ok = (list: unknown[]) => {
      const seen = new Set<unknown>();
      for (const row of list) {
        if (!isPlainObject(row) || isEmpty(row[key]) || seen.has(row[key])) return false;
        seen.add(row[key]);
      }
      return true;
    };
    if ((before.length || after.length) && ok(before) && ok(after)) return key;
  }
  return undefined;
}

function rowCaption(row: unknown, index: number): string {
  const name = isPlainObject(row) ? (row.name ?? row.taskName ?? row.title) : undefined;
  return typeof name === 'string' && name ? `第${index + 1}行（${name}）` : `第${index + 1}行`;
}

function summariseRow(row: unknown, schema: Schema | undefined, root: Schema, ui: Ui): string {
  if (!isPlainObject(row)) return formatValue(row, schema, ui);
  const keys = schema ? propertyKeys(schema, root) : [];
  const ordered = [...keys.filter((k) => k in row), ...Object.keys(row).filter((k) => !keys.includes(k))];
  return ordered
    .filter((k) => !isEmpty(row[k]) && k !== 'indicatorId')
    .map((k) => {
      const sub = schema ? propertySchema(schema, k, root) : undefined;
      return `${titleOf(sub, k)}：${formatValue(row[k], sub, uiChild(ui, k))}`;
    })
    .join('；');
}

function walk(
  before: Json,
  after: Json,
  schema: Schema | undefined,
  root: Schema,
  ui: Ui,
  path: string,
  labels: string[],
  out: DiffEntry[],
): void {
  const s = schema ? resolveRef(schema, root) : undefined;
  if (isPlainObject(before) || isPlainObject(after)) {
    if ((before !== undefined && !isPlainObject(before)) || (after !== undefined && !isPlainObject(after))) {
      out.push({
        path,
        label: labels.join(' › '),
        kind: 'changed',
        before: formatValue(before, s, ui),
        after: formatValue(after, s, ui),
      });
      return;
    }
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const schemaKeys = s ? propertyKeys(s, root) : [];
    const keys = [...schemaKeys, ...[...Object.keys(b), ...Object.keys(a)].filter((k) => !schemaKeys.includes(k))];
    for (const key of [...new Set(keys)]) {
      if (!(key in a) && !(key in b)) continue;
      const sub = s ? propertySchema(s, key, root) : undefined;
      walk(
        b[key],
        a[key],
        sub,
        root,
        uiChild(ui, key),
        `${path}${formatPointer([key])}`,
        [...labels, titleOf(sub, key)],
        out,
      );
    }
    return;
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const b = Array.isArray(before) ? before : [];
    const a = Array.isArray(after) ? after : [];
    const item = s ? itemSchema(s, root) : undefined;
    const itemUi = uiChild(ui, 'items');
    const objectRows = [...b, ...a].some(isPlainObject);
    if (!objectRows) {
      if (!jsonEqual(b, a)) {
        out.push({
          path,
          label: labels.join(' › '),
          kind: 'changed',
          before: formatValue(before, s, ui),
          after: formatValue(after, s, ui),
        });
      }
      return;
    }
    const key = rowKeyOf(b, a);
    if (key) {
      const beforeIndex = new Map(b.map((row, i) => [(row as Record<string, unknown>)[key], i]));
      const afterKeys = new Set(a.map((row) => (row as Record<string, unknown>)[key]));
      a.forEach((row, i) => {
        const id = (row as Record<string, unknown>)[key];
        const j = beforeIndex.get(id);
        const rowPath = `${path}/${i}`;
        if (j === undefined) {
          out.push({
            path: rowPath,
            label: [...labels, rowCaption(row, i)].join(' › '),
            kind: 'added',
            after: summariseRow(row, item, root, itemUi),
          });
        } else {
          walk(b[j], row, item, root, itemUi, rowPath, [...labels, rowCaption(row, i)], out);
        }
      });
      b.forEach((row, j) => {
        if (!afterKeys.has((row as Record<string, unknown>)[key])) {
          out.push({
            path: `${path}/${j}`,
            label: [...labels, rowCaption(row, j)].join(' › '),
            kind: 'removed',
            before: summariseRow(row, item, root, itemUi),
          });
        }
      });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const rowPath = `${path}/${i}`;
      if (i >= b.length) {
        out.push({
          path: rowPath,
          label: [...labels, rowCaption(a[i], i)].join(' › '),
          kind: 'added',
          after: summariseRow(a[i], item, root, itemUi),
        });
      } else if (i >= a.length) {
        out.push({
          path: rowPath,
          label: [...labels, rowCaption(b[i], i)].join(' › '),
          kind: 'removed',
          before: summariseRow(b[i], item, root, itemUi),
        });
      } else {
        walk(b[i], a[i], item, root, itemUi, rowPath, [...labels, rowCaption(a[i], i)], out);
      }
    }
    return;
  }
  if (isEmpty(before) && isEmpty(after)) return;
  if (before === after) return;
  const kind = isEmpty(before) ? 'added' : isEmpty(after) ? 'removed' : 'changed';
  out.push({
    path,
    label: labels.join(' › '),
    kind,
    before: kind === 'added' ? undefined : formatValue(before, s, ui),
    after: kind === 'removed' ? undefined : formatValue(after, s, ui),
  });
}

/**
 * Field-level differences between two versions of a submission's data, labelled with the
 * schema's Chinese titles (and the uiSchema's `ui:enumNames` for picked values). Rows of arrays are matched by `indicatorId` (or `id`) when every row
 * has one, so a reordered or inserted row is not reported as every later row changing.
 */
export function diffData(
  before: Json,
  after: Json,
  schema: Schema = {},
  uiSchema?: Record<string, unknown>,
): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(before, after, schema, schema, uiSchema, '', [], out);
  return out;
}
