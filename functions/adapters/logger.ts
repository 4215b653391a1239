import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../core/ports';

/** A port logger that also exposes Powertools, so the Lambda entry can add the invocation context. */
export interface JsonLogger extends Logger {
  powertools: PowertoolsLogger;
}

/**
 * Structured JSON lines on stdout through Powertools Logger (service name, level, timestamp; in Lambda
 * also the function name, request id and cold start once the entry adds the context). Every request
 * line carries its correlation id (X-Request-Id). Callers never pass bodies, passwords or tokens.
 * `silent` keeps errors only (tests, benchmarks).
 */
export function createJsonLogger(level: 'info' | 'silent' = 'info'): JsonLogger {
  const powertools = new PowertoolsLogger({
    serviceName: 'jixiao-api',
    logLevel: level === 'silent' ? 'ERROR' : 'INFO',
  });
  return {
    powertools,
    info: (message, data) => powertools.info(message, data ?? {}),
    warn: (message, data) => powertools.warn(message, data ?? {}),
    error: (message, data) => powertools.error(message, data ?? {}),
  };
}
