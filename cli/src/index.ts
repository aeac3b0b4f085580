export * from './hub';
export { DATABASE_NAMES, databaseUrlVariable, ensureDatabases } from './databases';
export { getReadyz, waitUntilReady, type ReadyzAnswer } from './readiness';
export { builtScript, findRepoRoot } from './repo';
export type { SeedMode } from './seeding';
export { ServiceProcess, type ExitStatus } from './services';
export { generateSynthetic, readDatasets } from './synthetic-data';
export * from './router';
