/** The stored definition (schema, uiSchema, logic) read back into designer fields. */
import { type DesignField, isRecord, newUid, num } from './design-model';

function orderedKeys(properties: Record<string, unknown>, ui: Record<string, unknown>): string[] {
  const order = Array.isArray(ui['ui:order'])
    ? (ui['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string')
    : [];
  const keys = Object.keys(properties);
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
}

function readField(
  key: string,
  schema: Record<string, unknown>,
  ui: Record<string, unknown>,
  required: boolean,
  expr?: string,
): DesignField {
  const options = isRecord(ui['ui:options']) ? ui['ui:options'] : {};
  const f: DesignField = {
    uid: newUid(),
    type: 'text',
    key,
    label: typeof schema.title === 'string' ? schema.title : key,
  };
  if (required) f.required = true;
  if (typeof ui['ui:help'] === 'string') f.help = ui['ui:help'];
  if (expr) f.expr = expr;
  const type = schema.type;
  if (type === 'array') {
    if (ui['ui:field'] === 'attachments') {
      f.type = 'attachment';
    } else if (ui['ui:field'] === 'indicatorTable') {
      f.type = 'indicatorTable';
      if (Array.isArray(schema.default)) f.presetRows = schema.default as Record<string, unknown>[];
    } else {
      f.type = 'table';
      if (typeof ui['ui:field'] === 'string') f.tableField = ui['ui:field'];
      const item = isRecord(schema.items) ? schema.items : {};
      const itemUi = isRecord(ui.items) ? ui.items : {};
      const props = isRecord(item.properties) ? item.properties : {};
      const req = Array.isArray(item.required) ? (item.required as string[]) : [];
      f.columns = orderedKeys(props, itemUi).map((k) =>
        readField(
          k,
          isRecord(props[k]) ? (props[k] as Record<string, unknown>) : {},
          isRecord(itemUi[k]) ? (itemUi[k] as Record<string, unknown>) : {},
          req.includes(k),
        ),
      );
    }
    if (num(schema.minItems) !== undefined) f.min = num(schema.minItems);
    if (num(schema.maxItems) !== undefined) f.max = num(schema.maxItems);
    return f;
  }
  if (type === 'boolean') f.type = 'boolean';
  else if (type === 'number' || type === 'integer')
    f.type = options.fieldKind === 'percent' || options.unit === '%' ? 'percent' : 'number';
  else if (Array.isArray(schema.enum)) {
    f.type = 'choice';
    const names = Array.isArray(ui['ui:enumNames']) ? (ui['ui:enumNames'] as unknown[]) : [];
    f.options = (schema.enum as unknown[]).map((v, i) => ({
      value: String(v),
      label: typeof names[i] === 'string' ? (names[i] as string) : String(v),
    }));
  } else if (schema.format === 'money') f.type = 'money';
  else if (schema.format === 'date') f.type = 'date';
  else if (options.fieldKind === 'attachment') f.type = 'attachment';
  else if (ui['ui:widget'] === 'textarea') f.type = 'textarea';
  if (num(schema.minimum) !== undefined) f.min = num(schema.minimum);
  if (num(schema.maximum) !== undefined) f.max = num(schema.maximum);
  if (num(schema.minLength) !== undefined) f.minLength = num(schema.minLength);
  if (num(schema.maxLength) !== undefined) f.maxLength = num(schema.maxLength);
  if (typeof schema.pattern === 'string') f.pattern = schema.pattern;
  if (schema.default !== undefined && schema.default !== null && typeof schema.default !== 'object')
    f.defaultValue = String(schema.default);
  return f;
}

/**
 * The stored definition → designer fields. Root object properties become fields; an object property
 * (not a table) becomes a section with its own fields. Keywords the designer does not edit stay in the
 * JSON view only (the designer regenerates the schema from its fields).
 */
export function parseDefinition(schema: unknown, uiSchema: unknown, logic: unknown): DesignField[] {
  if (!isRecord(schema)) throw new Error('表单结构应为 JSON 对象');
  const ui = isRecord(uiSchema) ? uiSchema : {};
  const computed = new Map<string, string>();
  const lg = isRecord(logic) ? logic : {};
  if (Array.isArray(lg.computed)) {
    for (const c of lg.computed)
      if (isRecord(c) && typeof c.path === 'string' && typeof c.expr === 'string') computed.set(c.path, c.expr);
  }
  const props = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const out: DesignField[] = [];
  const trailing: DesignField[] = [];
  for (const key of orderedKeys(props, ui)) {
    const s = isRecord(props[key]) ? (props[key] as Record<string, unknown>) : {};
    const u = isRecord(ui[key]) ? (ui[key] as Record<string, unknown>) : {};
    if (s.type === 'object' && isRecord(s.properties)) {
      trailing.push({
        uid: newUid(),
        type: 'section',
        key,
        label: typeof s.title === 'string' ? s.title : key,
        ...(typeof u['ui:description'] === 'string' ? { help: u['ui:description'] } : {}),
      });
      const sp = s.properties;
      const sr = Array.isArray(s.required) ? (s.required as string[]) : [];
      for (const k of orderedKeys(sp, u)) {
        trailing.push(
          readField(
            k,
            isRecord(sp[k]) ? (sp[k] as Record<string, unknown>) : {},
            isRecord(u[k]) ? (u[k] as Record<string, unknown>) : {},
            sr.includes(k),
            computed.get(`/${key}/${k}`),
          ),
        );
      }
    } else {
      // Root fields after a section would nest under it in the designer: keep them before the sections.
      out.push(readField(key, s, u, required.includes(key), computed.get(`/${key}`)));
    }
  }
  return [...out, ...trailing];
}
