import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON line per event on stdout; tokens, the gateway secret and personal fields are never passed in (and redacted if they are). */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', '*.authorization', '*.token', 'req.headers["x-mitra-gateway-secret"]', '*["x-mitra-gateway-secret"]'],
      remove: true,
    },
  });
}
