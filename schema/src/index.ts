export * from './compose';
export * from './paths';
export * from './diff';
