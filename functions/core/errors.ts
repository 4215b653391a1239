/** Typed domain errors. The API maps each class to one HTTP status in app.onError (never by name strings). */

export interface ErrorDetail {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: ErrorDetail[];
  constructor(message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.details = details;
  }
}

/** The record does not exist, or the caller may not see it (foreign ids answer 404, not 403). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  override name = 'NotFoundError';
}

/** The caller may see the record but not do this. */
export class ForbiddenError extends DomainError {
  readonly code: string = 'FORBIDDEN';
  override name = 'ForbiddenError';
}

/** Separation of duties: whoever changed or submitted the data does not decide its review steps (403). */
export class SeparationOfDutiesError extends ForbiddenError {
  override readonly code = 'SEPARATION_OF_DUTIES';
  override name = 'SeparationOfDutiesError';
}

/** No valid identity. */
export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';
  override name = 'UnauthorizedError';
}

/** Stale version, a step that is no longer open, a race lost. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  override name = 'ConflictError';
}

/** Valid JSON that breaks the schema or a rule (422). */
export class ValidationError extends DomainError {
  readonly code: string = 'VALIDATION_FAILED';
  override name = 'ValidationError';
}

/** A decision or submission that contradicts what a 规程 rule computed (422 with the rule's own code). */
export class RuleViolationError extends ValidationError {
  override readonly code: string;
  override name = 'RuleViolationError';
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(message, details);
    this.code = code;
  }
}

/** The same Idempotency-Key was used with another request body (422). */
export class IdempotencyMismatchError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  override name = 'IdempotencyMismatchError';
}

/** Storage is throttling or unavailable after bounded retries (503 with Retry-After). */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE';
  override name = 'UnavailableError';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1, options?: { cause?: unknown }) {
    super(message, [], options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Per-user rate limit (429 with Retry-After). */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  override name = 'RateLimitedError';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Malformed request: bad JSON, bad cursor, bad query parameter (400). */
export class BadRequestError extends DomainError {
  readonly code = 'BAD_REQUEST';
  override name = 'BadRequestError';
}

/**
 * Gives a domain error a specific machine-readable code (e.g. CAMPAIGN_DATE_INVALID) while keeping
 * its class, and so its HTTP status.
 */
export function coded<E extends DomainError>(err: E, code: string): E {
  Object.defineProperty(err, 'code', { value: code, enumerable: true });
  return err;
}
