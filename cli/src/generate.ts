import { SyntheticOptionsError, parseSyntheticArgs } from '@mitra/fixtures';
import { withDatabases } from './databases';
import { findRepoRoot } from './repo';
import { ExistingDataError, generateSynthetic } from './synthetic-data';

const USAGE = `usage: npm run generate -- [--teachers N] [--districts N] [--seed S] [--district-sizes a,b,...] [--reset]
  --teachers N        teachers in all (default 100000), with their schools, qualifications,
                      registrations, attendance, assessments; partnerships for some schools
  --districts N       districts over ten provinces (default 100)
  --seed S            same seed, same rows (default 1)
  --district-sizes    teachers of the first districts, e.g. 10,10000 (the rest share the remainder)
  --reset             empty the three partners' tables first; without it, existing data is never touched`;

function parse(argv: string[]) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const { options, rest } = parseSyntheticArgs(argv);
  const unknown = rest.filter((a) => a !== '--reset');
  if (unknown.length) throw new SyntheticOptionsError(`Unknown option(s): ${unknown.join(' ')}`);
  return { options, reset: rest.includes('--reset') };
}

const rate = (rows: number, seconds: number): string => `${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s`;

/** `npm run generate`: a synthetic data set in the three partners' databases, the same way `npm run seed` finds them. */
async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const root = findRepoRoot();
  await withDatabases(root, async ({ urls, env, log, signal }) => {
    const result = await generateSynthetic({ root, urls, synthetic: parsed.options, reset: parsed.reset, env, output: log, signal });
    const rows = Object.values(result.partners).reduce((sum, p) => sum + p.rows, 0);
    console.log(
      `\n${result.label}: ${rows.toLocaleString('en')} rows in ${result.seconds.toFixed(1)} s (${rate(rows, result.seconds)} over the three partners, migrations and VACUUM ANALYZE included)`,
    );
    for (const [name, p] of Object.entries(result.partners)) {
      console.log(
        `  ${name.padEnd(10)} ${p.rows.toLocaleString('en').padStart(12)} rows in ${p.seconds.toFixed(1)} s (${rate(p.rows, p.seconds)})`,
      );
    }
    console.log('`npm start` now serves this data set; `npm run seed -- --reset` brings the demo data back.');
  });
}

main().catch((error: unknown) => {
  if (error instanceof ExistingDataError || error instanceof SyntheticOptionsError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
