import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql as anonymousGql } from '../harness/client';
import { CALLERS, tokenFor } from '../harness/tokens';
import {
  BREAKDOWN,
  LEVELS,
  MIN,
  checkBreakdown,
  expectNoSingleHiddenRow,
  expectShownOrSuppressed,
  figures,
  oracleTeachers,
  type OracleTeacher,
} from '../harness/statistics-oracle';
import { sql } from '../harness/db';

// Statistics are what government offices come for: every query here runs as an analyst.
let analystToken: string;
beforeAll(async () => {
  analystToken = await tokenFor(CALLERS['government analyst']);
});
const gql = (query: string, variables?: Record<string, unknown>, options: { headers?: Record<string, string> } = {}) =>
  anonymousGql(query, variables, { ...options, token: analystToken });

describe('qualification statistics against the oracle', () => {
  let teachers: OracleTeacher[];
  beforeAll(async () => {
    teachers = await oracleTeachers();
  });

  it('gives every district its counts, or withholds them when the group is small', async () => {
    const { body } = await gql(`{ districts { code teacherCount qualifications { ${BREAKDOWN} } } }`);
    expectNoErrors(body);
    for (const d of body.data.districts) {
      const truth = figures(teachers.filter((t) => t.district_code === d.code));
      expectShownOrSuppressed(d.teacherCount, truth.teacherCount, `${d.code}.teacherCount`);
      checkBreakdown(d.qualifications, truth, d.code);
    }
    const balikpapan = body.data.districts.find((d: any) => d.code === DEMO_IDS.balikpapan);
    expect(balikpapan.teacherCount).toBeGreaterThanOrEqual(MIN);
    // Issue 14: Balikpapan's headline stays; its meeting-the-standard count may be a complement of the
    // protected table set (the auditor, e2e/disclosure-audit.e2e.ts, says whether what is shown protects).
    expect(balikpapan.qualifications.teacherCount).toBe(balikpapan.teacherCount);
    expect(body.data.districts.some((d: any) => d.teacherCount === null)).toBe(true);
  });

  const groupings = ['DISTRICT', 'SCHOOL_KIND', 'EMPLOYMENT_STATUS'];
  const filters: Array<[string, Record<string, string> | null, (t: OracleTeacher) => boolean]> = [
    ['no filter', null, () => true],
    ['province 64', { provinceCode: '64' }, (t) => t.province_code === '64'],
    ['district 64.71', { districtCode: '64.71' }, (t) => t.district_code === '64.71'],
  ];
  const groupOf: Record<string, (t: OracleTeacher) => string> = {
    DISTRICT: (t) => t.district_code,
    SCHOOL_KIND: (t) => t.kind,
    EMPLOYMENT_STATUS: (t) => t.employment_status,
  };

  for (const groupBy of groupings) {
    for (const [name, filter, keep] of filters) {
      it(`${groupBy} with ${name}: rows and total equal the oracle where shown, nothing recoverable`, async () => {
        const { body } = await gql(
          `query($g: StatisticsGrouping!, $f: StatisticsFilter) { qualificationStatistics(groupBy: $g, filter: $f) {
            groupBy minimumCellSize total { ${BREAKDOWN} } rows { group label qualifications { ${BREAKDOWN} } } } }`,
          { g: groupBy, f: filter },
        );
        expectNoErrors(body);
        const stats = body.data.qualificationStatistics;
        expect(stats.groupBy).toBe(groupBy);
        expect(stats.minimumCellSize).toBe(MIN);
        const scoped = teachers.filter(keep);
        checkBreakdown(stats.total, figures(scoped), 'total');
        for (const r of stats.rows) {
          checkBreakdown(r.qualifications, figures(scoped.filter((t) => groupOf[groupBy](t) === r.group)), r.group);
          expect(r.label.length).toBeGreaterThan(0);
        }
        expectNoSingleHiddenRow(stats.rows, stats.total, (b) => b.teacherCount, 'teacherCount');
        expectNoSingleHiddenRow(stats.rows, stats.total, (b) => b.meetingStandard, 'meetingStandard');
        for (const level of LEVELS) {
          expectNoSingleHiddenRow(stats.rows, stats.total, (b) => b.byLevel.find((l: any) => l.level === level).count, level);
        }
        // Statistics carry no person: no teacher id appears anywhere in the answer.
        const text = JSON.stringify(body);
        expect(scoped.slice(0, 50).some((t) => text.includes(t.id))).toBe(false);
      });
    }
  }

  // Codes no test file adds (exports.e2e.ts adds districts in province 99 while it runs).
  it('refuses an unknown province or district as BAD_USER_INPUT naming the field, not as a total of 0', async () => {
    const district = await gql(
      '{ qualificationStatistics(groupBy: SCHOOL_KIND, filter: { districtCode: "97.97" }) { rows { group } total { teacherCount } } }',
    );
    expect(district.body.data).toEqual({ qualificationStatistics: null });
    expect(district.body.errors).toEqual([
      expect.objectContaining({
        message: 'filter.districtCode: 97.97 is not a district of this hub',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.districtCode' }),
      }),
    ]);
    for (const groupBy of ['DISTRICT', 'EMPLOYMENT_STATUS']) {
      const province = await gql(
        `{ qualificationStatistics(groupBy: ${groupBy}, filter: { provinceCode: "97" }) { total { teacherCount } } }`,
      );
      expect(province.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.provinceCode' });
      expect(province.body.errors[0].message).toBe('filter.provinceCode: 97 is not a province of this hub');
    }
    // Two known codes that do not overlap are a real, empty scope.
    const disjoint = await gql(
      '{ qualificationStatistics(groupBy: SCHOOL_KIND, filter: { provinceCode: "36", districtCode: "64.71" }) { rows { group } total { teacherCount } } }',
    );
    expectNoErrors(disjoint.body);
    expect(disjoint.body.data.qualificationStatistics).toEqual({ rows: [], total: { teacherCount: 0 } });
    const bad = await gql('{ qualificationStatistics(groupBy: DISTRICT, filter: { provinceCode: "sixty-four" }) { rows { group } } }');
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.provinceCode' });
  });

  it('keeps district(code:) for an unknown code as documented: null, no error', async () => {
    const { body } = await gql('{ district(code: "97.97") { code name } }');
    expect(body).toEqual({ data: { district: null } });
  });

  it('never lets a client read the teacher keys that travel between partners', async () => {
    const { body } = await gql('{ district(code: "64.71") { teacherKeys } }');
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('training coverage across partners against the oracle', () => {
  it('counts trained teachers (skb), highest tiers and mean gain (university) for the same teachers', async () => {
    const ids = (
      await sql<{ id: string }>(
        'schools',
        "select t.id from teacher t join school s on s.npsn = t.school_npsn where s.district_code = '64.71'",
      )
    ).map((r) => r.id);
    const [{ trained }] = await sql<{ trained: number }>(
      'skb',
      "select count(distinct teacher_id)::int as trained from registration where status = 'ATTENDED' and teacher_id = any($1::uuid[])",
      [ids],
    );
    const tiers = await sql<{ tier: string; n: number }>(
      'university',
      `select tier, count(*)::int as n from (
         select a.teacher_id, (array_agg(p.tier order by array_position(array['BASIC','INTERMEDIATE','ADVANCED'], p.tier) desc))[1] as tier
           from assessment a join training_program p on p.id = a.program_id
          where a.passed and p.tiered and a.teacher_id = any($1::uuid[]) group by a.teacher_id) x group by tier`,
      [ids],
    );
    const [gain] = await sql<{ mean: number; teachers: number }>(
      'university',
      `select avg(post_test_score - pre_test_score)::float8 as mean, count(distinct teacher_id)::int as teachers from assessment
        where teacher_id = any($1::uuid[]) and pre_test_score is not null and post_test_score is not null`,
      [ids],
    );
    const { body } = await gql(
      '{ district(code: "64.71") { teacherCount training { teachersTrained byHighestTier { tier count } meanGain suppressed } } }',
      {},
      {
        headers: { 'x-mitra-debug': 'sql' },
      },
    );
    expectNoErrors(body);
    const training = body.data.district.training;
    expectShownOrSuppressed(training.teachersTrained, trained, 'teachersTrained');
    expect(training.teachersTrained).not.toBeNull();
    for (const { tier, count } of training.byHighestTier) expectShownOrSuppressed(count, tiers.find((t) => t.tier === tier)?.n ?? 0, tier);
    expect(gain.teachers).toBeGreaterThanOrEqual(MIN);
    // Shown as it is, or withheld as the complement of small groups elsewhere (issue 14, the district's means).
    if (training.meanGain !== null) expect(training.meanGain).toBeCloseTo(gain.mean, 2);
    const anyHidden =
      training.meanGain === null || training.teachersTrained === null || training.byHighestTier.some((t: any) => t.count === null);
    expect(training.suppressed).toBe(anyHidden);
    // A fixed number of statements per partner, whatever the number of teachers (issue 14: the version check, and on a
    // new data version the protected set's reads in one transaction: begin, snapshot, two reads, commit).
    expect(body.extensions.sqlStatements.skb).toBeLessThanOrEqual(7);
  });

  it('withholds coverage for a small district', async () => {
    const { body } = await gql('{ district(code: "64.09") { teacherCount training { teachersTrained meanGain suppressed } } }');
    expectNoErrors(body);
    expect(body.data.district.teacherCount).toBeNull();
    expect(body.data.district.training.meanGain).toBeNull();
  });
});

describe('training outcomes: whether a training worked', () => {
  it('reports the November 2022 training and its program against the oracle', async () => {
    const [truth] = await sql<{ n: number; pre: number; post: number; gain: number; passed: number }>(
      'university',
      `select count(*)::int as n, avg(pre_test_score)::float8 as pre, avg(post_test_score)::float8 as post,
              avg(post_test_score - pre_test_score)::float8 as gain, count(*) filter (where passed)::int as passed
         from assessment where event_id = $1`,
      [DEMO_IDS.events.balikpapan2022],
    );
    const { body } = await gql(
      `query($e: ID!) { trainingEvent(id: $e) { attendanceRate outcomes { assessed meanPreTest meanPostTest meanGain passRate suppressed }
                         program { outcomes { assessed meanGain } } } }`,
      { e: DEMO_IDS.events.balikpapan2022 },
    );
    expectNoErrors(body);
    const o = body.data.trainingEvent.outcomes;
    expect(o.assessed).toBe(truth.n);
    expect(o.meanPreTest).toBeCloseTo(truth.pre, 2);
    expect(o.meanPostTest).toBeCloseTo(truth.post, 2);
    expect(o.meanGain).toBeCloseTo(truth.gain, 2);
    const failed = truth.n - truth.passed;
    if (truth.passed >= MIN && failed >= MIN) expect(o.passRate).toBeCloseTo(truth.passed / truth.n, 4);
    else expect(o.passRate).toBeNull();
    expect(body.data.trainingEvent.program.outcomes.assessed).toBe(truth.n); // the only event of its program
  });

  it('reports a district per tier, with tiers that add up protected against subtraction', async () => {
    const { body } = await gql(
      '{ district(code: "64.71") { trainingOutcomes { tier outcomes { assessed meanGain passRate suppressed } } } }',
    );
    expectNoErrors(body);
    const rows = body.data.district.trainingOutcomes;
    expect(rows.map((r: any) => r.tier)).toEqual(['BASIC', 'INTERMEDIATE', 'ADVANCED', null]);
    const all = rows[3].outcomes;
    const tiers = rows.slice(0, 3).map((r: any) => r.outcomes.assessed);
    if (all.assessed !== null) expect(tiers.filter((v: number | null) => v === null).length).not.toBe(1);
    for (const r of rows) {
      if (r.outcomes.assessed !== null) expect(r.outcomes.assessed === 0 || r.outcomes.assessed >= MIN).toBe(true);
      if (r.outcomes.assessed === null) expect(r.outcomes.meanGain).toBeNull();
    }
  });
});

describe('who may read statistics', () => {
  it.each([
    ['qualificationStatistics', '{ qualificationStatistics(groupBy: DISTRICT) { minimumCellSize } }'],
    ['District.qualifications', '{ district(code: "64.71") { qualifications { teacherCount } } }'],
    ['District.training', '{ district(code: "64.71") { training { teachersTrained } } }'],
    ['TrainingProgram.outcomes', '{ trainingPrograms { outcomes { assessed } } }'],
  ])('%s needs a token', async (_name, query) => {
    const { body } = await anonymousGql(query);
    expect(body.errors.map((e: any) => e.extensions.code)).toContain('UNAUTHENTICATED');
  });

  it('an analyst reads statistics but never the persons behind them', async () => {
    const stats = await gql('{ district(code: "64.71") { teacherCount training { teachersTrained } } }');
    expectNoErrors(stats.body);
    const persons = await gql('{ teachers(first: 1) { edges { node { fullName } } } }');
    expect(persons.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a partner reads the same statistics as an analyst', async () => {
    const q =
      '{ qualificationStatistics(groupBy: SCHOOL_KIND) { total { teacherCount meetingStandard } rows { group qualifications { teacherCount } } } }';
    const asAnalyst = await gql(q);
    const asSchool = await anonymousGql(q, {}, { token: await tokenFor(CALLERS['school staff']) });
    expectNoErrors(asSchool.body);
    expect(asSchool.body.data).toEqual(asAnalyst.body.data);
  });
});
