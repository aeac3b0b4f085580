export * from './cube';
export * from './moves';
export * from './perturb';
export * from './protect';
export * from './protect-async';
