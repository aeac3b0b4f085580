import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { MIN, expectShownOrSuppressed } from '../harness/statistics-oracle';
import { CALLERS, tokenFor } from '../harness/tokens';
import { UNKNOWN_ID, dayFromToday, expectNothingWritten } from '../harness/writes';

/**
 * Issue 13, follow-up after training. A program's provider records mentoring
 * visits and classroom observations of teachers who attended its events;
 * other organisations and bad input are refused with nothing written. The
 * outcome figures (followedUp, meanFollowUpScore) per program, event and
 * district and tier are checked against SQL over the partners' own tables:
 * the demo's follow-ups after the November 2022 Balikpapan training.
 *
 * The file writes follow-ups for demo teachers and deletes them afterwards.
 */

const P = DEMO_IDS.programs;
const EVENT = DEMO_IDS.events.balikpapan2022;
const TABLES = ['follow_up', 'audit_log'];
const RECORD = `mutation($input: FollowUpInput!) { recordFollowUp(input: $input) {
  id kind visitedOn area observationScore teacher { id } program { id code } event { id } mentor { id fullName } } }`;
/** The same, valid at the university alone (no other partner's types). */
const RECORD_DIRECT = 'mutation($input: FollowUpInput!) { recordFollowUp(input: $input) { id kind } }';
const OUTCOMES = 'followedUp meanFollowUpScore suppressed';

let university: string;
let provider: string;
let analyst: string;
/** A demo teacher who attended the November 2022 training, and one registered for it who did not come. */
let attended: string;
let noShow: string;
const created: string[] = [];

const input = (overrides: Record<string, unknown> = {}) => ({
  teacherId: attended,
  programId: P.technical,
  eventId: EVENT,
  kind: 'CLASSROOM_OBSERVATION',
  visitedOn: '2023-02-20',
  mentorId: DEMO_IDS.lecturers.practice,
  area: 'PLAY_BASED_LEARNING',
  observationScore: 81.25,
  ...overrides,
});

function record(values: Record<string, unknown>, token = university, direct = false): Promise<{ body: LooseBody }> {
  return gql(direct ? RECORD_DIRECT : RECORD, { input: values }, { token, ...(direct ? { url: hubUrls().subgraphs.university } : {}) });
}

beforeAll(async () => {
  university = await tokenFor({ ...CALLERS['university admin'], sub: 'follow-up-test:university-admin' });
  provider = await tokenFor({ org: DEMO_IDS.lpdBanten, roles: ['admin'], sub: 'follow-up-test:lpd-admin' });
  analyst = await tokenFor(CALLERS['government analyst']);
  const registrations = await sql<{ teacher_id: string; status: string }>(
    'skb',
    'select teacher_id, status from registration where event_id = $1 and teacher_id is not null order by teacher_id',
    [EVENT],
  );
  attended = registrations.find((r) => r.status === 'ATTENDED')!.teacher_id;
  noShow = registrations.find((r) => r.status === 'NO_SHOW')!.teacher_id;
});

afterAll(async () => {
  if (created.length) await sql('university', 'delete from follow_up where id = any($1::uuid[])', [created]);
});

describe('recordFollowUp', () => {
  it("records a classroom observation for the program's provider, read back with Teacher.followUps", async () => {
    const { body } = await record(input());
    expectNoErrors(body);
    const followUp = body.data.recordFollowUp;
    created.push(followUp.id);
    expect(followUp).toEqual({
      id: expect.any(String),
      kind: 'CLASSROOM_OBSERVATION',
      visitedOn: '2023-02-20',
      area: 'PLAY_BASED_LEARNING',
      observationScore: 81.25,
      teacher: { id: attended },
      program: { id: P.technical, code: 'PT-PAUD-2022' },
      event: { id: EVENT },
      mentor: { id: DEMO_IDS.lecturers.practice, fullName: 'Nur Aisyah Rahmadani' },
    });
    const read = await gql(
      'query($id: ID!) { teacher(id: $id) { followUps { id kind visitedOn observationScore } } }',
      { id: attended },
      { token: university },
    );
    expectNoErrors(read.body);
    expect(read.body.data.teacher.followUps).toContainEqual({
      id: followUp.id,
      kind: 'CLASSROOM_OBSERVATION',
      visitedOn: '2023-02-20',
      observationScore: 81.25,
    });
    const [row] = await sql(
      'university',
      'select event_ends_on::text as ends, observation_score::float8 as score from follow_up where id = $1',
      [followUp.id],
    );
    expect(row).toEqual({ ends: '2022-11-15', score: 81.25 });
    const audit = await sql('university', 'select action, actor_org from audit_log where entity_id = $1', [followUp.id]);
    expect(audit).toEqual([{ action: 'recordFollowUp', actor_org: DEMO_IDS.university }]);
  });

  it('records a mentoring visit without event, mentor, area or score', async () => {
    const { body } = await record(
      input({ eventId: null, mentorId: null, area: null, observationScore: null, kind: 'ONLINE_MENTORING', visitedOn: dayFromToday(0) }),
    );
    expectNoErrors(body);
    created.push(body.data.recordFollowUp.id);
    expect(body.data.recordFollowUp).toMatchObject({
      kind: 'ONLINE_MENTORING',
      event: null,
      mentor: null,
      area: null,
      observationScore: null,
    });
  });

  it('refuses another provider as FORBIDDEN naming the owner, through the gateway and at the university itself', async () => {
    const body = await expectNothingWritten('university', TABLES, () => record(input(), provider), 'FORBIDDEN');
    expect(body.errors[0].message).toMatch(/university:mulia/);
    const direct = await expectNothingWritten('university', TABLES, () => record(input(), provider, true), 'FORBIDDEN');
    expect(direct.errors[0].message).toMatch(/university:mulia/);
    // Staff of the owner: no admin, no write.
    const staff = await tokenFor(CALLERS['university staff']);
    await expectNothingWritten('university', TABLES, () => record(input(), staff), 'FORBIDDEN');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a day that does not exist', { visitedOn: '2023-02-30' }, 'input.visitedOn'],
    ['a day before 2000', { eventId: null, visitedOn: '1999-12-31' }, 'input.visitedOn'],
    ['a day to come', { visitedOn: dayFromToday(1) }, 'input.visitedOn'],
    ['a day before the event ended', { visitedOn: '2022-11-15' }, 'input.visitedOn'],
    ['a score above 100', { observationScore: 100.5 }, 'input.observationScore'],
    ['a negative score', { observationScore: -1 }, 'input.observationScore'],
    ['a score in thousandths', { observationScore: 70.125 }, 'input.observationScore'],
    ['a mentor of another organisation', { mentorId: DEMO_IDS.lecturers.lpdLead }, 'input.mentorId'],
    ['a malformed teacher id', { teacherId: 'teacher-1' }, 'input.teacherId'],
    ['a malformed program id', { programId: 'PT-PAUD-2022' }, 'input.programId'],
    ['a malformed event id', { eventId: '42' }, 'input.eventId'],
    ['a malformed mentor id', { mentorId: 'nur' }, 'input.mentorId'],
    ['an event of another program', { eventId: DEMO_IDS.events.basic2023 }, 'input.eventId'],
  ])('refuses %s as BAD_USER_INPUT naming the field, nothing written', async (_name, overrides, field) => {
    await expectNothingWritten('university', TABLES, () => record(input(overrides)), 'BAD_USER_INPUT', field);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown teacher', { teacherId: UNKNOWN_ID }, 'input.teacherId'],
    ['an unknown program', { programId: UNKNOWN_ID }, 'input.programId'],
    ['an unknown event', { eventId: UNKNOWN_ID }, 'input.eventId'],
    ['an unknown mentor', { mentorId: UNKNOWN_ID }, 'input.mentorId'],
  ])('refuses %s as NOT_FOUND naming the field, nothing written', async (_name, overrides, field) => {
    await expectNothingWritten('university', TABLES, () => record(input(overrides)), 'NOT_FOUND', field);
  });

  it('refuses a follow-up of an event the teacher did not attend: CONFLICT, nothing written', async () => {
    const body = await expectNothingWritten('university', TABLES, () => record(input({ teacherId: noShow })), 'CONFLICT', 'input.eventId');
    expect(body.errors[0].message).toMatch(/did not attend this event \(her registration is NO_SHOW\)/);
  });

  it('refuses a teacher the provider may not see (need-to-know) as NOT_FOUND', async () => {
    // LPD Banten's own program, a Balikpapan teacher never registered for its events.
    await expectNothingWritten(
      'university',
      TABLES,
      () => record(input({ programId: P.lpdBasic, eventId: null, mentorId: null }), provider),
      'NOT_FOUND',
      'input.teacherId',
    );
  });

  it('keeps follow-ups person-level: an analyst reads none', async () => {
    const { body } = await gql('query($id: ID!) { teacher(id: $id) { followUps { id } } }', { id: attended }, { token: analyst });
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

/** Follow-ups as the partners' own tables hold them: the university's rows, the SKB's event end days. */
interface Visit {
  teacher_id: string;
  program_id: string;
  event_id: string | null;
  visited_on: string;
  score: number | null;
  tier: string;
}
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Follow-ups at least 30 days after the event's last day (SKB), or without event after her first assessment of the program. */
async function qualifyingVisits(): Promise<Visit[]> {
  const visits = await sql<Visit & { first_assessed: string | null }>(
    'university',
    `select f.teacher_id, f.program_id, f.event_id, f.visited_on::text as visited_on, f.observation_score::float8 as score, p.tier,
            (select min(a.assessed_on)::text from assessment a where a.teacher_id = f.teacher_id and a.program_id = f.program_id) as first_assessed
       from follow_up f join training_program p on p.id = f.program_id`,
  );
  const ends = new Map(
    (await sql<{ id: string; ends_on: string }>('skb', 'select id, ends_on::text as ends_on from training_event')).map((e) => [
      e.id,
      e.ends_on,
    ]),
  );
  return visits.filter((v) => {
    const from = v.event_id ? ends.get(v.event_id) : v.first_assessed;
    return from != null && v.visited_on >= addDays(from, 30);
  });
}

function truthOf(visits: Visit[]): { teachers: number; scoredTeachers: number; mean: number | null } {
  const scored = visits.filter((v) => v.score != null);
  return {
    teachers: new Set(visits.map((v) => v.teacher_id)).size,
    scoredTeachers: new Set(scored.map((v) => v.teacher_id)).size,
    mean: scored.length ? scored.reduce((s, v) => s + v.score!, 0) / scored.length : null,
  };
}

function expectFigures(o: { followedUp: number | null; meanFollowUpScore: number | null }, visits: Visit[], where: string): void {
  const truth = truthOf(visits);
  expectShownOrSuppressed(o.followedUp, truth.teachers, `${where}.followedUp`);
  if (o.followedUp === null || truth.scoredTeachers < MIN || truth.mean === null)
    expect({ where, mean: o.meanFollowUpScore }).toEqual({ where, mean: null });
  else expect(o.meanFollowUpScore).toBeCloseTo(truth.mean, 2);
}

describe('follow-up outcomes against SQL over the partners’ tables', () => {
  it('per event and per program: teachers followed up at least 30 days after, and their mean score', async () => {
    const visits = await qualifyingVisits();
    const { body } = await gql(
      `query($e: ID!, $p: ID!) { trainingEvent(id: $e) { outcomes { ${OUTCOMES} } } trainingProgram(id: $p) { outcomes { ${OUTCOMES} } } }`,
      { e: EVENT, p: P.technical },
      { token: analyst },
    );
    expectNoErrors(body);
    const event = body.data.trainingEvent.outcomes;
    expectFigures(
      event,
      visits.filter((v) => v.event_id === EVENT),
      'event',
    );
    expectFigures(
      body.data.trainingProgram.outcomes,
      visits.filter((v) => v.program_id === P.technical),
      'program',
    );
    // The demo tells the story: enough teachers observed later to be counted, and a few visited earlier who do not count.
    // Issue 14: the event is one part of its program, beside the program's follow-ups that name no event; when those
    // are 1 to MIN - 1 teachers, program minus event would give them, so the event's count is hidden with them.
    const eventTruth = truthOf(visits.filter((v) => v.event_id === EVENT));
    const noEvent = truthOf(visits.filter((v) => v.program_id === P.technical && v.event_id === null)).teachers;
    expect(eventTruth.teachers).toBeGreaterThanOrEqual(MIN);
    expect({ shown: event.followedUp !== null }).toEqual({ shown: !(noEvent > 0 && noEvent < MIN) });
    const [{ any }] = await sql<{ any: number }>(
      'university',
      'select count(distinct teacher_id)::int as any from follow_up where event_id = $1',
      [EVENT],
    );
    expect(any).toBeGreaterThan(eventTruth.teachers);
  });

  it('withholds the figures of an event with few or no follow-ups', async () => {
    const { body } = await gql(
      `query($e: ID!) { trainingEvent(id: $e) { outcomes { ${OUTCOMES} } } }`,
      { e: DEMO_IDS.events.basic2023 },
      { token: analyst },
    );
    expectNoErrors(body);
    expectFigures(
      body.data.trainingEvent.outcomes,
      (await qualifyingVisits()).filter((v) => v.event_id === DEMO_IDS.events.basic2023),
      'basic2023',
    );
  });

  it('per district and tier, with the tiers protected against subtraction', async () => {
    const ids = new Set(
      (
        await sql<{ id: string }>(
          'schools',
          "select t.id from teacher t join school s on s.npsn = t.school_npsn where s.district_code = '64.71'",
        )
      ).map((r) => r.id),
    );
    const visits = (await qualifyingVisits()).filter((v) => ids.has(v.teacher_id));
    const { body } = await gql(
      `{ district(code: "64.71") { trainingOutcomes { tier outcomes { ${OUTCOMES} } } } }`,
      {},
      { token: analyst },
    );
    expectNoErrors(body);
    const rows = body.data.district.trainingOutcomes;
    expect(rows.map((r: any) => r.tier)).toEqual(['BASIC', 'INTERMEDIATE', 'ADVANCED', null]);
    for (const r of rows) expectFigures(r.outcomes, r.tier ? visits.filter((v) => v.tier === r.tier) : visits, `64.71.${r.tier ?? 'all'}`);
    expect(rows[3].outcomes.followedUp).toBeGreaterThanOrEqual(MIN);
    for (const r of rows) if (r.outcomes.followedUp === null) expect(r.outcomes.suppressed).toBe(true);
  });
});
