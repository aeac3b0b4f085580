export * from './compose';
export * from './paths';
export * from './diff';
export * from './api-schema';
export * from './contract';
export * from './query-plans';
export * from './reference-operations';
