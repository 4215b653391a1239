import type { Logger } from '../core/ports';

/** Structured JSON lines on stdout; callers never pass bodies, passwords or tokens. */
export function createJsonLogger(level: 'info' | 'silent' = 'info'): Logger {
  const write = (lvl: string, msg: string, data?: Record<string, unknown>) => {
    if (level === 'silent' && lvl !== 'error') return;
    process.stdout.write(`${JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...data })}\n`);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
