/**
 * The server's check of a form's data from the browser. Computed fields are evaluated in the browser
 * with forms/lib/computed.ts (the server's own code; its JSONata interpreter is allowed by the CSP);
 * schema and rule checking is the server's (POST /api/submissions/:id/validate runs forms/lib
 * validateFormData with ajv, which the browser's CSP cannot run: ajv generates code).
 */
import { api } from '../api/client';
import type { FieldError } from '../api/types';

export interface ServerCheck {
  errors: FieldError[];
  warnings: FieldError[];
  computed: Record<string, unknown>;
}

/** The server's full check (schema + rules, the same code as submit) without saving. */
export function validateOnServer(submissionId: string, data: Record<string, unknown>): Promise<ServerCheck> {
  return api<ServerCheck>('POST', `/api/submissions/${encodeURIComponent(submissionId)}/validate`, { data });
}
