import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON line per event on stdout; tokens and personal fields are never passed in. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: { paths: ['req.headers.authorization', '*.authorization', '*.token'], remove: true },
  });
}
