import path from 'node:path';

// schema/src (jest, tsx) and schema/dist (node) are both one level below schema/.
const SCHEMA_DIR = path.resolve(__dirname, '..');

/** The committed composition that the gateway serves. */
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');

/** The checkout's root folder. */
export const REPO_ROOT = path.resolve(SCHEMA_DIR, '..');

/** The repository's own copy of the public contract: every part that has joined the check. */
export const CONTRACT_DIR = path.join(REPO_ROOT, 'contract');

/** The public contract the composed API schema must keep (`CONTRACT_PATH` overrides it). */
export const DEFAULT_CONTRACT_PATH = path.join(CONTRACT_DIR, 'api.graphql');

/**
 * Where the agreed contract lives beside a checkout of the project (the
 * project's own CI has it; a plain clone does not). The drift check compares
 * the repository's copy with it when it is there.
 */
export const SHARED_CONTRACT_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'contract');
