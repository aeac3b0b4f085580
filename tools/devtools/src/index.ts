export * from './ports';
export * from './postgres';
export { isAlive, signalProcess, waitUntilDead } from './processes';
export * from './wan-proxy';
