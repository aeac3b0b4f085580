import path from 'node:path';

// schema/src (jest, tsx) and schema/dist (node) are both one level below schema/.
const SCHEMA_DIR = path.resolve(__dirname, '..');

/** The committed composition that the gateway serves. */
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');

/** The checkout's root folder. */
export const REPO_ROOT = path.resolve(SCHEMA_DIR, '..');

/** Where the public contract lives beside the checkout, locally and in CI. */
export const DEFAULT_CONTRACT_PATH = path.resolve(REPO_ROOT, '..', 'shared', 'contract', 'api.graphql');
