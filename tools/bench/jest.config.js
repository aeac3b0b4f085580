const base = require('../../jest.base.js');
module.exports = { ...base, testMatch: ['<rootDir>/test/**/*.test.ts'] };
