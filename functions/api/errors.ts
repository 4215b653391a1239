import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  BadRequestError,
  ConflictError,
  type DomainError,
  DomainError as DomainErrorBase,
  ForbiddenError,
  IdempotencyMismatchError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from '../core/errors';

/** HTTP-only errors raised by the edge before a use case runs. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS: [new (...args: never[]) => DomainError, ContentfulStatusCode][] = [
  [BadRequestError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [ValidationError, 422],
  [IdempotencyMismatchError, 422],
  [RateLimitedError, 429],
  [UnavailableError, 503],
];

export function errorBody(code: string, message: string, details: { path: string; message: string }[] = []) {
  return { error: { code, message, details } };
}

/** The one place errors become HTTP. Unknown errors are a generic 500 with no detail leaked. */
export function toResponse(err: unknown, c: Context): Response {
  if (err instanceof HttpError) return c.json(errorBody(err.code, err.message), err.status);
  if (err instanceof DomainErrorBase) {
    const status = STATUS.find(([cls]) => err instanceof cls)?.[1] ?? 500;
    const res = c.json(errorBody(err.code, err.message, err.details), status);
    // On the answer itself, not c.header(): a speculative answer the user cache threw away leaves no c.res to edit.
    if (err instanceof UnavailableError || err instanceof RateLimitedError)
      res.headers.set('Retry-After', String(err.retryAfterSeconds));
    return res;
  }
  const logger = c.get('logger');
  logger?.error('unhandled error', {
    requestId: c.get('requestId'),
    error: (err as Error)?.name,
    message: (err as Error)?.message,
  });
  return c.json(errorBody('INTERNAL', '服务器内部错误，请稍后重试'), 500);
}
