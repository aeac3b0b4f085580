const base = require('../jest.base.js');
// Unit tests of the dashboard's pure modules (formatting, chart rows, tokens); the page itself is tested in a browser (tests/e2e/dashboard.e2e.ts).
module.exports = { ...base, testMatch: ['<rootDir>/test/**/*.test.ts'] };
