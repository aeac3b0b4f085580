import 'reflect-metadata';
import { buildDemoWorld } from '@mitra/fixtures';
import { isSmallCell } from '@mitra/kit';
import { createTestDatabase, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const world = buildDemoWorld();
const ANALYST = { sub: 'analyst', org: 'government:kaltim', roles: ['analyst'] };
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'university', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

async function run(source: string, minCellSize: number, variables?: Record<string, unknown>): Promise<any> {
  const result = await runOperation(definition, db, source, { claims: ANALYST, config: { minCellSize }, variables });
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('university statistics on the demo data', () => {
  it.each([10, 30])('with MIN_CELL_SIZE %i, hide exactly the programs with 1 to min - 1 assessments', async (min) => {
    const truth = await db.sql<{ id: string; assessed: number; passed: number }>(
      `select p.id, count(a.id)::int as assessed, count(a.id) filter (where a.passed)::int as passed
         from training_program p left join assessment a on a.program_id = p.id group by p.id`,
    );
    const data = await run('{ trainingPrograms { id outcomes { assessed passRate suppressed } } }', min);
    const shown = new Map(data.trainingPrograms.map((p: any) => [p.id, p.outcomes]));
    for (const { id, assessed, passed } of truth) {
      const outcomes: any = shown.get(id);
      expect({ id, assessed: outcomes.assessed }).toEqual({ id, assessed: isSmallCell(assessed, min) ? null : assessed });
      const rateHidden = isSmallCell(assessed, min) || isSmallCell(passed, min) || isSmallCell(assessed - passed, min);
      expect({ id, rateShown: outcomes.passRate !== null }).toEqual({ id, rateShown: !rateHidden && assessed > 0 });
    }
    // The demo data has programs of 10 to 29 assessments (hidden at 30 only) and one of 5 (LPD Banten's Serang Diklat, hidden at both).
    const hidden = truth.filter(({ assessed }) => isSmallCell(assessed, min)).length;
    expect(hidden).toBe(min === 30 ? 3 : 1);
  });

  it("report a district's coverage and outcomes over the teacher keys the gateway brings, hiding small tiers", async () => {
    const schools = new Set(world.schools.filter((s) => s.districtCode === '64.72').map((s) => s.npsn));
    const teacherKeys = world.teachers.filter((t) => schools.has(t.npsn)).map((t) => t.id);
    const data = await run(
      `query ($r: [_Any!]!) { _entities(representations: $r) {
         ... on TrainingCoverage { byHighestTier { tier count } meanGain }
         ... on District { trainingOutcomes { tier outcomes { assessed suppressed } } } } }`,
      10,
      {
        r: [
          { __typename: 'TrainingCoverage', teacherKeys },
          { __typename: 'District', code: '64.72', teacherKeys },
        ],
      },
    );
    const [coverage, district] = data._entities;
    // Six teachers, at most three of them assessed: no tier count, mean or outcome may show.
    expect(teacherKeys).toHaveLength(6);
    expect(coverage.byHighestTier.every((t: any) => t.count === null || t.count === 0)).toBe(true);
    expect(coverage.meanGain).toBeNull();
    expect(district.trainingOutcomes.find((t: any) => t.tier === null).outcomes).toEqual({ assessed: null, suppressed: true });
  });
});
