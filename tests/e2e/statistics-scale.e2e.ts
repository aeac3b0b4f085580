import { syntheticArgs, type SyntheticOptions } from '@mitra/fixtures';
import { expectNoErrors, gql as send } from '../harness/client';
import { runCli as cli } from '../harness/cli';
import {
  BREAKDOWN,
  LEVELS,
  checkBreakdown,
  expectNoSingleHiddenRow,
  expectShownOrSuppressed,
  figures,
  oracleTeachers,
} from '../harness/statistics-oracle';
import { sql } from '../harness/db';
import { CALLERS, tokenFor } from '../harness/tokens';

/**
 * The statistics against the SQL oracle on generated data with thousands of
 * teachers, districts of every size (some below the minimum cell size), in
 * the test hub's own databases; the demo data is restored afterwards.
 */
const SCALE: SyntheticOptions = { seed: 7, teachers: 4_000, districts: 8, districtTeachers: [3, 8, 12, 25, 150, 600, 1_200, 2_002] };

let token: string;
const gql = (query: string, variables?: Record<string, unknown>) => send(query, variables, { token });

beforeAll(async () => {
  token = await tokenFor(CALLERS['government analyst']);
  await cli('generate.js', ['--reset', ...syntheticArgs(SCALE)]);
}, 180_000);

afterAll(async () => {
  await cli('seed.js', ['--reset']);
}, 180_000);

describe('statistics on generated data', () => {
  it('every district and every grouping equals the oracle where shown, nothing small or recoverable shown', async () => {
    const teachers = await oracleTeachers();
    expect(teachers.length).toBe(SCALE.teachers);
    const districts = await gql(`{ districts { code teacherCount qualifications { ${BREAKDOWN} } } }`);
    expectNoErrors(districts.body);
    for (const d of districts.body.data.districts) {
      const truth = figures(teachers.filter((t) => t.district_code === d.code));
      expectShownOrSuppressed(d.teacherCount, truth.teacherCount, `${d.code}.teacherCount`);
      checkBreakdown(d.qualifications, truth, d.code);
    }
    for (const groupBy of ['DISTRICT', 'SCHOOL_KIND', 'EMPLOYMENT_STATUS']) {
      const { body } = await gql(
        `query($g: StatisticsGrouping!) { qualificationStatistics(groupBy: $g) { total { ${BREAKDOWN} } rows { group qualifications { ${BREAKDOWN} } } } }`,
        { g: groupBy },
      );
      expectNoErrors(body);
      const stats = body.data.qualificationStatistics;
      checkBreakdown(stats.total, figures(teachers), `${groupBy}.total`);
      const key = (t: (typeof teachers)[number]) =>
        groupBy === 'DISTRICT' ? t.district_code : groupBy === 'SCHOOL_KIND' ? t.kind : t.employment_status;
      for (const r of stats.rows)
        checkBreakdown(r.qualifications, figures(teachers.filter((t) => key(t) === r.group)), `${groupBy}.${r.group}`);
      expectNoSingleHiddenRow(stats.rows, stats.total, (b) => b.teacherCount, `${groupBy}.teacherCount`);
      for (const level of LEVELS)
        expectNoSingleHiddenRow(stats.rows, stats.total, (b) => b.byLevel.find((l: any) => l.level === level).count, `${groupBy}.${level}`);
    }
  }, 60_000);

  it('training coverage of the largest district equals the oracle across the SKB and the university', async () => {
    const teachers = await oracleTeachers();
    const largest = [...new Set(teachers.map((t) => t.district_code))]
      .map((code) => ({ code, ids: teachers.filter((t) => t.district_code === code).map((t) => t.id) }))
      .sort((a, b) => b.ids.length - a.ids.length)[0];
    const [{ trained }] = await sql<{ trained: number }>(
      'skb',
      "select count(distinct teacher_id)::int as trained from registration where status = 'ATTENDED' and teacher_id = any($1::uuid[])",
      [largest.ids],
    );
    const [gain] = await sql<{ mean: number | null }>(
      'university',
      'select avg(post_test_score - pre_test_score)::float8 as mean from assessment where teacher_id = any($1::uuid[]) and pre_test_score is not null and post_test_score is not null',
      [largest.ids],
    );
    const { body } = await gql('query($c: ID!) { district(code: $c) { training { teachersTrained meanGain suppressed } } }', {
      c: largest.code,
    });
    expectNoErrors(body);
    expectShownOrSuppressed(body.data.district.training.teachersTrained, trained, 'teachersTrained');
    if (gain.mean !== null && body.data.district.training.meanGain !== null)
      expect(body.data.district.training.meanGain).toBeCloseTo(gain.mean, 2);
  }, 60_000);
});
