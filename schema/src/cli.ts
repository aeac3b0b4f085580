import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkContract, composeSupergraph, CompositionError, formatChanges, leakedInaccessible } from './compose';
import { describeDifference } from './diff';
import { contractSdl, readContract } from './contract';
import { SUPERGRAPH_PATH } from './paths';
import { loadSubgraphSources } from './subgraphs';

const USAGE = `Usage: npm run compose [-- --check]

  (no flag)  compose the subgraphs and write schema/supergraph.graphql
  --check    write nothing; fail when schema/supergraph.graphql differs from a fresh composition

Both fail when the API schema breaks the contract: every part in the repository's
contract/ folder, or the one file CONTRACT_PATH names (relative to the checkout's root).`;

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** Returns the process exit code; prints what went wrong in words a person can act on. */
async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`Unknown argument(s): ${unknown.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const checkOnly = args.includes('--check');
  const parts = readContract();
  const contractName = parts.map((part) => relative(part.file)).join(' + ');

  const composed = await composeSupergraph(await loadSubgraphSources());
  for (const hint of composed.hints) console.warn(`hint: ${hint}`);
  let failed = false;

  if (checkOnly) {
    const committed = existsSync(SUPERGRAPH_PATH) ? await readFile(SUPERGRAPH_PATH, 'utf8') : '';
    const difference = describeDifference(committed, composed.supergraphSdl);
    if (difference) {
      console.error(
        `${relative(SUPERGRAPH_PATH)} is ${committed ? 'out of date' : 'missing'}: run \`npm run compose\` and commit the result.\n${difference}`,
      );
      failed = true;
    } else {
      console.log(`${relative(SUPERGRAPH_PATH)} matches a fresh composition.`);
    }
  } else {
    await writeFile(SUPERGRAPH_PATH, composed.supergraphSdl);
    console.log(`Wrote ${relative(SUPERGRAPH_PATH)}.`);
  }

  const leaked = leakedInaccessible(composed.supergraphSdl, composed.apiSchema);
  if (leaked.length > 0) {
    console.error(`@inaccessible elements visible in the API schema:\n${leaked.map((c) => `  - ${c}`).join('\n')}`);
    failed = true;
  }

  const contract = checkContract(composed.apiSchema, contractSdl(parts));
  if (contract.dangerous.length > 0) {
    console.warn(`Dangerous changes against the contract (${contractName}):\n${formatChanges(contract.dangerous)}`);
  }
  if (contract.breaking.length > 0) {
    console.error(
      `The API schema breaks the contract (${contractName}) in ${contract.breaking.length} place(s):\n${formatChanges(contract.breaking)}`,
    );
    failed = true;
  } else {
    console.log(`The API schema keeps the contract (${contractName}).`);
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    // A composition error is the subgraphs' fault and already readable; anything else is a bug here.
    if (error instanceof CompositionError) console.error(error.message);
    else console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
