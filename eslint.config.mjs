import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

// Absolute globs: each workspace runs eslint from its own folder.
const devOnly = ['**/test/**', '**/test-support/**', 'tests/**', '**/*.config.*', 'dashboard/codegen.ts'].map((glob) =>
  glob.startsWith('**') ? glob : `${import.meta.dirname}/${glob}`,
);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs', '**/.data/**', 'dashboard/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      // Decorated classes need the real import for emitted metadata, so only
      // type positions that are never decorated may use `import type`.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      // The kit's @Authorized is checked synchronously in front of each field (subgraphs/kit/src/auth/authorized.ts);
      // type-graphql's runs as middleware that makes every field of the type asynchronous.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'type-graphql', importNames: ['Authorized'], message: "Use @mitra/kit's Authorized." }] },
      ],
    },
  },
  {
    // Every import names a package its own workspace declares (package.json), so
    // a workspace cannot lean on what a neighbour happens to install; code that
    // runs in production may not import a devDependency.
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.d.ts'] })] },
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          includeTypes: true,
          devDependencies: devOnly,
        },
      ],
    },
  },
  {
    // End-to-end tests read loosely typed JSON answers.
    files: ['tests/**/*.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
