export * from './ports';
export * from './postgres';
