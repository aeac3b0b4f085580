import { SyntheticWorld, syntheticArgs, type SyntheticOptions } from '@mitra/fixtures';
import { expectNoErrors, gql as send, type GqlOptions, type LooseBody } from '../harness/client';
import { runCli as cli } from '../harness/cli';
import { sql } from '../harness/db';
import { visibleCount } from '../harness/reach';
import { PARTNER, tokenFor } from '../harness/tokens';

/**
 * Batching at scale: the SQL statements a request causes, per subgraph, do
 * not depend on how many rows it returns. Proven on a synthetic data set
 * with one district of 10 teachers and one of 10,000, generated into the
 * test hub's databases by `npm run generate` (the real command) and replaced
 * by the demo data again afterwards, so the other test files see the demo
 * world as always (files run one at a time). The caller is a partner
 * (Universitas Mulia's staff), which sees the teachers within its reach
 * only (README "Who may see whom"): the totals it is shown are compared
 * with that reach computed from the databases, the districts' real sizes
 * with the schools database.
 */
const SCALE: SyntheticOptions = { seed: 1, teachers: 10_010, districts: 2, districtTeachers: [10, 10_000] };
const world = new SyntheticWorld(SCALE);
const [small, large] = world.districts;

let token: string;
/** How many teachers a district really has, and how many of them the caller sees. */
const DISTRICT_TEACHERS = 'select t.id from teacher t join school s on s.npsn = t.school_npsn where s.district_code = $1';
async function districtSize(code: string): Promise<number> {
  return (await sql<{ id: string }>('schools', DISTRICT_TEACHERS, [code])).length;
}
const visibleIn = (code: string): Promise<number> => visibleCount(PARTNER.org, DISTRICT_TEACHERS, [code]);
const gql = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => send(query, variables, { token, ...options });

beforeAll(async () => {
  token = await tokenFor(PARTNER);
  await cli('generate.js', ['--reset', ...syntheticArgs(SCALE)]);
}, 180_000);

afterAll(async () => {
  await cli('seed.js', ['--reset']);
}, 180_000);

/** The request, with the statement counts per subgraph that the gateway reports for it. */
async function counted(query: string, variables: Record<string, unknown>): Promise<{ data: LooseBody; sql: Record<string, number> }> {
  const { body } = await gql(query, variables, { headers: { 'x-mitra-debug': 'sql' } });
  expectNoErrors(body);
  return { data: body.data, sql: body.extensions.sqlStatements };
}

const TEACHER_PAGE = `query($district: ID!, $first: Int) {
  teachers(first: $first, filter: { districtCode: $district }) {
    totalCount
    edges { node {
      id fullName highestQualification meetsQualificationStandard
      school { name district { code name } partnership { active } }
      qualifications { level field }
      trainingHistory { status event { title venue { name } program { title tier } } }
      assessments { gain passed program { code tier } event { title } }
      highestCompletedTier
    } }
  }
}`;

const EVENT_PAGE = `query($first: Int, $venue: ID) {
  trainingEvents(first: $first, filter: { venueId: $venue }) {
    totalCount
    edges { node {
      title status attendanceRate
      venue { name district { name } }
      program { title tier }
      sessions { kind topic facilitators { fullName } }
      registrations { status participantName teacher { fullName school { name } } }
    } }
  }
}`;

/**
 * A list field whose parents are all empty is never asked for, so equal
 * counts only mean something when every kind of row occurs: say which
 * occur, so that a change of the data set cannot make the test vacuous.
 */
function teacherPageCoverage(data: LooseBody) {
  const nodes: LooseBody[] = data.teachers.edges.map((e: LooseBody) => e.node);
  return {
    qualifications: nodes.some((n) => n.qualifications.length > 0),
    trainingHistory: nodes.some((n) => n.trainingHistory.length > 0),
    assessmentsWithEvent: nodes.some((n) => n.assessments.some((a: LooseBody) => a.event)),
  };
}

function eventPageCoverage(data: LooseBody) {
  const nodes: LooseBody[] = data.trainingEvents.edges.map((e: LooseBody) => e.node);
  return {
    facilitators: nodes.some((n) => n.sessions.some((s: LooseBody) => s.facilitators.length > 0)),
    teacherRegistrations: nodes.some((n) => n.registrations.some((r: LooseBody) => r.teacher)),
  };
}

const everything = (coverage: Record<string, boolean>) => Object.fromEntries(Object.keys(coverage).map((k) => [k, true]));

describe('batching at scale (synthetic: districts of 10 and 10,000 teachers)', () => {
  it('has the districts it needs', async () => {
    const { data } = await counted(
      `query($a: ID!, $b: ID!) { a: teachers(first: 1, filter: { districtCode: $a }) { totalCount } b: teachers(first: 1, filter: { districtCode: $b }) { totalCount } }`,
      { a: small.code, b: large.code },
    );
    expect([await districtSize(small.code), await districtSize(large.code)]).toEqual([10, 10_000]);
    const visible = [await visibleIn(small.code), await visibleIn(large.code)];
    expect([data.a.totalCount, data.b.totalCount]).toEqual(visible);
    // Enough of each to page through: some of the small district, more than a page of the large one.
    expect(visible[0]).toBeGreaterThan(0);
    expect(visible[1]).toBeGreaterThan(100);
  });

  it('npm run generate refuses to add to data that is there, without --reset', async () => {
    await expect(cli('generate.js', syntheticArgs({ ...SCALE, seed: 2 }))).rejects.toThrow(
      /already hold data[\s\S]*nothing was changed[\s\S]*--reset/,
    );
    const { data } = await counted(`query($a: ID!) { teachers(first: 1, filter: { districtCode: $a }) { totalCount } }`, { a: large.code });
    expect(await districtSize(large.code)).toBe(10_000);
    expect(data.teachers.totalCount).toBe(await visibleIn(large.code));
  });

  it('the cross-partner teacher page costs the same SQL for first: 10 and first: 100', async () => {
    const ten = await counted(TEACHER_PAGE, { district: large.code, first: 10 });
    const hundred = await counted(TEACHER_PAGE, { district: large.code, first: 100 });
    expect(ten.data.teachers.edges).toHaveLength(10);
    expect(hundred.data.teachers.edges).toHaveLength(100);
    const coverage = teacherPageCoverage(ten.data);
    expect(coverage).toEqual(everything(coverage));
    expect(hundred.sql).toEqual(ten.sql);
    for (const n of Object.values(ten.sql)) expect(n).toBeGreaterThan(0);
  });

  it('the cross-partner teacher page costs the same SQL in a district of 10 teachers and in one of 10,000', async () => {
    const few = await counted(TEACHER_PAGE, { district: small.code, first: 100 });
    const many = await counted(TEACHER_PAGE, { district: large.code, first: 100 });
    expect([await districtSize(small.code), await districtSize(large.code)]).toEqual([10, 10_000]);
    expect(few.data.teachers.totalCount).toBe(await visibleIn(small.code));
    expect(many.data.teachers.totalCount).toBe(await visibleIn(large.code));
    expect(few.data.teachers.edges).toHaveLength(few.data.teachers.totalCount);
    expect(many.data.teachers.edges).toHaveLength(100);
    const coverage = teacherPageCoverage(few.data);
    expect(coverage).toEqual(everything(coverage));
    expect(few.sql).toEqual(many.sql);
  });

  it('events with sessions, facilitators and registrations cost the same SQL for first: 10 and first: 100', async () => {
    // attendanceRate comes from the SKB's protected set of training figures, built once per data
    // version (statistics/loaders.ts, kit StatisticsVersionCache) by the first request that asks for
    // it. A statement on the tables it counts moves the version (a statement trigger, even when it
    // changes no row), so the next request is that first one.
    await sql('skb', 'update registration set status = status where false');
    const first = await counted(EVENT_PAGE, { first: 10 });
    const ten = await counted(EVENT_PAGE, { first: 10 });
    const hundred = await counted(EVENT_PAGE, { first: 100 });
    expect(ten.data.trainingEvents.edges).toHaveLength(10);
    expect(hundred.data.trainingEvents.edges).toHaveLength(100);
    const coverage = eventPageCoverage(ten.data);
    expect(coverage).toEqual(everything(coverage));
    // Per request, whatever the page size. skb: the data version (statistics_version), the count,
    // the page, and one batch each of venues, sessions, session facilitators and registrations = 7;
    // program `title tier` and the venue's district `name` come from its catalogue mirror (no SQL;
    // a name not mirrored yet is read through the public API, a request of its own). schools: the registered teachers and their schools. university:
    // the facilitators (lecturers).
    expect(ten.sql).toEqual({ schools: 2, skb: 7, university: 1 });
    expect(hundred.sql).toEqual(ten.sql);
    // The first request of a data version also builds the protected set, once, in one read-only
    // REPEATABLE READ transaction: begin, its version, the events' attendance, the teachers'
    // attended years, commit.
    expect(first.sql).toEqual({ ...ten.sql, skb: ten.sql.skb + 5 });
  });

  it('events cost the same SQL at the venue of the small district and at the venue of the large one', async () => {
    // The request that meets a new data version also builds the protected set (previous test); the
    // seeding of this suite's world moved it. One request first, so both compared ones meet a built set.
    await counted(EVENT_PAGE, { first: 1 });
    const few = await counted(EVENT_PAGE, { first: 100, venue: world.venue(small.firstVenue).id });
    const many = await counted(EVENT_PAGE, { first: 100, venue: world.venue(large.firstVenue).id });
    expect(few.data.trainingEvents.totalCount).toBeLessThan(many.data.trainingEvents.totalCount);
    const coverage = eventPageCoverage(few.data);
    expect(coverage).toEqual(everything(coverage));
    expect(few.sql).toEqual(many.sql);
  });
});
