import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { apiSdlOf, SUPERGRAPH_PATH } from '@mitra/schema';

/**
 * The dashboard's operations are `.graphql` documents, compiled against the
 * API schema of the committed supergraph (what the gateway serves, without
 * @inaccessible parts). The client preset writes typed documents to src/gql/
 * and the persisted-documents manifest (sha256 → document) that the gateway
 * answers from; the documents in the bundle carry only their hash.
 */
const config: CodegenConfig = {
  schema: apiSdlOf(readFileSync(SUPERGRAPH_PATH, 'utf8')),
  documents: ['src/queries/**/*.graphql'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string' },
      },
    },
  },
};

// graphql-codegen reads the config's default export.
// eslint-disable-next-line no-restricted-syntax
export default config;
