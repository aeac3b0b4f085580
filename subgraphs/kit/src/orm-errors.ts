import type { GraphQLFormattedError } from 'graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ErrorTranslator } from '@mitra/runtime';

/**
 * A subgraph's unique indexes, by constraint name: the input field a
 * violation is reported against, and what the client is told. The index is
 * the rule (two concurrent writes cannot both pass it); this only words it.
 */
export type UniqueConstraints = Record<string, { field: string; message: string }>;

function conflict(formatted: GraphQLFormattedError, message: string, field?: string): GraphQLFormattedError {
  return { message, path: formatted.path, extensions: { code: 'CONFLICT', ...(field ? { field } : {}) } };
}

/** The ORM's refusals a client can act on: a unique violation or a lost optimistic lock is a CONFLICT naming the field. */
export function ormErrorTranslator(uniqueConstraints: UniqueConstraints = {}): ErrorTranslator {
  return (original, formatted) => {
    if (original instanceof UniqueConstraintViolationException) {
      const known = uniqueConstraints[(original as { constraint?: string }).constraint ?? ''];
      return conflict(formatted, known?.message ?? 'A row with the same unique value already exists', known?.field);
    }
    if (original instanceof OptimisticLockError) {
      return conflict(formatted, 'version: the record was changed since it was read; read it again and retry', 'version');
    }
    return undefined;
  };
}
