// The subgraph kit: what a partner's subgraph is built from. It builds on
// @mitra/runtime (config, tokens, errors, logs, metrics, limits, lifecycle),
// which it re-exports so that a partner imports one package.
export * from '@mitra/runtime';
export * from './audit';
export * from './auth';
export * from './catalogue-mirror';
export * from './columns';
export * from './competency';
export * from './complements';
export * from './context';
export * from './database-tls';
export * from './db';
export * from './disclosure';
export * from './loaders';
export * from './organizations';
export * from './orm-errors';
export * from './pagination';
export * from './partner-api';
export * from './privacy';
export * from './scalars';
export * from './schema';
export * from './server';
export * from './statements';
export * from './statistics-version';
export * from './subgraph-config';
export * from './teacher-keys';
export * from './teacher-sets';
export * from './training-tier';
export * from './validate';
export { Migration20261127000000Kit } from './migrations-kit';
export * from './read-rows';
