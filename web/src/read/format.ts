import { enumLabel, type Schema } from '../lib/schema';

/** A uiSchema node (or nothing). */
export type Ui = Record<string, unknown> | undefined;

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function uiChild(ui: Ui, key: string): Ui {
  const c = ui?.[key];
  return isObject(c) ? c : undefined;
}

/** Nothing worth showing: undefined, null, '' or []. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Keys in `ui:order` (with `*` for the rest), else schema order. */
export function ordered(keys: string[], ui: Ui): string[] {
  const order = ui?.['ui:order'];
  if (!Array.isArray(order)) return keys;
  const pick = (list: unknown[]) => list.filter((k): k is string => typeof k === 'string' && keys.includes(k));
  const star = order.indexOf('*');
  const before = pick(star < 0 ? order : order.slice(0, star));
  const after = star < 0 ? [] : pick(order.slice(star + 1));
  const rest = keys.filter((k) => !before.includes(k) && !after.includes(k));
  return [...before, ...rest, ...after];
}

/** `1234567.5` or `"1234567.50"` → `1,234,567.50` (string arithmetic, no float rounding). */
export function formatMoney(value: unknown): string {
  const text = typeof value === 'number' ? value.toFixed(2) : String(value).trim();
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const [, sign, int, frac = ''] = m;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${frac.padEnd(2, '0')}`;
}

function unitOf(ui: Ui): string | undefined {
  const unit = uiChild(ui, 'ui:options')?.unit;
  return typeof unit === 'string' && unit ? unit : undefined;
}

/** A label for an enum value: `oneOf` titles first, then `ui:enumNames`. */
function enumText(value: unknown, schema: Schema | undefined, ui: Ui): string | undefined {
  const fromOneOf = enumLabel(schema, value);
  if (fromOneOf) return fromOneOf;
  const names = ui?.['ui:enumNames'];
  if (!Array.isArray(names)) return undefined;
  const options = Array.isArray(schema?.enum) ? schema.enum : schema?.type === 'boolean' ? [true, false] : undefined;
  const i = options ? options.indexOf(value) : -1;
  return i >= 0 && typeof names[i] === 'string' ? names[i] : undefined;
}

/** What a reader sees for one scalar (or list of scalars) value: Chinese enum labels, money, 是/否, units. */
export function formatValue(value: unknown, schema: Schema | undefined, ui: Ui): string {
  if (isEmpty(value)) return '';
  if (Array.isArray(value)) {
    const item = isObject(schema?.items) ? (schema.items as Schema) : undefined;
    return value.map((v) => formatValue(v, item, uiChild(ui, 'items'))).join('、');
  }
  const label = enumText(value, schema, ui);
  if (label) return label;
  if (typeof value === 'boolean') return value ? '是' : '否';
  const title = typeof schema?.title === 'string' ? schema.title : '';
  const unit = unitOf(ui);
  const suffix = unit && !title.includes(unit) ? ` ${unit}` : '';
  if (schema?.format === 'money') return `${formatMoney(value)}${suffix}`;
  if (typeof value === 'string' || typeof value === 'number') return `${value}${suffix}`;
  return '';
}
