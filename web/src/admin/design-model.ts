/**
 * The form designer's model and its two-way mapping to the stored definition (JSON Schema +
 * uiSchema + logic.computed). Pure: no React, no network. The designer edits a flat list of
 * fields; a 分节标题 (section) starts a group and the fields after it nest under the section's
 * key (an object property, which rjsf renders as a titled group), until the next section.
 */

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'percent'
  | 'date'
  | 'choice'
  | 'boolean'
  | 'table'
  | 'indicatorTable'
  | 'attachment'
  | 'section';

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: '单行文本',
  textarea: '多行文本',
  number: '数字',
  money: '金额（万元）',
  percent: '百分比',
  date: '日期',
  choice: '选项',
  boolean: '是/否',
  table: '表格',
  indicatorTable: '绩效指标表',
  attachment: '附件（上传文件）',
  section: '分节标题',
};

/** Types a table column may have (no nesting of tables or sections). */
export const COLUMN_TYPES: FieldType[] = [
  'text',
  'textarea',
  'number',
  'money',
  'percent',
  'date',
  'choice',
  'boolean',
];

export interface ChoiceOption {
  value: string;
  label: string;
}

export interface DesignField {
  /** Stable id inside the designer (React keys); never stored. */
  uid: string;
  type: FieldType;
  key: string;
  label: string;
  required?: boolean;
  help?: string;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Default value as typed in the designer (parsed by type when the schema is built). */
  defaultValue?: string;
  options?: ChoiceOption[];
  /** Columns of a table. */
  columns?: DesignField[];
  /** JSONata expression: the field is computed (read-only for the filler). */
  expr?: string;
  /** Library indicators preset as rows of an indicator table (ids of the 指标库). */
  presetRows?: Record<string, unknown>[];
  /** A table's own field found in the form (e.g. the scope import of the 财政重点监控报告), kept when saved again. */
  tableField?: string;
}

export interface Definition {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  logic: { computed?: { path: string; expr: string }[]; [k: string]: unknown };
}

let uidCounter = 0;
export function newUid(): string {
  uidCounter += 1;
  return `f${Date.now().toString(36)}${uidCounter}`;
}

/** Common words of the bureau's forms, so a generated key reads like the label (the admin may edit it). */
const WORDS: [string, string][] = [
  ['项目名称', 'projectName'],
  ['预算执行率', 'executionRate'],
  ['执行率', 'executionRate'],
  ['完成率', 'completionRate'],
  ['负责人', 'leader'],
  ['联系电话', 'phone'],
  ['项目', 'project'],
  ['名称', 'name'],
  ['年度', 'year'],
  ['预算', 'budget'],
  ['资金', 'fund'],
  ['已执行', 'executed'],
  ['执行', 'execution'],
  ['金额', 'amount'],
  ['日期', 'date'],
  ['单位', 'unit'],
  ['部门', 'dept'],
  ['原因', 'reason'],
  ['说明', 'note'],
  ['情况', 'status'],
  ['完成', 'completion'],
  ['目标', 'target'],
  ['指标', 'indicators'],
  ['偏离', 'deviation'],
  ['偏差', 'deviation'],
  ['纠偏', 'correction'],
  ['措施', 'measures'],
  ['备注', 'remark'],
  ['附件', 'attachment'],
  ['编号', 'no'],
  ['监控', 'monitor'],
  ['绩效', 'performance'],
  ['总额', 'total'],
  ['合计', 'total'],
  ['是否', 'is'],
  ['基本信息', 'basicInfo'],
  ['进度', 'progress'],
  ['问题', 'issues'],
  ['建议', 'suggestion'],
  ['分值', 'weight'],
  ['得分', 'score'],
  ['全年', 'annual'],
  ['年初', 'initial'],
  ['调整', 'adjusted'],
  ['资金来源', 'fundSource'],
  ['实施', 'implementation'],
  ['类型', 'type'],
  ['率', 'rate'],
];
const SORTED_WORDS = [...WORDS].sort((a, b) => b[0].length - a[0].length);

export const KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

/** An ASCII camelCase key for a label: known words translated, ASCII kept, the rest dropped; `field` when nothing is left. */
export function keyFromLabel(label: string, taken: ReadonlySet<string> = new Set()): string {
  const parts: string[] = [];
  let i = 0;
  const text = label.trim();
  while (i < text.length) {
    const hit = SORTED_WORDS.find(([zh]) => text.startsWith(zh, i));
    if (hit) {
      if (parts[parts.length - 1] !== hit[1]) parts.push(hit[1]);
      i += hit[0].length;
      continue;
    }
    const ascii = /^[A-Za-z0-9]+/.exec(text.slice(i));
    if (ascii) {
      parts.push(ascii[0]);
      i += ascii[0].length;
      continue;
    }
    i += 1;
  }
  let key = parts
    .map((p, n) => (n === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('')
    .replace(/[^A-Za-z0-9_]/g, '')
    .slice(0, 36);
  if (!/^[a-zA-Z]/.test(key)) key = `field${key}`;
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}${n}`;
  return candidate;
}

export function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

function parseDefault(field: DesignField): unknown {
  const raw = field.defaultValue;
  if (raw === undefined || raw === '') return undefined;
  switch (field.type) {
    case 'number':
    case 'percent': {
      const n = Number(raw);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'money':
      return /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/.test(raw) ? raw : undefined;
    default:
      return raw;
  }
}

/** The JSON Schema and uiSchema of one (non-section) field. */
function fieldSchema(field: DesignField): { schema: Record<string, unknown>; ui: Record<string, unknown> } {
  const schema: Record<string, unknown> = { title: field.label };
  const ui: Record<string, unknown> = {};
  const options: Record<string, unknown> = {};
  switch (field.type) {
    case 'text':
      schema.type = 'string';
      break;
    case 'attachment':
      // Ids of uploaded files: the server checks on submit that each is a completed file of the unit.
      schema.type = 'array';
      schema.items = { type: 'string', format: 'attachment', maxLength: 64 };
      ui['ui:field'] = 'attachments';
      break;
    case 'textarea':
      schema.type = 'string';
      ui['ui:widget'] = 'textarea';
      break;
    case 'number':
      schema.type = 'number';
      break;
    case 'percent':
      schema.type = 'number';
      options.unit = '%';
      options.fieldKind = 'percent';
      break;
    case 'money':
      schema.type = 'string';
      schema.format = 'money';
      options.unit = '万元';
      break;
    case 'date':
      schema.type = 'string';
      schema.format = 'date';
      break;
    case 'choice': {
      const opts = field.options ?? [];
      schema.type = 'string';
      schema.enum = opts.map((o) => o.value);
      ui['ui:enumNames'] = opts.map((o) => o.label || o.value);
      break;
    }
    case 'boolean':
      schema.type = 'boolean';
      ui['ui:widget'] = 'radio';
      break;
    case 'table': {
      const cols = field.columns ?? [];
      const item = buildObject(cols);
      schema.type = 'array';
      schema.items = item.schema;
      if (Object.keys(item.ui).length) ui.items = item.ui;
      if (field.tableField) ui['ui:field'] = field.tableField;
      break;
    }
    case 'indicatorTable':
      schema.type = 'array';
      schema.items = INDICATOR_ROW_SCHEMA;
      ui['ui:field'] = 'indicatorTable';
      if (field.presetRows?.length) schema.default = field.presetRows;
      break;
    case 'section':
      break;
  }
  if (['text', 'textarea'].includes(field.type)) {
    if (field.minLength !== undefined) schema.minLength = field.minLength;
    if (field.maxLength !== undefined) schema.maxLength = field.maxLength;
    if (field.pattern) schema.pattern = field.pattern;
  }
  if (['number', 'percent'].includes(field.type)) {
    if (field.min !== undefined) schema.minimum = field.min;
    if (field.max !== undefined) schema.maximum = field.max;
  }
  if (['table', 'indicatorTable', 'attachment'].includes(field.type)) {
    if (field.min !== undefined) schema.minItems = field.min;
    if (field.max !== undefined) schema.maxItems = field.max;
  }
  if (field.type === 'attachment') {
    schema.maxItems ??= 10;
    if (field.required && schema.minItems === undefined) schema.minItems = 1;
  }
  const def = parseDefault(field);
  if (def !== undefined && field.type !== 'indicatorTable' && field.type !== 'table') schema.default = def;
  if (field.help) ui['ui:help'] = field.help;
  if (field.expr) ui['ui:readonly'] = true;
  if (Object.keys(options).length) ui['ui:options'] = options;
  return { schema, ui };
}

function buildObject(fields: DesignField[]): { schema: Record<string, unknown>; ui: Record<string, unknown> } {
  const properties: Record<string, unknown> = {};
  const ui: Record<string, unknown> = {};
  const required: string[] = [];
  for (const f of fields) {
    const built = fieldSchema(f);
    properties[f.key] = built.schema;
    if (Object.keys(built.ui).length) ui[f.key] = built.ui;
    if (f.required && !f.expr) required.push(f.key);
  }
  const schema: Record<string, unknown> = { type: 'object', properties };
  if (required.length) schema.required = required;
  if (fields.length) ui['ui:order'] = fields.map((f) => f.key);
  return { schema, ui };
}

/** The indicator row of the built-in forms (the shared IndicatorRow, simplified for admin-built forms). */
export const INDICATOR_ROW_SCHEMA = {
  type: 'object',
  required: ['indicatorId', 'level1', 'level2', 'name', 'operator'],
  properties: {
    indicatorId: { type: 'string', minLength: 1, maxLength: 38, title: '指标编号' },
    level1: { type: 'string', enum: ['output', 'benefit', 'satisfaction', 'cost'], title: '一级指标' },
    level2: {
      type: 'string',
      enum: [
        'quantity',
        'quality',
        'timeliness',
        'cost',
        'economic',
        'social',
        'ecological',
        'sustainable',
        'serviceRecipient',
        'economicCost',
        'socialCost',
        'ecoEnvCost',
      ],
      title: '二级指标',
    },
    name: { type: 'string', minLength: 2, maxLength: 50, title: '三级指标' },
    operator: { type: 'string', enum: ['gte', 'gt', 'eq', 'lt', 'lte', 'qual'], title: '计算符号' },
    targetValue: { type: 'number', title: '指标值' },
    targetText: { type: 'string', maxLength: 200, title: '定性指标值' },
    unit: { type: 'string', maxLength: 20, title: '计量单位' },
    content: { type: 'string', maxLength: 2000, title: '指标解释' },
    weight: { type: 'number', minimum: 0, maximum: 100, title: '分值' },
  },
} as const;

/** JSON Pointer of a field (inside its section when it has one). */
export function fieldPath(fields: DesignField[], uid: string): string | null {
  let section: string | null = null;
  for (const f of fields) {
    if (f.type === 'section') section = f.key;
    if (f.uid === uid) return f.type === 'section' ? `/${f.key}` : section ? `/${section}/${f.key}` : `/${f.key}`;
  }
  return null;
}

/** Designer fields → the stored definition. Fields after a section nest under the section's key. */
export function buildDefinition(fields: DesignField[], baseLogic: Record<string, unknown> = {}): Definition {
  const groups: { section: DesignField | null; fields: DesignField[] }[] = [{ section: null, fields: [] }];
  for (const f of fields) {
    if (f.type === 'section') groups.push({ section: f, fields: [] });
    else groups[groups.length - 1].fields.push(f);
  }
  const root = buildObject(groups[0].fields);
  const properties = root.schema.properties as Record<string, unknown>;
  const required = [...((root.schema.required as string[] | undefined) ?? [])];
  const ui: Record<string, unknown> = { ...root.ui };
  const order = [...groups[0].fields.map((f) => f.key)];
  for (const g of groups.slice(1)) {
    const section = g.section as DesignField;
    const obj = buildObject(g.fields);
    properties[section.key] = { ...obj.schema, title: section.label };
    const sectionUi: Record<string, unknown> = { ...obj.ui };
    if (section.help) sectionUi['ui:description'] = section.help;
    ui[section.key] = sectionUi;
    if (g.fields.some((f) => f.required && !f.expr)) required.push(section.key);
    order.push(section.key);
  }
  const schema: Record<string, unknown> = { type: 'object', properties };
  if (required.length) schema.required = required;
  if (order.length) ui['ui:order'] = order;
  const computed = fields
    .filter((f) => f.type !== 'section' && f.expr?.trim())
    .map((f) => ({ path: fieldPath(fields, f.uid) as string, expr: (f.expr as string).trim() }));
  const { computed: _c, ...rest } = baseLogic as { computed?: unknown };
  const logic = { ...rest, ...(computed.length ? { computed } : {}) };
  return { schema, uiSchema: ui, logic };
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Blocks of a stored form the designer does not edit: what a new submission takes from the creator's
 * profile (prefill), the approved forms a linked form starts from (source), who may start it (creators)
 * and where its subject unit's code is (subjectCodePath). A re-save keeps them as they are.
 */
export const KEPT_BLOCKS = ['prefill', 'source', 'creators', 'subjectCodePath'] as const;

export function keptBlocks(stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEPT_BLOCKS) {
    const value = stored[key];
    if (value === undefined || value === null || (isRecord(value) && !Object.keys(value).length)) continue;
    out[key] = value;
  }
  return out;
}

/** Problems the designer can see before the server does (keys, labels, options, columns). */
export function checkDesign(fields: DesignField[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const keysAt = new Map<string, Set<string>>();
  let scope = '';
  const check = (f: DesignField, scopeKey: string) => {
    const taken = keysAt.get(scopeKey) ?? new Set<string>();
    keysAt.set(scopeKey, taken);
    if (!f.label.trim()) problems[f.uid] = '请填写标题';
    else if (/[<>]/.test(f.label)) problems[f.uid] = '标题不能包含 < >';
    else if (!KEY_PATTERN.test(f.key)) problems[f.uid] = '字段键须为字母开头的英文字母、数字或下划线';
    else if (taken.has(f.key)) problems[f.uid] = `字段键「${f.key}」重复`;
    else if (f.type === 'choice' && !(f.options ?? []).some((o) => o.value.trim()))
      problems[f.uid] = '选项字段至少需要一个选项';
    else if (f.type === 'choice' && new Set((f.options ?? []).map((o) => o.value)).size !== (f.options ?? []).length)
      problems[f.uid] = '选项值不能重复';
    else if (f.type === 'table' && !(f.columns ?? []).length) problems[f.uid] = '表格至少需要一列';
    taken.add(f.key);
  };
  for (const f of fields) {
    if (f.type === 'section') {
      check(f, '');
      scope = f.key;
      continue;
    }
    check(f, scope);
    if (f.type === 'table') {
      const colKeys = new Set<string>();
      for (const c of f.columns ?? []) {
        if (!c.label.trim() || !KEY_PATTERN.test(c.key) || colKeys.has(c.key))
          problems[f.uid] ??= `列「${c.label || c.key}」的标题或键不正确（或重复）`;
        colKeys.add(c.key);
      }
    }
  }
  return problems;
}
