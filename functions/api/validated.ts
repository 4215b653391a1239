import { validator } from 'hono/validator';
import { readBody } from './body-schemas';
import type { AppContext } from './context';

const validators = new WeakSet<object>();

/** True for a handler `jsonBody` made: Hono lists it in `app.routes` beside the route's own handler. */
export const isValidator = (handler: object): boolean => validators.has(handler);

/**
 * Hono's `validator('json')` over the body the app already parsed and guarded (app.ts), checked against one of
 * BODY's schemas: a route states its body type once and reads it with `c.req.valid('json')`. The answers stay
 * the app's own (422 VALIDATION_FAILED with field paths); an absent body is `{}` as before, never Hono's
 * English "Malformed JSON" (the parsed body is handed to the validator through the request's body cache).
 */
export function jsonBody<T extends object>(schema: object) {
  const check = validator('json', (_raw, c: AppContext): T => readBody<T>(c, schema));
  const handler = (c: AppContext, next: () => Promise<void>) => {
    c.req.bodyCache.json ??= Promise.resolve(c.get('body') ?? {});
    return check(c, next);
  };
  validators.add(handler);
  return handler as unknown as typeof check;
}
