const base = require('../../jest.base.js');

// The database tests share one embedded PostgreSQL per run, started and stopped by the kit's test support.
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: require.resolve('@mitra/kit/test-support/global-setup.ts'),
  globalTeardown: require.resolve('@mitra/kit/test-support/global-teardown.ts'),
};
