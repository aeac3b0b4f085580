import 'reflect-metadata';
import { createTestDatabase, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { createStatisticsLoaders, markStatisticsStale, refreshingStatistics } from '../src/statistics/loaders';
import { definition, entities, migrations } from '../src/subgraph';

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
      expect(shown.sort()).toEqual(min === 10 ? ['64.71'] : Object.keys(truth).sort());
    },
  );
});

describe('the national aggregate cache', () => {
  beforeEach(() => markStatisticsStale());
  const scan = (statisticsCacheMs: number) =>
    db.counting(() => createStatisticsLoaders(db.em(), { minCellSize: 10, statisticsCacheMs }).data());

  it('is one scan across requests within the cache time', async () => {
    expect((await scan(60_000)).statements).toBe(2);
    expect((await scan(60_000)).statements).toBe(0);
  });

  it('is scanned again after a write of this subgraph, and on every request when the cache is off', async () => {
    await scan(60_000);
    await refreshingStatistics(Promise.resolve('written'));
    expect((await scan(60_000)).statements).toBe(2);
    expect((await scan(0)).statements).toBe(2);
    expect((await scan(0)).statements).toBe(2);
  });

  it('is dropped even when the write fails', async () => {
    await scan(60_000);
    await expect(refreshingStatistics(Promise.reject(new Error('conflict')))).rejects.toThrow('conflict');
    expect((await scan(60_000)).statements).toBe(2);
  });
});
