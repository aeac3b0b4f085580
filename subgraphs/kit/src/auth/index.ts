export * from './claims';
export * from './gateway-secret';
export * from './rules';
export * from './tokens';
