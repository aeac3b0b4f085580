import 'reflect-metadata';
import { buildDemoWorld } from '@mitra/fixtures';
import { isSmallCell } from '@mitra/kit';
import { createTestDatabase, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { TIER_ORDER } from '../src/graphql/enums';
import { seedDemo } from '../src/seeds/demo';
import { DistrictOutcomes } from '../src/statistics/district-set';
import { NationalOutcomes } from '../src/statistics/national-set';
import { loadOutcomeRows } from '../src/statistics/outcome-rows';
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
  it.each([10, 30])('with MIN_CELL_SIZE %i, show a program figure only as it is, and no small count or rate over one', async (min) => {
    const truth = await db.sql<{ id: string; assessed: number; passed: number }>(
      `select p.id, count(a.id)::int as assessed, count(a.id) filter (where a.passed)::int as passed
         from training_program p left join assessment a on a.program_id = p.id group by p.id`,
    );
    const data = await run('{ trainingPrograms { id outcomes { assessed passRate suppressed } } }', min);
    const shown = new Map(data.trainingPrograms.map((p: any) => [p.id, p.outcomes]));
    for (const { id, assessed, passed } of truth) {
      const outcomes: any = shown.get(id);
      if (outcomes.assessed !== null) expect({ id, assessed: outcomes.assessed }).toEqual({ id, assessed });
      if (isSmallCell(assessed, min)) expect({ id, assessed: outcomes.assessed }).toEqual({ id, assessed: null });
      if (outcomes.passRate !== null) expect(outcomes.passRate).toBeCloseTo(passed / assessed, 4);
      if (isSmallCell(passed, min) || isSmallCell(assessed - passed, min))
        expect({ id, rate: outcomes.passRate }).toEqual({ id, rate: null });
      if (outcomes.assessed === null && assessed > 0) expect(outcomes.suppressed).toBe(true);
    }
    // The demo has programs of 10 to 29 assessments (small at 30 only) and none of 1 to 9.
    expect(truth.filter(({ assessed }) => isSmallCell(assessed, min)).length).toBe(min === 30 ? 2 : 0);
  });

  it("protects the districts' outcomes together: hidden districts hold MIN between them in every tier with a small one", async () => {
    const rows = await loadOutcomeRows(db.em());
    const partition = new Map<string, string[]>();
    for (const s of world.schools) partition.set(s.districtCode, [...(partition.get(s.districtCode) ?? [])]);
    for (const t of world.teachers) partition.get(world.schools.find((s) => s.npsn === t.npsn)!.districtCode)!.push(t.id);
    const national = new NationalOutcomes(rows, 10);
    const set = new DistrictOutcomes(national, partition, 10);
    const tierOf = new Map(rows.programs.map((p) => [p.id, p.tier]));
    for (const tier of [...TIER_ORDER, null]) {
      const sizes = [...partition].map(([code, keys]) => {
        const mine = new Set(keys);
        const n = rows.assessments.filter((a) => mine.has(a.teacherId) && (tier === null || tierOf.get(a.programId) === tier)).length;
        const shown = set.outcomes(code).find((o) => o.tier === tier)!.outcomes.assessed;
        if (shown !== null) expect({ code, tier, shown }).toEqual({ code, tier, shown: n });
        return { n, hidden: shown === null };
      });
      const hidden = sizes.filter((x) => x.hidden);
      const total = hidden.reduce((a, x) => a + x.n, 0);
      // Every small hidden count has the other hidden ones hold MIN (the teachers of no district count too: none in the demo).
      for (const x of hidden) if (isSmallCell(x.n, 10)) expect({ tier, others: total - x.n >= 10 }).toEqual({ tier, others: true });
    }
    // One cell, one answer: the all-years mean gain of a district is its all-tiers row's.
    for (const code of partition.keys())
      expect(set.coverage(code, null).meanGain).toBe(set.outcomes(code).find((o) => o.tier === null)!.outcomes.meanGain);
  });
});
