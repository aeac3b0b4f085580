import { startTestPostgres } from './postgres';

// A partner's jest.config.js names this file as its globalSetup.
export = startTestPostgres;
