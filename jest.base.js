// Shared jest settings: @swc/jest runs the type-graphql and MikroORM decorators
// (with emitted metadata); type checking is `npm run typecheck`'s job.
const path = require('node:path');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  // jose is ESM-only: swc compiles its .js files to CommonJS too, the rest of node_modules stays untouched.
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Workspace packages are tested from their sources (jest.resolver.js).
  resolver: path.join(root, 'jest.resolver.js'),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
