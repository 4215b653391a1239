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
/** A JSON Pointer of a form field, `*` standing for every row (linked forms' `source`). */
const POINTER = '^(/[A-Za-z0-9_*]{1,60}){1,8}$';
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
  township: { type: 'boolean' },
};

const FIELD_COMMENTS = {
  type: 'array',
  maxItems: 30,
  items: obj({ path: { type: 'string', minLength: 1, maxLength: 300 }, rowId: text(40), comment: text(500) }, [
    'path',
    'comment',
  ]),
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
      totpCode: { type: 'string', maxLength: 12 },
    },
    ['username', 'password'],
  ),
  totp: obj({ code: { type: 'string', minLength: 1, maxLength: 12 } }, ['code']),
  create: obj(
    {
      formId: { type: 'string', minLength: 1, maxLength: 40 },
      data,
      campaignId: { type: 'string', minLength: 1, maxLength: 40 },
      sourceSubmissionId: { type: 'string', minLength: 1, maxLength: 40 },
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
      action: { enum: ['approve', 'return', 'reject', 'transfer', 'addSigner'] },
      comment: text(2000),
      score: { type: 'number' },
      fields: { type: 'object', maxProperties: 50 },
      version: { type: 'integer', minimum: 1 },
      fieldComments: FIELD_COMMENTS,
      toUnitId: { type: 'string', minLength: 1, maxLength: 40 },
      unitId: { type: 'string', minLength: 1, maxLength: 40 },
      position: { enum: ['before', 'after'] },
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
      source: obj(
        {
          forms: {
            type: 'array',
            minItems: 1,
            maxItems: 10,
            items: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' },
          },
          refPath: { type: 'string', pattern: POINTER },
          copy: {
            type: 'array',
            maxItems: 200,
            items: obj({ from: { type: 'string', pattern: POINTER }, to: { type: 'string', pattern: POINTER } }, [
              'from',
              'to',
            ]),
          },
          locked: { type: 'array', maxItems: 200, items: { type: 'string', pattern: POINTER } },
        },
        ['forms', 'copy', 'locked'],
      ),
      creators: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 40 } },
      subjectCodePath: { type: 'string', maxLength: 200, pattern: '^(/[A-Za-z0-9_]{1,60}){1,5}$' },
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
      email: text(254),
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
      resultApplication: obj({
        reduceRatio: { type: ['number', 'null'], minimum: 0, maximum: 100 },
        deptCutRatio: { type: ['number', 'null'], minimum: 0, maximum: 100 },
      }),
      version: { type: 'integer', minimum: 0 },
      publicationCheckers: {
        type: 'object',
        maxProperties: 20,
        additionalProperties: { type: 'string', minLength: 1, maxLength: 40 },
      },
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
    email: text(254),
  }),
  preferences: obj(
    { mailPreference: { enum: ['immediate', 'digest', 'off'] }, version: { type: 'integer', minimum: 0 } },
    ['mailPreference'],
  ),
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
  // 绩效运行监控 ---------------------------------------------------------------------------------
  correctionNotice: obj(
    {
      message: { type: 'string', minLength: 1, maxLength: 2000 },
      dueDate: { type: 'string', format: 'date', maxLength: 10 },
    },
    ['message'],
  ),
  paymentHold: obj(
    {
      active: { type: 'boolean' },
      reason: { type: 'string', minLength: 1, maxLength: 1000 },
      basisSubmissionId: { type: 'string', minLength: 1, maxLength: 40 },
    },
    ['active', 'reason'],
  ),
  evaluationAssign: obj(
    {
      planId: { type: 'string', minLength: 1, maxLength: 80 },
      objectIndex: { type: 'integer', minimum: 0, maximum: 49 },
      assigneeUnitId: { type: 'string', minLength: 1, maxLength: 40 },
    },
    ['planId', 'objectIndex', 'assigneeUnitId'],
  ),
  publication: obj(
    {
      checkResult: { enum: ['passed', 'returned'] },
      channel: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^<>]*$' },
      url: { type: 'string', maxLength: 500, pattern: '^https?://[^\\s<>"]+$' },
      note: { type: 'string', maxLength: 1000, pattern: '^[^<>]*$' },
      version: { type: 'integer', minimum: 1 },
    },
    ['checkResult', 'channel'],
  ),
  attachmentCreate: obj(
    {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      size: { type: 'integer', minimum: 0, maximum: 1_000_000_000_000 },
      contentType: { type: 'string', maxLength: 200 },
      submissionId: { type: 'string', minLength: 1, maxLength: 64 },
    },
    ['name', 'size', 'contentType'],
  ),
  /** An .xlsx workbook as base64 (bytes never travel raw in a JSON API; the body limit bounds it). */
  indicatorImport: obj(
    { workbook: { type: 'string', minLength: 4, maxLength: 1_400_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' } },
    ['workbook'],
  ),
  stepReminder: obj({ message: text(500) }),
  /** Bounded loosely here; the use case answers 422 BATCH_TOO_LARGE above its own limit. */
  batchDecisions: obj(
    {
      items: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: obj(
          {
            submissionId: { type: 'string', minLength: 1, maxLength: 60 },
            stepId: { type: 'string', minLength: 1, maxLength: 40 },
          },
          ['submissionId', 'stepId'],
        ),
      },
      action: { enum: ['approve'] },
      comment: text(2000),
    },
    ['items', 'action'],
  ),
  delegation: obj(
    {
      deputyId: { type: 'string', minLength: 1, maxLength: 60 },
      startsOn: { type: 'string', maxLength: 10 },
      endsOn: { type: 'string', maxLength: 10 },
      reason: text(200),
    },
    ['deputyId', 'startsOn', 'endsOn'],
  ),
} as const;

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
