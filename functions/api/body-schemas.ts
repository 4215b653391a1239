import { compileFormSchema, validateAgainstSchema } from '../../forms/lib/ajv';
import { ValidationError } from '../core/errors';
import type { AppContext } from './context';

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const text = (max: number) => ({ type: 'string', maxLength: max });
const data = { type: 'object', maxProperties: 500 };
const INDICATOR_FIELDS: Record<string, unknown> = {
  level1: { type: 'string', maxLength: 20 },
  level2: { type: 'string', maxLength: 20 },
  name: { type: 'string', maxLength: 50 },
  unit: { type: 'string', maxLength: 20 },
  operator: { type: 'string', maxLength: 10 },
  content: { type: 'string', maxLength: 2000 },
  scoringStandard: { type: 'string', maxLength: 2000 },
  forms: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 40 } },
  years: { type: 'array', maxItems: 20, items: { type: 'integer' } },
  disabled: { type: 'boolean' },
};
const UNIT_FIELDS = {
  name: { type: 'string', maxLength: 50 },
  kind: { type: 'string', maxLength: 20 },
  managedBy: { type: 'string', maxLength: 40 },
  seesAll: { type: 'boolean' },
  disabled: { type: 'boolean' },
  code: { type: 'string', maxLength: 21 },
};

/**
 * Request bodies. additionalProperties is false everywhere: server-owned fields (status, version
 * on create, unitId, createdBy …) are refused with 422 instead of silently trusted.
 */
export const BODY = {
  login: obj(
    {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: 256 },
    },
    ['username', 'password'],
  ),
  create: obj(
    {
      formId: { type: 'string', minLength: 1, maxLength: 40 },
      data,
      campaignId: { type: 'string', minLength: 1, maxLength: 40 },
    },
    ['formId'],
  ),
  save: obj({ data, version: { type: 'integer', minimum: 1 } }, ['data', 'version']),
  submit: obj({ version: { type: 'integer', minimum: 1 }, comment: text(2000) }),
  withdraw: obj({ comment: text(2000) }),
  validate: obj({ data }, ['data']),
  decide: obj(
    {
      stepId: { type: 'string', minLength: 1, maxLength: 40 },
      action: { enum: ['approve', 'return', 'reject'] },
      comment: text(2000),
      score: { type: 'number' },
      fields: { type: 'object', maxProperties: 50 },
      version: { type: 'integer', minimum: 1 },
    },
    ['stepId', 'action'],
  ),
  chain: { type: 'object', required: ['id', 'title', 'steps'], properties: { steps: { type: 'array' } } },
  form: obj(
    {
      id: { type: 'string', maxLength: 40 },
      title: { type: 'string', maxLength: 100 },
      family: text(40),
      schema: { type: 'object' },
      uiSchema: { type: 'object' },
      logic: { type: 'object' },
      chainId: { type: 'string', maxLength: 40 },
      chainVersion: { type: 'integer', minimum: 1 },
      examples: { type: 'array', maxItems: 20 },
      prefill: {
        type: 'object',
        maxProperties: 20,
        additionalProperties: { enum: ['user.name', 'user.phone', 'unit.name', 'unit.code'] },
      },
    },
    ['id', 'title', 'schema', 'chainId'],
  ),
  user: obj(
    {
      username: { type: 'string', maxLength: 32 },
      name: { type: 'string', maxLength: 50 },
      unitId: { type: 'string', maxLength: 40 },
      roles: { type: 'array', maxItems: 4, items: { type: 'string' } },
      password: { type: 'string', maxLength: 128 },
      temporaryPassword: { type: 'string', maxLength: 128 },
    },
    ['username', 'name', 'unitId', 'roles'],
  ),
  challenge: obj(
    {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      session: { type: 'string', minLength: 1, maxLength: 4096 },
      newPassword: { type: 'string', minLength: 1, maxLength: 256 },
    },
    ['username', 'session', 'newPassword'],
  ),
  // Admin: versions, 指标库, organisation, calendar ------------------------------------------
  upgrade: obj(
    { toVersion: { type: 'integer', minimum: 1, maximum: 999999 }, version: { type: 'integer', minimum: 1 } },
    ['toVersion'],
  ),
  indicator: obj({ id: { type: 'string', maxLength: 38 }, ...INDICATOR_FIELDS }, [
    'level1',
    'level2',
    'name',
    'content',
  ]),
  indicatorUpdate: obj({ ...INDICATOR_FIELDS, version: { type: 'integer', minimum: 1 } }, [
    'level1',
    'level2',
    'name',
    'content',
    'version',
  ]),
  unit: obj({ id: { type: 'string', maxLength: 40 }, ...UNIT_FIELDS }, ['id', 'name', 'kind']),
  unitUpdate: obj({ ...UNIT_FIELDS, version: { type: 'integer', minimum: 0 } }, ['name', 'kind']),
  settings: obj(
    {
      fundTypeRouting: {
        type: 'object',
        maxProperties: 20,
        additionalProperties: { type: 'string', minLength: 1, maxLength: 40 },
      },
      version: { type: 'integer', minimum: 0 },
    },
    ['fundTypeRouting'],
  ),
  userUpdate: obj({
    name: { type: 'string', maxLength: 50 },
    unitId: { type: 'string', minLength: 1, maxLength: 40 },
    roles: { type: 'array', minItems: 1, maxItems: 4, items: { type: 'string', maxLength: 20 } },
    disabled: { type: 'boolean' },
    password: { type: 'string', maxLength: 128 },
    temporaryPassword: { type: 'string', maxLength: 128 },
    version: { type: 'integer', minimum: 0 },
  }),
  calendar: obj(
    {
      holidays: { type: 'array', maxItems: 80, items: { type: 'string', maxLength: 10 } },
      workdays: { type: 'array', maxItems: 80, items: { type: 'string', maxLength: 10 } },
    },
    ['holidays', 'workdays'],
  ),
  // 填报任务 -----------------------------------------------------------------------------------
  campaign: obj(
    {
      formId: { type: 'string', minLength: 1, maxLength: 40 },
      title: { type: 'string', maxLength: 100 },
      year: { type: 'integer', minimum: 2000, maximum: 2100 },
      dueDate: { type: 'string', maxLength: 10 },
      dueInWorkingDays: { type: 'integer', minimum: 1, maximum: 250 },
      unitIds: { type: 'array', maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 40 } },
      managedBy: { type: 'string', minLength: 1, maxLength: 40 },
      notice: text(5000),
    },
    ['formId', 'title', 'year'],
  ),
  campaignEdit: obj({
    title: { type: 'string', maxLength: 100 },
    dueDate: { type: 'string', maxLength: 10 },
    dueInWorkingDays: { type: 'integer', minimum: 1, maximum: 250 },
    notice: text(5000),
    addUnitIds: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 40 } },
    addManagedBy: { type: 'string', minLength: 1, maxLength: 40 },
    version: { type: 'integer', minimum: 1 },
  }),
  campaignClose: obj({ version: { type: 'integer', minimum: 1 }, reason: text(500) }),
  reminders: obj({
    unitIds: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', minLength: 1, maxLength: 40 } },
    message: text(500),
  }),
  /** An .xlsx workbook as base64 (bytes never travel raw in a JSON API; the body limit bounds it). */
  indicatorImport: obj(
    { workbook: { type: 'string', minLength: 4, maxLength: 1_400_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' } },
    ['workbook'],
  ),
} as const;

/** The parsed JSON body checked against one of BODY's schemas; 422 with field details otherwise. */
export function readBody<T>(c: AppContext, schema: object): T {
  const body = c.get('body') ?? {};
  const errors = validateAgainstSchema(compileFormSchema(schema), body);
  if (errors.length) throw new ValidationError('请求内容不正确', errors);
  return body as T;
}

/** Query parameters: cursor and a bounded limit. */
export function readPage(c: AppContext) {
  const limitRaw = c.req.query('limit');
  let limit: number | undefined;
  if (limitRaw !== undefined) {
    if (!/^\d{1,3}$/.test(limitRaw))
      throw new ValidationError('limit 参数不正确', [{ path: 'limit', message: '应为1–100的整数' }]);
    limit = Number(limitRaw);
  }
  return { cursor: c.req.query('cursor') || undefined, limit };
}
