import 'reflect-metadata';
import { createTestDatabase, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { createStatisticsLoaders, markStatisticsStale } from '../src/statistics/loaders';
import { definition, entities, migrations } from '../src/subgraph';

// Protecting the demo's table set takes a moment on a loaded machine.
jest.setTimeout(60_000);

const ANALYST = { sub: 'analyst', org: 'government:kaltim', roles: ['analyst'] };
let db: TestDatabase;
/** Teachers per district, as the database holds them. */
let truth: Record<string, number>;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'schools', entities, migrations, seed: seedDemo });
  const rows = await db.sql<{ code: string; n: number }>(
    'select s.district_code as code, count(*)::int as n from teacher t join school s on s.npsn = t.school_npsn group by 1',
  );
  truth = Object.fromEntries(rows.map((r) => [r.code, r.n]));
});
afterAll(() => db?.close());

const BY_DISTRICT = `{ qualificationStatistics(groupBy: DISTRICT) {
  minimumCellSize total { teacherCount } rows { group qualifications { teacherCount suppressed } } } }`;

async function districtCounts(
  minCellSize: number,
): Promise<{ minimumCellSize: number; total: number | null; rows: Record<string, number | null> }> {
  const result = await runOperation(definition, db, BY_DISTRICT, { claims: ANALYST, config: { minCellSize } });
  expect(result.errors).toBeUndefined();
  const stats = result.data?.qualificationStatistics as any;
  return {
    minimumCellSize: stats.minimumCellSize,
    total: stats.total.teacherCount,
    rows: Object.fromEntries(stats.rows.map((r: any) => [r.group, r.qualifications.teacherCount])),
  };
}

describe('schools statistics on the demo data', () => {
  it.each([10, 1])(
    'with MIN_CELL_SIZE %i, never show a district of 1 to min - 1 teachers, and show the true count where shown',
    async (min) => {
      const { minimumCellSize, total, rows } = await districtCounts(min);
      expect(minimumCellSize).toBe(min);
      expect(total).toBe(Object.values(truth).reduce((a, b) => a + b, 0));
      for (const [code, n] of Object.entries(truth)) {
        if (n < min) expect({ code, shown: rows[code] }).toEqual({ code, shown: null });
        else if (rows[code] !== null) expect({ code, shown: rows[code] }).toEqual({ code, shown: n });
      }
      // The loaders take MIN_CELL_SIZE from the request's config: at 1 nothing is small, and every district shows.
      const shown = Object.keys(truth).filter((code) => rows[code] !== null);
      if (min === 1) expect(shown.sort()).toEqual(Object.keys(truth).sort());
      else {
        // At 10, districts of 10 or more teachers keep their headline figure, but for one complement in a province
        // with a small district: the province's total stays shown, so a second district of it must be withheld.
        const large = Object.keys(truth).filter((code) => truth[code] >= min);
        const withheld = large.filter((code) => rows[code] === null);
        const provincesWithSmall = new Set(
          Object.keys(truth)
            .filter((c) => truth[c] < min)
            .map((c) => c.slice(0, 2)),
        );
        for (const code of withheld) expect(provincesWithSmall.has(code.slice(0, 2))).toBe(true);
        expect(withheld.length).toBeLessThanOrEqual(provincesWithSmall.size);
      }
    },
  );
});

describe('the protected table set, one per data version', () => {
  beforeEach(() => markStatisticsStale());
  const load = () => db.counting(() => createStatisticsLoaders(db.em(), { minCellSize: 10 }).data());

  it('is computed once per version: later requests read only the version', async () => {
    const first = await load();
    expect(first.statements).toBeGreaterThan(2);
    const second = await load();
    expect(second.statements).toBe(1);
    expect(second.result.version).toBe(first.result.version);
  });

  it('is computed again after any write to the tables it counts, through the API or not', async () => {
    const before = await load();
    await db.sql('update teacher set employment_status = employment_status where id = (select min(id::text)::uuid from teacher)');
    const after = await load();
    expect(after.statements).toBeGreaterThan(2);
    expect(after.result.version).not.toBe(before.result.version);
    // A rolled-back write leaves the version as it was.
    await db.sql('begin; update qualification set level = level; rollback;');
    expect((await load()).result.version).toBe(after.result.version);
  });
});
