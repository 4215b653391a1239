/** The error of a JSONata expression (forms/lib/expressions.ts); its message is Chinese and user-facing. */

/** Why an expression failed. */
export type ExpressionErrorCode =
  | 'tooLong'
  | 'syntax'
  | 'timeout'
  | 'depth'
  | 'tooLarge'
  | 'unsafeRegex'
  | 'forbidden'
  | 'evaluation';

/** An expression could not be compiled or evaluated; the message is Chinese and user-facing. */
export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  /**
   * True when the request's whole formula budget (time or data) is spent: every later evaluation of the
   * same request would fail too, so callers stop and refuse the request instead of reporting each field.
   */
  readonly budgetSpent: boolean;
  constructor(code: ExpressionErrorCode, message: string, options?: { cause?: unknown; budgetSpent?: boolean }) {
    super(message, options);
    this.name = 'ExpressionError';
    this.code = code;
    this.budgetSpent = options?.budgetSpent ?? false;
  }
}
