import { stopTestPostgres } from './postgres';

// A partner's jest.config.js names this file as its globalTeardown.
export = stopTestPostgres;
