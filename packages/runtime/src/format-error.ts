import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { ServiceConfig } from './config';
import { involvesDatabaseError, isDatabaseUnavailable, loggableError } from './database-errors';
import { ERROR_CODES } from './errors';
import { InvalidLiteralError, inputFieldOf, isGraphQLError } from './input-paths';
import type { Logger } from './logger';

const PUBLIC_CODES = new Set<string>([...ERROR_CODES, ...Object.values(ApolloServerErrorCode)]);
PUBLIC_CODES.delete(ApolloServerErrorCode.INTERNAL_SERVER_ERROR);

/**
 * The extensions a client may see outside development. Anything else (a
 * stack trace, an `exception` object, SQL, whatever a partner's subgraph
 * adds) is dropped: the gateway passes subgraph errors through as they come.
 */
const PUBLIC_EXTENSIONS = ['code', 'field', 'capability', 'serviceName', 'limit'];

function publicExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions ?? {}).filter(([key]) => PUBLIC_EXTENSIONS.includes(key)));
}

/**
 * Without EXPOSE_STACKTRACES, no stack trace leaves the service, also none
 * that a subgraph sent the gateway (`stacktrace`, or Apollo Server 3's
 * `exception.stacktrace`).
 */
function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.stacktrace === undefined && formatted.extensions?.exception === undefined) return formatted;
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/**
 * A service's own translation of the errors it knows (a subgraph's ORM
 * refusals): an answer for the client, or undefined to leave the error to
 * the rules below.
 */
export type ErrorTranslator = (original: unknown, formatted: GraphQLFormattedError) => GraphQLFormattedError | undefined;

type ErrorAnswerConfig = Pick<ServiceConfig, 'nodeEnv' | 'exposeStacktraces'>;

/**
 * The one place where errors are translated for clients: coded errors pass,
 * the service's own translator has its say (a subgraph turns a unique
 * violation or a lost optimistic lock into CONFLICT), a database
 * that does not answer SERVICE_UNAVAILABLE, any other database error
 * INTERNAL_SERVER_ERROR without its text (in every mode: a driver's message
 * holds the SQL statement with its values), a value
 * refused before any resolver ran becomes BAD_USER_INPUT naming its field,
 * anything else is logged and masked outside development. A stack trace
 * reaches a client only with EXPOSE_STACKTRACES outside production.
 */
export function formatErrorFor(config: ErrorAnswerConfig, logger: Logger, translate?: ErrorTranslator) {
  const format = translateError(config, logger, translate);
  if (config.exposeStacktraces && config.nodeEnv !== 'production') return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => withoutStacktrace(format(formatted, error));
}

/** What Apollo Server needs to answer errors as formatErrorFor says, stack traces included only when asked for. */
export function errorOptionsFor(config: ErrorAnswerConfig, logger: Logger, translate?: ErrorTranslator) {
  return {
    includeStacktraceInErrorResponses: config.exposeStacktraces === true && config.nodeEnv !== 'production',
    formatError: formatErrorFor(config, logger, translate),
  };
}

function translateError(config: ErrorAnswerConfig, logger: Logger, translate?: ErrorTranslator) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    const translated = translate?.(original, formatted);
    if (translated) return translated;
    // The database is down or restarting: the pool reconnects on its own once it answers again.
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: loggableError(original), path: formatted.path }, 'database unavailable');
      return {
        message: 'The database of this service is unavailable; try again later (after a failed write, read before writing again)',
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    // Any other database refusal: its message and stack carry the statement, so neither leaves, in any mode.
    if (involvesDatabaseError(original)) {
      logger.error({ err: loggableError(original), path: formatted.path }, 'database error');
      return {
        message: 'Internal server error (a database error; the service logged it)',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    let code = formatted.extensions?.code;
    let result = formatted;
    // graphql-js refuses a bad literal or variable before any resolver runs: name the field as our own checks do.
    const refusedLiteral = code === ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED && original instanceof InvalidLiteralError;
    if ((code === 'BAD_USER_INPUT' || refusedLiteral) && formatted.extensions?.field === undefined && isGraphQLError(error)) {
      const field = inputFieldOf(error);
      code = 'BAD_USER_INPUT';
      result = { ...formatted, extensions: { ...formatted.extensions, code, ...(field ? { field } : {}) } };
    }
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      if (config.nodeEnv === 'development') return result;
      return { ...result, extensions: publicExtensions(result.extensions) };
    }
    logger.error({ err: loggableError(original), path: formatted.path }, 'unexpected error');
    if (config.nodeEnv === 'development') return formatted;
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
