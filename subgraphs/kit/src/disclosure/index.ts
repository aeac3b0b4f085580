export * from './cube';
export * from './perturb';
export * from './protect';
export * from './protect-async';
