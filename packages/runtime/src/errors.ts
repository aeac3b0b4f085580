import { GraphQLError } from 'graphql';

/** The codes a client can rely on; anything else is masked outside development. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_IMPLEMENTED',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class BadUserInputError extends GraphQLError {
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
  }
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Authentication required') {
    super(message, { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = 'Not allowed') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string, field?: string) {
    super(`${what} ${JSON.stringify(id)} does not exist`, {
      extensions: { code: 'NOT_FOUND', ...(field ? { field } : {}) },
    });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: 'CONFLICT', ...(field ? { field } : {}) } });
  }
}

/**
 * A field of the contract whose capability belongs to an issue that has not
 * landed yet. It never returns invented data.
 */
export class NotImplementedError extends GraphQLError {
  constructor(capability: string) {
    super(`Not implemented yet: ${capability}`, {
      extensions: { code: 'NOT_IMPLEMENTED', capability },
    });
  }
}
