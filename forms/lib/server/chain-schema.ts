import { Ajv, type ValidateFunction } from 'ajv';
import type { Chain, FieldError as ErrorDetail } from '../definitions';

const ID = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' };
const TEXT = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '^[^<>]*$' });
const ASSIGNEE = {
  oneOf: [
    {
      type: 'object',
      required: ['type', 'unitId'],
      additionalProperties: false,
      properties: { type: { const: 'unit' }, unitId: { type: 'string', minLength: 1, maxLength: 40 } },
    },
    {
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: { type: { const: 'managingSection' } },
    },
    {
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: { type: { const: 'submitterUnit' } },
    },
    {
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: { type: { const: 'subjectUnit' } },
    },
  ],
};

/** The meta-schema every chain definition is checked against when it is saved. */
export const CHAIN_META_SCHEMA = {
  type: 'object',
  required: ['id', 'title', 'steps'],
  additionalProperties: false,
  properties: {
    id: ID,
    version: { type: 'integer', minimum: 1 },
    title: TEXT(100),
    description: TEXT(2000),
    steps: {
      type: 'array',
      minItems: 1,
      maxItems: 30,
      items: {
        type: 'object',
        required: ['id', 'name', 'basis', 'assignee', 'actions'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,39}$' },
          name: TEXT(60),
          basis: TEXT(200),
          description: TEXT(2000),
          assignee: { oneOf: [ASSIGNEE, { type: 'array', minItems: 1, maxItems: 10, items: ASSIGNEE }] },
          actions: {
            type: 'array',
            uniqueItems: true,
            maxItems: 3,
            items: { enum: ['approve', 'return', 'reject'] },
          },
          kind: { enum: ['review', 'notify'] },
          score: {
            type: 'object',
            required: ['min', 'max'],
            additionalProperties: false,
            properties: {
              min: { type: 'number', minimum: 0, maximum: 1000 },
              max: { type: 'number', minimum: 0, maximum: 1000 },
              required: { type: 'boolean' },
              label: TEXT(30),
            },
          },
          when: { type: 'string', minLength: 1, maxLength: 2000 },
          dueInWorkingDays: { type: 'integer', minimum: 1, maximum: 365 },
          mode: { enum: ['all', 'any'] },
          returnTo: { type: 'string', maxLength: 40 },
          transferTo: {
            type: 'array',
            maxItems: 50,
            uniqueItems: true,
            items: { type: 'string', minLength: 1, maxLength: 40 },
          },
          decisionSchema: { type: 'object' },
          checks: {
            type: 'array',
            maxItems: 10,
            items: {
              type: 'object',
              required: ['expr', 'message'],
              additionalProperties: false,
              properties: {
                expr: { type: 'string', minLength: 1, maxLength: 2000 },
                message: TEXT(200),
                path: { type: 'string', maxLength: 200 },
                code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{2,60}$' },
              },
            },
          },
          outcome: { type: 'string', minLength: 1, maxLength: 2000 },
          notifyOnReject: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** Compiled on first use, not at module load: a cold start that checks no chain never pays for it. */
let compiledShape: ValidateFunction | undefined;
function shapeValidator(): ValidateFunction {
  compiledShape ??= new Ajv({ allErrors: true, strict: true }).compile(CHAIN_META_SCHEMA);
  return compiledShape;
}

const MESSAGES: Record<string, string> = {
  required: '缺少必填项',
  additionalProperties: '包含不允许的字段',
  pattern: '格式不正确',
  minItems: '至少需要一项',
  maxItems: '项数过多',
  maxLength: '内容过长',
  minLength: '不能为空',
  enum: '取值不在允许范围内',
  const: '取值不正确',
  oneOf: '办理人设置不正确',
  type: '类型不正确',
  uniqueItems: '不能重复',
  minimum: '数值过小',
  maximum: '数值过大',
};

/**
 * Checks a chain definition: the meta-schema, then the rules the schema cannot say (unique step ids,
 * returnTo pointing to an earlier step, review steps having actions, score ranges). Returns [] when valid.
 */
export function checkChainDefinition(input: unknown): ErrorDetail[] {
  const validateShape = shapeValidator();
  if (!validateShape(input)) {
    return (validateShape.errors ?? []).map((e) => {
      const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
      const extra =
        e.keyword === 'additionalProperties'
          ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
          : '';
      return { path: `${e.instancePath}${missing}${extra}` || '/', message: MESSAGES[e.keyword] ?? '定义不正确' };
    });
  }
  const chain = input as Chain;
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  chain.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (seen.has(step.id)) errors.push({ path: `${at}/id`, message: `步骤编号「${step.id}」重复` });
    seen.add(step.id);
    const notify = step.kind === 'notify';
    if (!notify && step.actions.length === 0)
      errors.push({ path: `${at}/actions`, message: '审核步骤至少需要一个操作' });
    if (!notify && !step.actions.includes('approve'))
      errors.push({ path: `${at}/actions`, message: '审核步骤必须允许「通过」' });
    if (notify && (step.score || step.dueInWorkingDays || step.returnTo)) {
      errors.push({ path: at, message: '抄送步骤不能设置评分、期限或退回' });
    }
    if (notify && step.transferTo) errors.push({ path: `${at}/transferTo`, message: '抄送步骤不能转交' });
    if (step.score && step.score.min > step.score.max)
      errors.push({ path: `${at}/score`, message: '最低分不能大于最高分' });
    if (step.returnTo && step.returnTo !== 'submitter') {
      const target = chain.steps.findIndex((s) => s.id === step.returnTo);
      if (target < 0 || target >= i) errors.push({ path: `${at}/returnTo`, message: '只能退回到前面的步骤或填报人' });
      else if (chain.steps[target].kind === 'notify')
        errors.push({ path: `${at}/returnTo`, message: '不能退回到抄送步骤' });
    }
    if (Array.isArray(step.assignee) && step.assignee.length > 1 && !step.mode && !notify) {
      errors.push({ path: `${at}/mode`, message: '多个办理单位时须选择会签（all）或或签（any）' });
    }
  });
  if (!chain.steps.some((s) => s.kind !== 'notify'))
    errors.push({ path: '/steps', message: '审核链至少需要一个审核步骤' });
  return errors;
}
