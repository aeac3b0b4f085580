/**
 * Socket errors, SQLSTATE class 08 (connection exception), the server
 * shutting down or starting up (57P01-57P03), too many connections (53300).
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

// What pg and knex say when a connection breaks or cannot be had; they attach no code to these. A
// transaction cut off by the outage fails its ROLLBACK too, on a client that is closed by then.
const UNAVAILABLE_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'Connection ended unexpectedly',
    'Client has encountered a connection error',
    'Client was closed and is not queryable',
    'Timeout acquiring a connection',
    'timeout exceeded when trying to connect',
    'Unable to acquire a connection',
    'Query read timeout',
    'Invalid connection for transaction query',
    'Transaction query already complete',
    'read ECONNRESET',
  ].join('|'),
  'i',
);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current && typeof current === 'object' && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    const e = current as { originalError?: unknown; cause?: unknown; previous?: unknown };
    current = e.originalError ?? e.cause ?? e.previous;
  }
  return chain;
}

/** True when an error means "the database did not answer", not "the database refused this". */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (name === 'KnexTimeoutError') return true;
    return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
  });
}

/** True when a database error (a driver's, with its statement in the message) is the error or one of its causes. */
export function involvesDatabaseError(error: unknown): boolean {
  return causes(error).some(isDatabaseError);
}

function isDatabaseError(error: unknown): boolean {
  const e = error as { severity?: unknown; code?: unknown; name?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  // pg's DatabaseError: a server message, with SQLSTATE in `code` (an ORM's DriverException copies both).
  if (typeof e.severity === 'string' && typeof e.code === 'string') return true;
  // MikroORM's DriverException family (UniqueConstraintViolationException, …) without importing the ORM here.
  return error instanceof Error && 'sqlState' in error && typeof e.name === 'string' && e.name.endsWith('Exception');
}

/**
 * A database error as it is logged: its class, SQLSTATE and the names of
 * the constraint, table and column. Its own message carries the statement
 * with its values inlined (names, NUPTKs, birth dates) and its `detail` the
 * offending row, so neither is kept.
 */
export class LoggedDatabaseError extends Error {
  constructor(
    readonly errorClass: string,
    readonly code: string | undefined,
    readonly constraint: string | undefined,
    readonly table: string | undefined,
    readonly column: string | undefined,
    /** What an operator can do about it, for the errors whose cause lies in the set-up. */
    readonly hint?: string,
  ) {
    super(`${errorClass}${code ? ` (${code})` : ''}; its text is not logged because it may contain row values${hint ? `. ${hint}` : ''}`);
    this.name = 'LoggedDatabaseError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * The subgraphs' reads are named prepared statements (@mitra/kit's
 * `prepared`), which PostgreSQL keeps per connection. Two refusals then come
 * from the set-up, not from the code, and the log says which.
 */
function setUpHint(code: string | undefined, message: unknown): string | undefined {
  if (code === '26000')
    return 'A prepared statement this service made is missing on its connection: a pooler between the service and PostgreSQL that does not keep them (PgBouncer in transaction mode before 1.21); see docs/deploying.md, "The database link"';
  if (code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type'))
    return "A table's columns changed under a prepared statement (a migration while this service ran): restart the service";
  return undefined;
}

/** What may be logged of an error: a database error as a LoggedDatabaseError, anything else whole. */
export function loggableError(error: unknown): unknown {
  const database = causes(error).find(isDatabaseError);
  if (!database) return isDatabaseUnavailable(error) ? unavailableError(error) : error;
  const e = database as {
    name?: string;
    code?: unknown;
    sqlState?: unknown;
    constraint?: unknown;
    table?: unknown;
    column?: unknown;
    message?: unknown;
  };
  const pick = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const code = pick(e.sqlState) ?? pick(e.code);
  return new LoggedDatabaseError(
    e.name ?? 'DatabaseError',
    code,
    pick(e.constraint),
    pick(e.table),
    pick(e.column),
    setUpHint(code, e.message),
  );
}

/**
 * A lost connection as it is logged: what pg or knex said (the phrase, or
 * the socket's code), never the message itself, which a query builder
 * prefixes with the statement and its values.
 */
function unavailableError(error: unknown): LoggedDatabaseError {
  for (const e of causes(error)) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return new LoggedDatabaseError(typeof name === 'string' ? name : 'ConnectionError', code, undefined, undefined, undefined);
    }
    const phrase = typeof message === 'string' ? UNAVAILABLE_MESSAGES.exec(message)?.[0] : undefined;
    if (phrase) return new LoggedDatabaseError(`ConnectionError: ${phrase}`, undefined, undefined, undefined, undefined);
  }
  return new LoggedDatabaseError('ConnectionError', undefined, undefined, undefined, undefined);
}
