export * from './world';
export * from './random';
