export * from './hub';
export { DATABASE_NAMES } from './databases';
export type { SeedMode } from './seeding';
export type { ExitStatus } from './services';
export * from './router';
