import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql } from '../harness/client';
import { auditOf, rowCounts, sql } from '../harness/db';
import { hubUrls } from '../harness/env';
import { ATTEND, REGISTER, skbWrites } from '../harness/skb-writes';
import { CALLERS, tokenFor } from '../harness/tokens';
import { UNKNOWN_ID, dayFromToday, expectNothingWritten } from '../harness/writes';

/**
 * Issue 4, university: its admin records assessments. The teacher (schools)
 * and the event (skb) are checked through the gateway, never in their
 * databases; an unknown key is NOT_FOUND and nothing is written. The
 * assessments made here are deleted afterwards. An assessment of an event
 * is of a teacher who attended it (issue 13): the file holds a BASIC event
 * of its own that the teacher attends. The tier rules themselves:
 * tier-progression.e2e.ts.
 */

const TABLES = ['assessment', 'audit_log'];
const RECORD = `mutation($input: AssessmentInput!) { recordAssessment(input: $input) {
  id preTestScore postTestScore gain microteachingScore passed assessedOn
  teacher { id fullName school { npsn } } program { id tier } event { id title }
} }`;

let admin: string;
let teacherId: string;
/** An event of the BASIC Diklat, begun two days ago, that the teacher attended. */
let eventId: string;
const created: string[] = [];
const skb = skbWrites();

beforeAll(async () => {
  admin = await tokenFor({ ...CALLERS['university admin'], sub: 'writes-test:university-admin' });
  [{ id: teacherId }] = await sql<{ id: string }>('schools', "select id from teacher where school_npsn = '64710001' order by id limit 1");
  const event = await skb.createEvent({ programId: DEMO_IDS.programs.basic, startsOn: dayFromToday(-2), endsOn: dayFromToday(0) });
  eventId = event.id;
  await skb.setStatus(eventId, 'OPEN');
  // Her school registers her; the SKB's staff records that she came.
  const school = await tokenFor(CALLERS['school admin']);
  const registered = await gql(REGISTER, { e: eventId, t: teacherId }, { token: school });
  expectNoErrors(registered.body);
  await skb.setStatus(eventId, 'ONGOING');
  expectNoErrors((await gql(ATTEND, { r: registered.body.data.registerParticipant.id, status: 'ATTENDED' }, { token: skb.staff })).body);
});

afterAll(async () => {
  if (created.length) await sql('university', 'delete from assessment where id = any($1::uuid[])', [created]);
});

const input = (overrides: Record<string, unknown> = {}) => ({
  teacherId,
  programId: DEMO_IDS.programs.basic,
  eventId,
  preTestScore: 55.5,
  postTestScore: 82.25,
  microteachingScore: 78,
  passed: true,
  assessedOn: '2024-07-12',
  ...overrides,
});

describe('recordAssessment', () => {
  it('records a result, joined to the teacher (schools) and the event (skb) through the gateway, with its audit row', async () => {
    const before = await rowCounts('university', TABLES);
    const { body } = await gql(RECORD, { input: input() }, { token: admin });
    expectNoErrors(body);
    const a = body.data.recordAssessment;
    created.push(a.id);
    expect(a).toEqual({
      id: expect.any(String),
      preTestScore: 55.5,
      postTestScore: 82.25,
      gain: 26.75,
      microteachingScore: 78,
      passed: true,
      assessedOn: '2024-07-12',
      teacher: { id: teacherId, fullName: expect.any(String), school: { npsn: '64710001' } },
      program: { id: DEMO_IDS.programs.basic, tier: 'BASIC' },
      event: { id: eventId, title: expect.any(String) },
    });
    expect(await rowCounts('university', TABLES)).toEqual({ assessment: before.assessment + 1, audit_log: before.audit_log + 1 });
    const [audit] = await auditOf('university', a.id);
    expect(audit).toMatchObject({
      actor_sub: 'writes-test:university-admin',
      actor_org: 'university:mulia',
      action: 'recordAssessment',
      entity: 'Assessment',
      details: { teacherId, programId: DEMO_IDS.programs.basic, eventId, passed: true },
    });
  });

  it('records a result without an event or scores (a mentoring completion)', async () => {
    const { body } = await gql(
      RECORD,
      { input: input({ eventId: null, preTestScore: null, postTestScore: null, microteachingScore: null, assessedOn: dayFromToday(0) }) },
      { token: admin },
    );
    expectNoErrors(body);
    created.push(body.data.recordAssessment.id);
    expect(body.data.recordAssessment).toMatchObject({ event: null, gain: null, assessedOn: dayFromToday(0) });
  });

  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['a pre-test score above 100', { preTestScore: 100.5 }, 'input.preTestScore'],
    ['a negative pre-test score', { preTestScore: -1 }, 'input.preTestScore'],
    ['a post-test score of 101', { postTestScore: 101 }, 'input.postTestScore'],
    ['a microteaching score finer than hundredths', { microteachingScore: 85.555 }, 'input.microteachingScore'],
    ['an assessment dated tomorrow', { assessedOn: dayFromToday(1) }, 'input.assessedOn'],
    ['an assessment dated 29 February 2023', { assessedOn: '2023-02-29' }, 'input.assessedOn'],
    ['a teacher id that is no id', { teacherId: 'guru-1' }, 'input.teacherId'],
    ['an event id that is no id', { eventId: 'event-1' }, 'input.eventId'],
    ['a program id that is no id', { programId: 'DB-PAUD-02' }, 'input.programId'],
  ];

  it.each(BAD)('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(RECORD, { input: input(overrides) }, { token: admin }),
      'BAD_USER_INPUT',
      field,
    );
  });

  it.each([
    ['a teacher the schools partner does not know', { teacherId: UNKNOWN_ID }, 'input.teacherId'],
    ['an event the SKB does not know', { eventId: UNKNOWN_ID }, 'input.eventId'],
    ['a program the university does not know', { programId: UNKNOWN_ID, eventId: null }, 'input.programId'],
  ])('refuses %s as NOT_FOUND naming the field, writing nothing', async (_what, overrides, field) => {
    await expectNothingWritten('university', TABLES, () => gql(RECORD, { input: input(overrides) }, { token: admin }), 'NOT_FOUND', field);
  });

  it("refuses an event of another program (asked of the SKB's API), writing nothing", async () => {
    const body = await expectNothingWritten(
      'university',
      TABLES,
      () => gql(RECORD, { input: input({ eventId: DEMO_IDS.events.intermediate2024 }) }, { token: admin }),
      'BAD_USER_INPUT',
      'input.eventId',
    );
    expect(body.errors[0].message).toContain(DEMO_IDS.programs.intermediate);
  });

  it("checks other partners' keys through the gateway even when the subgraph is reached directly", async () => {
    const url = hubUrls().subgraphs.university;
    // Only the university's own fields: the subgraph alone cannot join teachers or events.
    const direct = 'mutation($input: AssessmentInput!) { recordAssessment(input: $input) { id passed } }';
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(direct, { input: input({ teacherId: UNKNOWN_ID }) }, { token: admin, url }),
      'NOT_FOUND',
      'input.teacherId',
    );
    // Not of the event again (one assessment per teacher and event): a failed completion without one, below the pass mark.
    const { body } = await gql(direct, { input: input({ eventId: null, postTestScore: 60, passed: false }) }, { token: admin, url });
    expectNoErrors(body);
    created.push(body.data.recordAssessment.id);
    expect(body.data.recordAssessment.passed).toBe(false);
  });

  it("refuses the university's staff as FORBIDDEN, before anything is checked", async () => {
    const staff = await tokenFor(CALLERS['university staff']);
    await expectNothingWritten(
      'university',
      TABLES,
      () => gql(RECORD, { input: input({ teacherId: UNKNOWN_ID }) }, { token: staff }),
      'FORBIDDEN',
    );
  });
});
