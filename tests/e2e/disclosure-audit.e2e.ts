import { syntheticArgs, type SyntheticOptions } from '@mitra/fixtures';
import { runCli as cli } from '../harness/cli';
import { auditCaller, summary } from '../harness/audit';
import { CALLERS, tokenFor } from '../harness/tokens';

/**
 * The disclosure auditor on everything an analyst and an anonymous caller
 * can read (every grouping at every scope, the districts' figures, the CSV
 * exports, the training needs): no protected cell may be derivable within
 * less than [0, MIN_CELL_SIZE], no cell may have two answers, and every
 * shown figure equals the database. On the demo data and on 20,000
 * generated teachers in 40 districts.
 */
const MANY_SMALL: SyntheticOptions = { seed: 14, teachers: 20_000, districts: 40 };

let analyst: string;
beforeAll(async () => {
  analyst = await tokenFor(CALLERS['government analyst']);
});

async function expectProtected(token: string | undefined): Promise<void> {
  const report = await auditCaller(token);
  // eslint-disable-next-line no-console
  console.log(summary(report));
  expect({
    exposed: report.exposed.slice(0, 20),
    inconsistent: report.inconsistent.slice(0, 20),
    wrong: report.wrong.slice(0, 20),
  }).toEqual({
    exposed: [],
    inconsistent: [],
    wrong: [],
  });
}

describe('the disclosure audit on the demo data', () => {
  it('protects every small cell from the analyst', () => expectProtected(analyst), 300_000);
  it('protects every small cell from an anonymous caller', () => expectProtected(undefined), 300_000);
});

describe('the disclosure audit on 20,000 generated teachers in 40 districts', () => {
  beforeAll(() => cli('generate.js', ['--reset', ...syntheticArgs(MANY_SMALL)]), 300_000);
  afterAll(() => cli('seed.js', ['--reset']), 300_000);
  it('protects every small cell from the analyst', () => expectProtected(analyst), 600_000);
  it('protects every small cell from an anonymous caller', () => expectProtected(undefined), 600_000);
});
