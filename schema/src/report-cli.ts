import path from 'node:path';
import { buildSchema } from 'graphql';
import { apiSchemaOf } from './api-schema';
import { composeSupergraph, CompositionError } from './compose';
import { contractSdl, readContract } from './contract';
import { guildAgreementReport } from './guild-composition';
import { SUPERGRAPH_PATH } from './paths';
import { compareSchemas, formatReport, readCommittedFile } from './report';
import { loadSubgraphSources } from './subgraphs';

/**
 * `npm run report -w @mitra/schema` (run by the schema workspace's `npm test`):
 * graphql-inspector's breaking-change report of a fresh composition's API
 * schema (a) against the public contract, failing on a breaking change, and
 * (b) against the API schema of the supergraph in the last commit, for review;
 * then whether The Guild's composer agrees with Apollo's on the API schema
 * (reported only: schema/test/guild-composition.test.ts fails on a disagreement).
 */
async function main(): Promise<number> {
  const parts = readContract();
  const sources = await loadSubgraphSources();
  const fresh = await composeSupergraph(sources);
  const shown = (file: string) => path.relative(process.cwd(), file) || file;

  const contract = await compareSchemas(buildSchema(contractSdl(parts)), fresh.apiSchema);
  console.log(
    formatReport(
      `Schema check (graphql-inspector): contract ${parts.map((part) => shown(part.file)).join(' + ')} → API schema of a fresh composition`,
      contract,
    ),
  );

  const committed = readCommittedFile(SUPERGRAPH_PATH);
  if (committed.found) {
    const sinceCommit = await compareSchemas(apiSchemaOf(committed.sdl), fresh.apiSchema);
    console.log(
      formatReport(
        `Schema check (graphql-inspector): API schema of the last committed supergraph (${committed.commit}) → fresh composition`,
        sinceCommit,
        25,
      ),
    );
    if (sinceCommit.breaking.length) {
      console.log('  note: clients built on the last commit would break; allowed only while the contract above has no breaking change.');
    }
  } else {
    console.log(`Schema check: no comparison with the last committed supergraph (${committed.reason}).`);
  }

  console.log(guildAgreementReport(sources, fresh.apiSchema));

  if (contract.breaking.length) {
    console.error(`The API schema breaks the contract in ${contract.breaking.length} place(s) (listed above).`);
    return 1;
  }
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof CompositionError) console.error(error.message);
    else console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
