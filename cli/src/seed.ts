import { withDatabases } from './databases';
import { findRepoRoot } from './repo';
import { runSeeds, type SeedMode } from './seeding';

const USAGE =
  "usage: npm run seed -- [--reset | --if-empty]\n  --if-empty  load the demo data where none is loaded yet (default)\n  --reset     empty each subgraph's tables and load the demo data again";

function parseMode(argv: string[]): SeedMode {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const unknown = argv.filter((a) => a !== '--reset' && a !== '--if-empty');
  if (unknown.length || (argv.includes('--reset') && argv.includes('--if-empty'))) {
    throw new Error(`${unknown.length ? `Unknown option(s): ${unknown.join(' ')}` : 'Choose one of --reset and --if-empty'}\n${USAGE}`);
  }
  return argv.includes('--reset') ? 'reset' : 'if-empty';
}

/** `npm run seed -- --reset`: migrations and demo data for every subgraph, with or without a running hub. */
async function main(): Promise<void> {
  const mode = parseMode(process.argv.slice(2));
  const root = findRepoRoot();
  await withDatabases(root, async ({ urls, env, log, signal }) => {
    await runSeeds({ root, mode, urls, env, output: log, labelWidth: 'university'.length, signal });
    console.log(mode === 'reset' ? 'Demo data reloaded.' : 'Demo data is loaded (`npm run seed -- --reset` reloads it).');
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
