import 'reflect-metadata';
import { DEMO_IDS } from '@mitra/fixtures';
import { createTestDatabase, errorCodes, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const ADMIN = { sub: 'admin-skb', org: DEMO_IDS.skb, roles: ['admin'] };
const CREATE = `mutation ($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id status version venue { id } program { id } } }`;
const { basic } = DEMO_IDS.programs;
/** The university, through the gateway, knows the basic program. */
const partners = { trainingProgram: { [basic]: { id: basic } } };
const input = (fields: Record<string, unknown> = {}) => ({
  title: 'Diklat Berjenjang Tingkat Dasar 2028',
  programId: basic,
  venueId: DEMO_IDS.venues.classroom,
  startsOn: '2028-02-07',
  endsOn: '2028-02-11',
  capacity: 25,
  ...fields,
});
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'skb', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

const rowCounts = async () =>
  (
    await db.sql<{ events: number; audits: number }>(
      'select (select count(*)::int from training_event) as events, (select count(*)::int from audit_log) as audits',
    )
  )[0];
const create = (fields?: Record<string, unknown>) =>
  runOperation(definition, db, CREATE, { claims: ADMIN, partners, variables: { input: input(fields) } });

describe('createTrainingEvent', () => {
  it.each([
    [{ capacity: 0 }, 'input.capacity'],
    // The classroom seats 30.
    [{ capacity: 31 }, 'input.capacity'],
    [{ endsOn: '2028-02-06' }, 'input.endsOn'],
    [{ title: ' ' }, 'input.title'],
    [{ venueId: 'hall' }, 'input.venueId'],
  ])('refuses %j as BAD_USER_INPUT naming %s, and writes nothing', async (fields, field) => {
    const before = await rowCounts();
    expect(errorCodes(await create(fields))).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('schedules a PLANNED event with an audit row', async () => {
    const before = await rowCounts();
    const result = await create();
    expect(result.errors).toBeUndefined();
    const { id } = result.data?.createTrainingEvent as { id: string };
    expect(result.data?.createTrainingEvent).toEqual({
      id,
      status: 'PLANNED',
      version: 1,
      venue: { id: DEMO_IDS.venues.classroom },
      program: { id: basic },
    });
    expect(
      await db.sql('select title, program_id, venue_id, starts_on, ends_on, capacity, status from training_event where id = ?', [id]),
    ).toEqual([
      {
        title: input().title,
        program_id: basic,
        venue_id: DEMO_IDS.venues.classroom,
        starts_on: '2028-02-07',
        ends_on: '2028-02-11',
        capacity: 25,
        status: 'PLANNED',
      },
    ]);
    expect(await db.sql('select actor_org, action from audit_log where entity_id = ?', [id])).toEqual([
      { actor_org: DEMO_IDS.skb, action: 'createTrainingEvent' },
    ]);
    expect(await rowCounts()).toEqual({ events: before.events + 1, audits: before.audits + 1 });
  });

  it('is NOT_FOUND for a program the university does not know, and writes nothing', async () => {
    const before = await rowCounts();
    expect(errorCodes(await create({ programId: DEMO_IDS.programs.advanced }))).toEqual([{ code: 'NOT_FOUND', field: 'input.programId' }]);
    expect(await rowCounts()).toEqual(before);
  });
});
