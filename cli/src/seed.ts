import path from 'node:path';
import { ensureDatabases } from './databases';
import { findRepoRoot } from './repo';
import { runSeeds, type SeedMode } from './seeding';

const USAGE = 'usage: npm run seed -- [--reset | --if-empty]\n  --if-empty  load the demo data where none is loaded yet (default)\n  --reset     empty each subgraph\'s tables and load the demo data again';

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
  const env = process.env;
  const interrupted = new AbortController();
  const onSignal = (): void => interrupted.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const log = (line: string): void => console.log(line);
  const { urls, postgres } = await ensureDatabases({ env, dataDir: env.MITRA_DATA_DIR || path.join(root, '.data'), log });
  try {
    await runSeeds({ root, mode, urls, env, output: log, labelWidth: 'university'.length, signal: interrupted.signal });
    console.log(mode === 'reset' ? 'Demo data reloaded.' : 'Demo data is loaded.');
  } finally {
    // A server reused from a running `npm start` belongs to that hub.
    if (postgres && !postgres.reused) await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
