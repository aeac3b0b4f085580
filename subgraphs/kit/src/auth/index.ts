export * from './gateway-only';
export * from './rules';
export * from './need-to-know';
export * from './authorized';
