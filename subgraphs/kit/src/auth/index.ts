export * from './gateway-only';
export * from './rules';
