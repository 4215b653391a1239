import type { Logger } from '../core/ports';

/** The invocation fields every log line of a Lambda invocation carries (set by the Lambda entry). */
export interface InvocationContext {
  awsRequestId?: string;
  functionName?: string;
  coldStart?: boolean;
}

/** A port logger whose lines can carry the current Lambda invocation's context. */
export interface JsonLogger extends Logger {
  setInvocation(context: InvocationContext): void;
}

/**
 * Structured JSON lines (level, time, service, message, data; in Lambda also the request id, function name
 * and cold start). Every request line carries its correlation id (X-Request-Id). Callers never pass bodies,
 * passwords or tokens. `silent` keeps errors only (tests, benchmarks). Our own twenty lines rather than
 * Powertools Logger: that one adds about 20 KB to a Lambda bundle budgeted at 600 KB for these same fields.
 */
export function createJsonLogger(level: 'info' | 'silent' = 'info'): JsonLogger {
  let invocation: InvocationContext = {};
  const write = (lvl: string, message: string, data?: Record<string, unknown>) => {
    if (level === 'silent' && lvl !== 'error') return;
    const line = { level: lvl, time: new Date().toISOString(), service: 'jixiao-api', message, ...invocation, ...data };
    (lvl === 'info' ? process.stdout : process.stderr).write(`${JSON.stringify(line)}\n`);
  };
  return {
    setInvocation: (context) => {
      invocation = context;
    },
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
