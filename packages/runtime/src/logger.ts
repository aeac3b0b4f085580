import pino, { type Logger } from 'pino';

export type { Logger };

const PERSONAL_KEYS = ['variables', 'fullName', 'participantName', 'nuptk', 'birthDate'];

/** One JSON line per event on stdout; tokens, the gateway secret and personal fields are never passed in (and redacted if they are). */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: [
        'req.headers.authorization',
        '*.authorization',
        'token',
        '*.token',
        'req.headers["x-mitra-gateway-secret"]',
        '*["x-mitra-gateway-secret"]',
        // Belt and braces: no code logs these, and a line that ever tried would lose them.
        ...PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`]),
      ],
      remove: true,
    },
  });
}
