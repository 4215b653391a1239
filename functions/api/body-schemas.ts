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

/**
 * Request bodies. additionalProperties is false everywhere: server-owned fields (status, version
 * on create, unitId, createdBy …) are refused with 422 instead of silently trusted.
 */
export const BODY = {
  login: obj({ username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 256 } }, ['username', 'password']),
  create: obj({ formId: { type: 'string', minLength: 1, maxLength: 40 }, data }, ['formId']),
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
    },
    ['username', 'name', 'unitId', 'roles'],
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
    if (!/^\d{1,3}$/.test(limitRaw)) throw new ValidationError('limit 参数不正确', [{ path: 'limit', message: '应为1–100的整数' }]);
    limit = Number(limitRaw);
  }
  return { cursor: c.req.query('cursor') || undefined, limit };
}
