import { validator } from 'hono/validator';
import { loadAjv } from '../../forms/lib/server/load-ajv';
import { ValidationError } from '../core/errors';
import type { AppContext } from './context';

const validators = new WeakSet<object>();

/** True for a handler `jsonBody` or `pathParams` made: Hono lists it in `app.routes` beside the route's own handler. */
export const isValidator = (handler: object): boolean => validators.has(handler);

/**
 * The parsed JSON body checked against one of BODY's schemas; 422 with field details otherwise. ajv loads on the first
 * body checked, so a cold start that only reads does not compile it.
 */
async function readBody<T>(c: AppContext, schema: object): Promise<T> {
  const body = c.get('body') ?? {};
  const { compileFormSchema, validateAgainstSchema } = await loadAjv();
  const errors = validateAgainstSchema(compileFormSchema(schema), body);
  if (errors.length) throw new ValidationError('请求内容不正确', errors);
  return body as T;
}

/** Only its type is used: what Hono's `validator('json')` is for a body of type T. */
const jsonValidator = <T>() => validator('json', (_raw, _c: AppContext): T => ({}) as T);

/**
 * The body the app already parsed and guarded (app.ts), checked against one of BODY's schemas: a route states its
 * body type once and reads it with `c.req.valid('json')`, as with Hono's `validator('json')`. Hono's own validator
 * is not used: it parses the body text a second time (for a 1,000-row form, most of what the request costs). The
 * answers stay the app's own (422 VALIDATION_FAILED with field paths); an absent body is `{}`.
 */
export function jsonBody<T extends object>(schema: object) {
  const handler = async (c: AppContext, next: () => Promise<void>) => {
    c.req.addValidatedData('json', await readBody<T>(c, schema));
    await next();
  };
  validators.add(handler);
  return handler as unknown as ReturnType<typeof jsonValidator<T>>;
}

/**
 * Hono's `validator('param')`: for a route that checks its address before its body (a 404 for an address that
 * cannot exist comes before a 422 about the body), placed before `jsonBody`; read with `c.req.valid('param')`.
 */
export function pathParams<T extends object>(check: (params: Record<string, string>) => T) {
  const handler = validator('param', (params): T => check(params as Record<string, string>));
  validators.add(handler);
  return handler;
}
