export * from './options';
export * from './layout';
export * from './world';
export * from './bulk';
export { runSyntheticSeed, ExistingDataError, type SyntheticLoad, type SeedSynthetic } from './seed';
