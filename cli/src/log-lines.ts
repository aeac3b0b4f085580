const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** pino fields that the prefix and the level word already say, or that nobody reads on a console. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'service', 'name', 'msg', 'v']);

function render(value: unknown): string {
  if (typeof value === 'string') return value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/**
 * Turns one pino JSON line into `info ready url=http://...` (an error's stack
 * follows on its own lines). Anything that is not a JSON object passes
 * through unchanged.
 */
export function formatLogLine(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return line;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return line;
  const record = parsed as Record<string, unknown>;
  const level =
    typeof record.level === 'number'
      ? (LEVELS[record.level] ?? `level${record.level}`)
      : typeof record.level === 'string'
        ? record.level
        : 'log';
  const parts = [level];
  if (typeof record.msg === 'string' && record.msg) parts.push(record.msg);
  let stack: string | undefined;
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN.has(key) || value === undefined) continue;
    if ((key === 'err' || key === 'error') && value && typeof value === 'object') {
      const error = value as { message?: unknown; stack?: unknown };
      parts.push(`${key}=${render(typeof error.message === 'string' ? error.message : value)}`);
      if (typeof error.stack === 'string') stack = error.stack;
      continue;
    }
    parts.push(`${key}=${render(value)}`);
  }
  const head = parts.join(' ');
  return stack
    ? `${head}\n${stack
        .split('\n')
        .map((l) => `    ${l.trim()}`)
        .join('\n')}`
    : head;
}

/** The last lines of a process's output, for error messages when it fails. */
export class LineTail {
  private readonly lines: string[] = [];
  constructor(private readonly size = 50) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }

  text(indent = '  '): string {
    return this.lines.length ? this.lines.map((l) => `${indent}${l}`).join('\n') : `${indent}(no output)`;
  }
}
