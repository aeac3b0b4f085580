import { buildDemoWorld, DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql as send, type GqlOptions } from '../harness/client';
import { sql } from '../harness/db';
import { PARTNER, tokenFor } from '../harness/tokens';

// Teachers, assessments and partnerships need a token: read here as a partner (the university's staff).
let token: string;
beforeAll(async () => {
  token = await tokenFor(PARTNER);
});
const gql = (query: string, variables?: Record<string, unknown>, options: GqlOptions = {}) => send(query, variables, { token, ...options });

// Joins across partners: each hop is another partner's subgraph, joined by the gateway.
describe('cross-partner joins', () => {
  it('teacher → trainingHistory → event → program → modules → lecturer, and assessments', async () => {
    const [reg] = await sql<{ teacher_id: string; n: string }>(
      'skb',
      'select teacher_id, count(*) as n from registration where teacher_id is not null group by teacher_id order by count(*) desc, teacher_id limit 1',
    );
    const { body } = await gql(
      `query($id: ID!) { teacher(id: $id) {
        fullName school { district { code } }
        trainingHistory { status event { title startsOn venue { name } program { code tier modules { title hours lecturer { fullName expertise } } } } }
        assessments { preTestScore postTestScore gain passed program { tier } event { id title } }
        highestCompletedTier
      } }`,
      { id: reg.teacher_id },
    );
    expectNoErrors(body);
    const t = body.data.teacher;
    expect(t.trainingHistory.length).toBe(Number(reg.n));
    for (const h of t.trainingHistory) {
      expect(h.event.program.modules.length).toBeGreaterThan(0);
      for (const m of h.event.program.modules) expect(m.lecturer === null || typeof m.lecturer.fullName === 'string').toBe(true);
    }
    const assessed = await sql<{ passed: boolean }>('university', 'select passed from assessment where teacher_id = $1', [reg.teacher_id]);
    expect(t.assessments.length).toBe(assessed.length);
    for (const a of t.assessments) {
      if (a.preTestScore != null && a.postTestScore != null) expect(a.gain).toBeCloseTo(a.postTestScore - a.preTestScore, 1);
      if (a.event) expect(typeof a.event.title).toBe('string');
    }
    const order = ['BASIC', 'INTERMEDIATE', 'ADVANCED'];
    const passedTiers = t.assessments.filter((a: any) => a.passed).map((a: any) => order.indexOf(a.program.tier));
    expect(t.highestCompletedTier).toBe(passedTiers.length ? order[Math.max(...passedTiers)] : null);
  });

  it('event → sessions → facilitators → facilitatedSessions', async () => {
    const { body } = await gql(
      `query($id: ID!) { trainingEvent(id: $id) { sessions { id facilitators { id fullName facilitatedSessions { id } } } } }`,
      { id: DEMO_IDS.events.balikpapan2022 },
    );
    expectNoErrors(body);
    const sessions = body.data.trainingEvent.sessions;
    for (const s of sessions) {
      expect(s.facilitators.length).toBeGreaterThan(0);
      for (const f of s.facilitators) expect(f.facilitatedSessions.map((x: { id: string }) => x.id)).toContain(s.id);
    }
  });

  it('school → partnership with the university', async () => {
    const { body } = await gql(
      '{ a: school(npsn: "64710001") { partnership { studyProgram signedOn validUntil active } } b: school(npsn: "64710002") { partnership { id } } c: school(npsn: "64720001") { partnership { active validUntil } } }',
    );
    expectNoErrors(body);
    expect(body.data.a.partnership).toEqual({
      studyProgram: 'Prodi PAUD Universitas Mulia',
      signedOn: '2022-08-01',
      validUntil: '2027-07-31',
      active: true,
    });
    expect(body.data.b.partnership).toBeNull();
    expect(body.data.c.partnership).toEqual({ active: false, validUntil: '2022-04-30' });
  });

  it('venue → district, and program → events', async () => {
    const { body } = await gql('query($p: ID!) { trainingProgram(id: $p) { events { id startsOn venue { district { code name } } } } }', {
      p: DEMO_IDS.programs.basic,
    });
    expectNoErrors(body);
    const events = body.data.trainingProgram.events;
    const oracle = await sql<{ id: string }>('skb', 'select id from training_event where program_id = $1 order by starts_on, id', [
      DEMO_IDS.programs.basic,
    ]);
    expect(events.map((e: { id: string }) => e.id)).toEqual(oracle.map((e) => e.id));
    expect(events.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([DEMO_IDS.events.basic2023, DEMO_IDS.events.basic2027]));
    const samarinda = events.find((e: { id: string }) => e.id === DEMO_IDS.events.basic2027);
    expect(samarinda.venue.district).toEqual({ code: '64.72', name: 'Kota Samarinda' });
  });
});

describe('Relay pagination of training events', () => {
  const PAGE = `query($first: Int, $after: String, $filter: TrainingEventFilter) {
    trainingEvents(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id startsOn status } } }
  }`;

  it('walks all events in start order without overlap', async () => {
    const [{ count }] = await sql<{ count: string }>('skb', 'select count(*) from training_event');
    const seen: Array<{ id: string; startsOn: string }> = [];
    let after: string | null = null;
    for (;;) {
      const { body }: { body: any } = await gql(PAGE, { first: 2, after });
      expectNoErrors(body);
      expect(body.data.trainingEvents.totalCount).toBe(Number(count));
      seen.push(...body.data.trainingEvents.edges.map((e: any) => e.node));
      if (!body.data.trainingEvents.pageInfo.hasNextPage) break;
      after = body.data.trainingEvents.pageInfo.endCursor;
    }
    expect(seen.length).toBe(Number(count));
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const dates = seen.map((e) => e.startsOn);
    expect([...dates].sort()).toEqual(dates);
  });

  it('filters by status, program and dates', async () => {
    const open = await gql(PAGE, { first: 10, filter: { status: 'OPEN' } });
    expectNoErrors(open.body);
    // In the order of the list: by start date.
    const demoEvents = [...buildDemoWorld().events].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    expect(open.body.data.trainingEvents.edges.map((e: any) => e.node.id)).toEqual(
      demoEvents.filter((e) => e.status === 'OPEN').map((e) => e.id),
    );
    const range = await gql(PAGE, { first: 50, filter: { startsAfter: '2023-01-01', startsBefore: '2025-01-01' } });
    expectNoErrors(range.body);
    expect(range.body.data.trainingEvents.edges.map((e: any) => e.node.id)).toEqual(
      demoEvents.filter((e) => e.startsOn >= '2023-01-01' && e.startsOn < '2025-01-01').map((e) => e.id),
    );
    const [inRange] = await sql<{ n: number }>(
      'skb',
      "select count(*)::int as n from training_event where starts_on >= '2023-01-01' and starts_on < '2025-01-01'",
    );
    expect(range.body.data.trainingEvents.edges.length).toBe(inRange.n);
    expect(inRange.n).toBeGreaterThan(1);
    const byProgram = await gql(PAGE, { first: 10, filter: { programId: DEMO_IDS.programs.technical } });
    expect(byProgram.body.data.trainingEvents.totalCount).toBe(1);
  });

  it('rejects bad page sizes, foreign cursors and impossible dates', async () => {
    const big = await gql(PAGE, { first: 101 });
    expect(big.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const teachers = await gql('{ teachers(first: 1) { pageInfo { endCursor } } }');
    const foreign = await gql(PAGE, { first: 1, after: teachers.body.data.teachers.pageInfo.endCursor });
    expect(foreign.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const date = await gql(PAGE, { first: 1, filter: { startsAfter: '2023-02-30' } });
    expect(date.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
