import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { InvalidLiteralError } from '@mitra/runtime';

/** The number written by the digits of `value` from `start` to `end` (exclusive); -1 if any is not a digit. */
function digits(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date written as YYYY-MM-DD, year 0001 to 9999 of
 * the Gregorian calendar (no 2023-02-30; PostgreSQL has no year 0). Read
 * digit by digit: every date of every answer is checked here (a page of
 * training histories has hundreds), where a pattern, three numbers and a
 * Date object cost 3% of a subgraph's CPU.
 */
export function isCalendarDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const y = digits(value, 0, 4);
  const mo = digits(value, 5, 7);
  const d = digits(value, 8, 10);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[mo - 1] + (leap ? 1 : 0);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written as YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/**
 * A literal in the query text is refused with a plain error, which graphql-js
 * reports with the literal's location (it passes a GraphQLError on without
 * one), so that the error can name the input field (see format-error.ts).
 */
function literal<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new InvalidLiteralError(error instanceof Error ? error.message : String(error));
  }
}

/** Dates travel as 'YYYY-MM-DD' strings end to end: no time zone can shift them. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or zone, written YYYY-MM-DD (RFC 3339 full-date, ISO 8601), e.g. "2022-11-14".',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isCalendarDate(value.slice(0, 10))) return value.slice(0, 10);
    throw new GraphQLError(`Cannot serialize ${String(value)} as Date`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    return literal(() => parseDate(ast.kind === Kind.STRING ? ast.value : undefined));
  },
});

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && DATETIME_RE.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime()) && isCalendarDate(value.slice(0, 10))) return d;
  }
  throw new GraphQLError(`DateTime must be an ISO 8601 instant with offset, got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An instant written as an RFC 3339 date-time with a zone offset (ISO 8601), e.g. "2022-11-14T09:00:00+08:00"; answers are in UTC ("Z"). Input may leave out the seconds.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new GraphQLError(`Cannot serialize ${String(value)} as DateTime`);
    return d.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    return literal(() => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined));
  },
});
