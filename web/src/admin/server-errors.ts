import { ApiError, errorMessage } from '../api/client';
import type { FieldError } from '../api/types';

/** A failed save as the admin pages show it: the message, and the server's details (422) by path. */
export interface SaveProblem {
  message: string;
  details: FieldError[];
}

export function toProblem(error: unknown): SaveProblem {
  return { message: errorMessage(error), details: error instanceof ApiError ? error.details : [] };
}

/** JSON rendered as text (never as HTML), shortened for tables. */
export function showJson(value: unknown, max = 200): string {
  if (value === undefined) return '';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
