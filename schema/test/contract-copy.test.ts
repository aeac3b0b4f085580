import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { contractDrift, contractFiles, contractSdl, readContract } from '../src/contract';
import { CONTRACT_DIR, DEFAULT_CONTRACT_PATH, SHARED_CONTRACT_DIR } from '../src/paths';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitra-contract-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('the repository’s copy of the contract', () => {
  it('lives inside the repository and builds as one schema', () => {
    expect(path.relative(path.resolve(CONTRACT_DIR, '..'), DEFAULT_CONTRACT_PATH)).toBe(path.join('contract', 'api.graphql'));
    const parts = readContract(undefined);
    expect(parts[0]?.file).toBe(DEFAULT_CONTRACT_PATH);
    expect(() => buildSchema(contractSdl(parts))).not.toThrow();
  });

  it('fails, rather than checking nothing, when a named contract file is missing', () => {
    expect(() => readContract('no/such/contract.graphql')).toThrow(/Contract not found at .*no\/such\/contract\.graphql/);
  });

  // The project's CI has the agreed contract beside its clone; a plain clone does not, and then its own copy is the contract.
  const besideCheckout = existsSync(SHARED_CONTRACT_DIR);
  it(besideCheckout ? 'equals ../shared/contract, file by file' : 'stands alone: no ../shared/contract beside this checkout', () => {
    if (besideCheckout) expect(contractDrift(CONTRACT_DIR, SHARED_CONTRACT_DIR)).toEqual([]);
    else expect(contractFiles(CONTRACT_DIR)).toContain('api.graphql');
  });
});

describe('contractDrift', () => {
  const api = 'type Query { a: Int }\n';

  it('finds nothing when every repository file equals the agreed one', () => {
    expect(contractDrift(folder({ 'api.graphql': api }), folder({ 'api.graphql': api }))).toEqual([]);
  });

  it('names a file whose text differs, even by one character', () => {
    expect(contractDrift(folder({ 'api.graphql': api }), folder({ 'api.graphql': api.replace('Int', 'Int!') }))).toEqual(['api.graphql']);
  });

  it('names a repository file that the agreed contract does not have', () => {
    expect(contractDrift(folder({ 'api.graphql': api, 'v2-extra.graphql': api }), folder({ 'api.graphql': api }))).toEqual([
      'v2-extra.graphql',
    ]);
  });

  it('does not count a part that has not joined the repository yet', () => {
    expect(contractDrift(folder({ 'api.graphql': api }), folder({ 'api.graphql': api, 'v2-follow-up.graphql': api }))).toEqual([]);
  });

  it('lists api.graphql first, then the other parts by name, and ignores other files', () => {
    expect(contractFiles(folder({ 'v2-b.graphql': api, 'README.md': '', 'api.graphql': api, 'v2-a.graphql': api }))).toEqual([
      'api.graphql',
      'v2-a.graphql',
      'v2-b.graphql',
    ]);
  });
});
