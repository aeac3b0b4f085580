// The runtime every service uses, the gateway and each partner's subgraph:
// the partner registry, configuration, tokens and claims, errors as clients
// see them, operation limits, logs, metrics and the service lifecycle. It
// knows nothing of databases or GraphQL schema building (see @mitra/kit).
export * from './partners';
export * from './auth/claims';
export * from './auth/gateway-secret';
export * from './auth/tokens';
export * from './backoff';
export * from './config';
export * from './database-errors';
export * from './errors';
export * from './format-error';
export * from './http-errors';
export * from './ids';
export * from './input-paths';
export * from './lifecycle';
export * from './limits';
export * from './logger';
export * from './metrics';
export * from './request-log';
export * from './request-scope';
export * from './tracing';
export * from './http-client';
