// Test support for the partners' own tests: a real PostgreSQL per jest run,
// a database per test file, operations run on a partner's schema. Imported
// as `@mitra/kit/test-support` by tests only: the kit's src/index.ts does not
// reach it, so no service loads it (or @mitra/devtools) in production.
export * from './database';
export * from './graphql';
export * from './every-field';
export * from './read-rows';
