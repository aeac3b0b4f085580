import 'reflect-metadata';
import { DEMO_IDS, buildDemoWorld } from '@mitra/fixtures';
import { createTestDatabase, errorCodes, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const world = buildDemoWorld();
const ADMIN = { sub: 'admin-mulia', org: DEMO_IDS.university, roles: ['admin'] };
const RECORD = `mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id passed gain program { id } } }`;
const TEACHER = world.teachers[100].id;
const { basic, advanced } = DEMO_IDS.programs;
const EVENT = DEMO_IDS.events.basic2023;
/** What the other partners answer through the gateway: the teacher exists, the event offers the basic program. */
const partners = {
  teacher: { [TEACHER]: { id: TEACHER } },
  trainingEvent: { [EVENT]: { id: EVENT, program: { id: basic }, registrations: [{ status: 'ATTENDED', teacher: { id: TEACHER } }] } },
};
const input = (fields: Record<string, unknown> = {}) => ({
  teacherId: TEACHER,
  programId: basic,
  eventId: EVENT,
  preTestScore: 55.5,
  postTestScore: 81.25,
  passed: true,
  assessedOn: '2023-06-10',
  ...fields,
});
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'university', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

const rowCounts = async () =>
  (
    await db.sql<{ assessments: number; audits: number }>(
      'select (select count(*)::int from assessment) as assessments, (select count(*)::int from audit_log) as audits',
    )
  )[0];
const record = (fields?: Record<string, unknown>) =>
  runOperation(definition, db, RECORD, { claims: ADMIN, partners, variables: { input: input(fields) } });

describe('recordAssessment', () => {
  it.each([
    [{ preTestScore: 101 }, 'input.preTestScore'],
    [{ postTestScore: 70.125 }, 'input.postTestScore'],
    [{ teacherId: 'nope' }, 'input.teacherId'],
    [{ assessedOn: '1999-12-31' }, 'input.assessedOn'],
    // The event (skb) offers another program: the partner's answer is checked before anything is written.
    [{ programId: advanced }, 'input.eventId'],
  ])('refuses %j as BAD_USER_INPUT naming %s, and writes nothing', async (fields, field) => {
    const before = await rowCounts();
    expect(errorCodes(await record(fields))).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a passed that contradicts the post-test and the pass mark as BAD_USER_INPUT naming input.passed, and writes nothing', async () => {
    const before = await rowCounts();
    expect(errorCodes(await record({ preTestScore: 40, postTestScore: 30, passed: true }))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'input.passed' },
    ]);
    expect(errorCodes(await record({ postTestScore: 70, passed: false }))).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.passed' }]);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['registered only', [{ status: 'REGISTERED', teacher: { id: TEACHER } }]],
    ['a no-show', [{ status: 'NO_SHOW', teacher: { id: TEACHER } }]],
    ['not registered', [{ status: 'ATTENDED', teacher: { id: world.teachers[101].id } }]],
  ])('refuses an assessment of an event the teacher did not attend (%s) as CONFLICT naming input.eventId', async (_what, registrations) => {
    const before = await rowCounts();
    const answers = { ...partners, trainingEvent: { [EVENT]: { id: EVENT, program: { id: basic }, registrations } } };
    const result = await runOperation(definition, db, RECORD, { claims: ADMIN, partners: answers, variables: { input: input() } });
    expect(errorCodes(result)).toEqual([{ code: 'CONFLICT', field: 'input.eventId' }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('records the results with an audit row', async () => {
    const before = await rowCounts();
    const result = await record();
    expect(result.errors).toBeUndefined();
    const { id } = result.data?.recordAssessment as { id: string };
    expect(result.data?.recordAssessment).toEqual({ id, passed: true, gain: 25.75, program: { id: basic } });
    expect(
      await db.sql(
        'select teacher_id, program_id, event_id, pre_test_score, post_test_score, passed, assessed_on from assessment where id = ?',
        [id],
      ),
    ).toEqual([
      {
        teacher_id: TEACHER,
        program_id: basic,
        event_id: EVENT,
        pre_test_score: '55.50',
        post_test_score: '81.25',
        passed: true,
        assessed_on: '2023-06-10',
      },
    ]);
    expect(await db.sql('select actor_org, action from audit_log where entity_id = ?', [id])).toEqual([
      { actor_org: DEMO_IDS.university, action: 'recordAssessment' },
    ]);
    expect(await rowCounts()).toEqual({ assessments: before.assessments + 1, audits: before.audits + 1 });
  });

  it('is NOT_FOUND for a teacher the schools partner does not know', async () => {
    const result = await record({ teacherId: '00000000-0000-4000-8000-00000000dead' });
    expect(errorCodes(result)).toEqual([{ code: 'NOT_FOUND', field: 'input.teacherId' }]);
  });
});
