import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ServiceConfig } from './config';
import { ERROR_CODES } from './errors';
import type { Logger } from './logger';

const PUBLIC_CODES = new Set<string>([...ERROR_CODES, ...Object.values(ApolloServerErrorCode)]);
PUBLIC_CODES.delete(ApolloServerErrorCode.INTERNAL_SERVER_ERROR);

/**
 * The one place where errors are translated for clients: coded errors pass,
 * a unique violation becomes CONFLICT, anything else is logged and masked
 * outside development, so no stack trace or SQL reaches a client.
 */
export function formatErrorFor(config: ServiceConfig, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    if (original instanceof UniqueConstraintViolationException) {
      return { message: 'A row with the same unique value already exists', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      if (config.nodeEnv === 'development') return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    if (config.nodeEnv === 'development') return formatted;
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
