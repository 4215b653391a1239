/**
 * A small JSON Schema (draft-07) interpreter for the browser. ajv compiles schemas with
 * `new Function`, which the server's Content-Security-Policy (script-src 'self', no
 * 'unsafe-eval') forbids, so rjsf gets this validator instead. It covers what the house
 * dialect uses for instant feedback (type, required, enum/const, lengths, ranges, pattern,
 * formats date/money, items, allOf/anyOf/oneOf/not, if/then/else, local $ref); the server's
 * ajv (POST …/validate and submit) stays the authority and its answers are shown on the fields. Both word a problem
 * alike (forms/lib/schema-errors.ts) and check formats alike (forms/lib/schema-formats.ts).
 */
import type {
  CustomValidator,
  ErrorSchema,
  ErrorTransformer,
  RJSFSchema,
  RJSFValidationError,
  UiSchema,
  ValidationData,
  ValidatorType,
} from '@rjsf/utils';
import { messageOf } from '../../../forms/lib/schema-errors';
import { hasFormat } from '../../../forms/lib/schema-formats';
import { toErrorSchema } from './error-schema';

/** Whether a number keeps within a limit keyword. */
const NUMBER_LIMITS = {
  minimum: (x: number, l: number) => x >= l,
  maximum: (x: number, l: number) => x <= l,
  exclusiveMinimum: (x: number, l: number) => x > l,
  exclusiveMaximum: (x: number, l: number) => x < l,
};

type Schema = Record<string, unknown>;
export interface SchemaIssue {
  path: string;
  message: string;
}

const regexCache = new Map<string, RegExp | null>();
function regex(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    try {
      regexCache.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      regexCache.set(pattern, null);
    }
  }
  return regexCache.get(pattern) ?? null;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

function matchesType(x: unknown, type: string): boolean {
  const t = typeOf(x);
  return t === type || (type === 'number' && t === 'integer');
}

function deref(schema: unknown, root: Schema, depth = 0): Schema {
  if (!isObject(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 32) return schema;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    node = isObject(node) ? node[raw.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  const { $ref: _r, ...rest } = schema;
  return { ...deref(node, root, depth + 1), ...rest };
}

function length(s: string): number {
  return [...s].length;
}

function esc(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Problems of `data` against `schema` (JSON Pointers, Chinese messages). */
export function checkSchema(
  schema: unknown,
  data: unknown,
  root: Schema = schema as Schema,
  path = '',
  depth = 0,
): SchemaIssue[] {
  if (schema === false) return [{ path, message: messageOf('false schema', {}) }];
  if (!isObject(schema) || depth > 64) return [];
  const s = deref(schema, root);
  const out: SchemaIssue[] = [];
  const add = (keyword: string, params: Record<string, unknown> = {}, at = path) =>
    out.push({ path: at, message: messageOf(keyword, params) });

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => matchesType(data, t))) {
      add('type', { type: types.join(',') });
      return out;
    }
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(data)) add('const');
  if (Array.isArray(s.enum) && !s.enum.some((v) => JSON.stringify(v) === JSON.stringify(data))) add('enum');

  if (typeof data === 'string') {
    if (typeof s.minLength === 'number' && length(data) < s.minLength) add('minLength', { limit: s.minLength });
    if (typeof s.maxLength === 'number' && length(data) > s.maxLength) add('maxLength', { limit: s.maxLength });
    if (typeof s.pattern === 'string') {
      const re = regex(s.pattern);
      if (re && !re.test(data)) add('pattern');
    }
    if (typeof s.format === 'string' && hasFormat(s.format, data) === false) add('format', { format: s.format });
  }
  if (typeof data === 'number') {
    for (const keyword of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) {
      const limit = s[keyword];
      if (typeof limit === 'number' && !NUMBER_LIMITS[keyword](data, limit)) add(keyword, { limit });
    }
  }
  if (Array.isArray(data)) {
    if (typeof s.minItems === 'number' && data.length < s.minItems) add('minItems', { limit: s.minItems });
    if (typeof s.maxItems === 'number' && data.length > s.maxItems) add('maxItems', { limit: s.maxItems });
    if (isObject(s.items))
      data.forEach((item, i) => {
        out.push(...checkSchema(s.items, item, root, `${path}/${i}`, depth + 1));
      });
  }
  if (isObject(data)) {
    if (Array.isArray(s.required)) {
      for (const key of s.required as string[]) {
        if (data[key] === undefined) add('required', { missingProperty: key }, `${path}/${esc(key)}`);
      }
    }
    const props = isObject(s.properties) ? s.properties : {};
    for (const [key, sub] of Object.entries(props)) {
      if (data[key] !== undefined) out.push(...checkSchema(sub, data[key], root, `${path}/${esc(key)}`, depth + 1));
    }
    if (s.additionalProperties === false) {
      for (const key of Object.keys(data)) if (!(key in props)) add('additionalProperties', {}, `${path}/${esc(key)}`);
    }
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) out.push(...checkSchema(sub, data, root, path, depth + 1));
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => checkSchema(sub, data, root, path, depth + 1).length === 0)) {
    add('anyOf');
  }
  if (Array.isArray(s.oneOf)) {
    const passing = s.oneOf.filter((sub) => checkSchema(sub, data, root, path, depth + 1).length === 0).length;
    if (passing !== 1) add('oneOf');
  }
  if (s.not !== undefined && checkSchema(s.not, data, root, path, depth + 1).length === 0) add('not');
  if (s.if !== undefined) {
    const holds = checkSchema(s.if, data, root, path, depth + 1).length === 0;
    const branch = holds ? s.then : s.else;
    if (branch !== undefined) out.push(...checkSchema(branch, data, root, path, depth + 1));
  }
  return out;
}

function toRjsfErrors(issues: SchemaIssue[]): RJSFValidationError[] {
  return issues.map((i) => ({
    property:
      i.path
        .split('/')
        .slice(1)
        .map((p) => `.${p}`)
        .join('') || '.',
    message: i.message,
    stack: i.message,
  }));
}

/** rjsf validator backed by checkSchema: no code generation, so it runs under a strict CSP. */
export const cspSafeValidator: ValidatorType = {
  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator,
    transformErrors?: ErrorTransformer,
    uiSchema?: UiSchema,
  ): ValidationData<unknown> {
    const issues = checkSchema(schema, formData);
    let errors = toRjsfErrors(issues);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    let errorSchema = toErrorSchema(issues) as ErrorSchema;
    if (customValidate) {
      const custom = customValidate(formData, {} as never, uiSchema);
      errorSchema = { ...errorSchema, ...(custom as ErrorSchema) };
    }
    return { errors, errorSchema };
  },
  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    return checkSchema(schema, formData, rootSchema as Schema).length === 0;
  },
  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: unknown) {
    return { errors: checkSchema(schema, formData) as unknown as Result[] };
  },
};
