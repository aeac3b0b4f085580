import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT_DIR, DEFAULT_CONTRACT_PATH, REPO_ROOT } from './paths';

/** One part of the contract: `api.graphql`, then each version 2 part once it has joined. */
export interface ContractPart {
  file: string;
  sdl: string;
}

/** The `.graphql` files of a contract folder, `api.graphql` first, the others in name order. */
export function contractFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((name) => name.endsWith('.graphql'));
  return names.sort((a, b) => (a === 'api.graphql' ? -1 : b === 'api.graphql' ? 1 : a.localeCompare(b)));
}

/**
 * The contract the API schema must keep. By default every part in the
 * repository's `contract/` folder, read together (the version 2 parts
 * extend `api.graphql`); `CONTRACT_PATH` (relative to the checkout) names
 * one file instead. A missing file is an error, never an empty contract.
 */
export function readContract(contractPath = process.env.CONTRACT_PATH): ContractPart[] {
  if (contractPath) {
    const file = path.resolve(REPO_ROOT, contractPath);
    if (!existsSync(file)) throw new Error(`Contract not found at ${file} (CONTRACT_PATH).`);
    return [{ file, sdl: readFileSync(file, 'utf8') }];
  }
  if (!existsSync(DEFAULT_CONTRACT_PATH))
    throw new Error(`Contract not found at ${DEFAULT_CONTRACT_PATH}: the repository carries its own copy.`);
  return contractFiles(CONTRACT_DIR).map((name) => {
    const file = path.join(CONTRACT_DIR, name);
    return { file, sdl: readFileSync(file, 'utf8') };
  });
}

/** One SDL document of all parts, for buildSchema. */
export function contractSdl(parts: ContractPart[]): string {
  return parts.map((part) => part.sdl).join('\n');
}

/**
 * The repository's contract files that differ from, or are missing in, the
 * agreed copy in `sharedDir`. Parts that exist only in `sharedDir` have not
 * joined yet and are not drift.
 */
export function contractDrift(repoDir: string, sharedDir: string): string[] {
  return contractFiles(repoDir).filter((name) => {
    const shared = path.join(sharedDir, name);
    return !existsSync(shared) || readFileSync(shared, 'utf8') !== readFileSync(path.join(repoDir, name), 'utf8');
  });
}
