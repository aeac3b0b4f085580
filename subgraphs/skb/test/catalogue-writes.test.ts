import 'reflect-metadata';
import { DEMO_IDS } from '@mitra/fixtures';
import { createTestDatabase, errorCodes, runOperation, type TestDatabase } from '@mitra/kit/test-support';
import { zoneOfDistrict } from '../src/graphql/local-time';
import { seedDemo } from '../src/seeds/demo';
import { definition, entities, migrations } from '../src/subgraph';

const SERANG: Record<string, unknown> = { sub: 'admin-serang', org: DEMO_IDS.skbSerang, roles: ['admin'] };
const { lpdLead, lpdPractice } = DEMO_IDS.lecturers;
/** Through the gateway, the schools partner knows Kota Balikpapan and Kabupaten Serang, the university LPD Banten's lecturers. */
const partners = {
  district: { '64.71': { code: '64.71' }, '36.04': { code: '36.04' } },
  lecturer: { [lpdLead]: { id: lpdLead }, [lpdPractice]: { id: lpdPractice } },
};
const CREATE_VENUE =
  'mutation ($input: VenueInput!) { createVenue(input: $input) { id name address capacity owner { id } district { code } } }';
const ADD_SESSION =
  'mutation ($e: ID!, $input: EventSessionInput!) { addEventSession(eventId: $e, input: $input) { id day kind topic startsAt endsAt facilitators { id } } }';
// LPD Banten's Diklat Lanjut at SKB Serang's hall, 2027-03-01 to 2027-03-05 (WIB, UTC+7); the demo gives it sessions on each day.
const EVENT = DEMO_IDS.events.serangIntermediate2027;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ name: 'skb', entities, migrations, seed: seedDemo });
});
afterAll(() => db?.close());

const counts = async () =>
  (
    await db.sql<Record<string, number>>(
      'select (select count(*)::int from venue) as venues, (select count(*)::int from event_session) as sessions, (select count(*)::int from session_facilitator) as facilitators, (select count(*)::int from audit_log) as audits',
    )
  )[0];
const version = async () => (await db.sql<{ version: number }>('select version from training_event where id = ?', [EVENT]))[0].version;

const venueInput = (fields: Record<string, unknown> = {}) => ({
  name: 'Ruang Praktik SKB Serang',
  districtCode: '36.04',
  capacity: 24,
  ...fields,
});
const createVenue = (fields?: Record<string, unknown>, claims = SERANG) =>
  runOperation(definition, db, CREATE_VENUE, { claims, partners, variables: { input: venueInput(fields) } });

// Day 2 of the event is 2027-03-02; its demo sessions that day run 09:00-15:00 WIB.
const sessionInput = (fields: Record<string, unknown> = {}) => ({
  day: 2,
  kind: 'MENTORING',
  topic: 'Konsultasi rencana pembelajaran',
  startsAt: '2027-03-02T15:30:00+07:00',
  endsAt: '2027-03-02T17:00:00+07:00',
  facilitatorIds: [lpdPractice],
  ...fields,
});
const addSession = (fields?: Record<string, unknown>, claims = SERANG, eventId = EVENT) =>
  runOperation(definition, db, ADD_SESSION, { claims, partners, variables: { e: eventId, input: sessionInput(fields) } });

describe('time zones', () => {
  it.each([
    ['36.04', 'WIB'],
    ['61.71', 'WIB'],
    ['64.71', 'WITA'],
    ['73.71', 'WITA'],
    ['81.71', 'WIT'],
    ['94.01', 'WIT'],
  ])('a venue in %s keeps %s', (code, zone) => expect(zoneOfDistrict(code).name).toBe(zone));
});

describe('createVenue', () => {
  it("adds a venue owned by the caller's SKB, with its audit row", async () => {
    const before = await counts();
    const result = await createVenue({ name: '  Ruang   Praktik SKB Serang ', address: 'Jl. Raya Serang' });
    expect(result.errors).toBeUndefined();
    const venue = result.data?.createVenue as { id: string };
    expect(venue).toEqual({
      id: venue.id,
      name: 'Ruang Praktik SKB Serang',
      address: 'Jl. Raya Serang',
      capacity: 24,
      owner: { id: DEMO_IDS.skbSerang },
      district: { code: '36.04' },
    });
    expect(await db.sql('select owner_org, district_code from venue where id = ?', [venue.id])).toEqual([
      { owner_org: DEMO_IDS.skbSerang, district_code: '36.04' },
    ]);
    expect(await db.sql('select actor_org, action, entity from audit_log where entity_id = ?', [venue.id])).toEqual([
      { actor_org: DEMO_IDS.skbSerang, action: 'createVenue', entity: 'Venue' },
    ]);
    expect(await counts()).toMatchObject({ venues: before.venues + 1, audits: before.audits + 1 });
  });

  const REFUSED: Array<[string, Record<string, unknown>, string, string]> = [
    ['a blank name', { name: ' ' }, 'BAD_USER_INPUT', 'input.name'],
    ['a name of 151 characters', { name: 'N'.repeat(151) }, 'BAD_USER_INPUT', 'input.name'],
    ['a blank address', { address: '' }, 'BAD_USER_INPUT', 'input.address'],
    ['a malformed district code', { districtCode: '3604' }, 'BAD_USER_INPUT', 'input.districtCode'],
    ['no seats', { capacity: 0 }, 'BAD_USER_INPUT', 'input.capacity'],
    ['10001 seats', { capacity: 10_001 }, 'BAD_USER_INPUT', 'input.capacity'],
    ['a district the schools partner does not know', { districtCode: '36.99' }, 'NOT_FOUND', 'input.districtCode'],
    ['the name of its venue made above, in other letters', { name: 'RUANG PRAKTIK SKB SERANG' }, 'CONFLICT', 'input.name'],
  ];

  it.each(REFUSED)('refuses %s as %s naming %s, and writes nothing', async (_what, fields, code, field) => {
    const before = await counts();
    expect(errorCodes(await createVenue(fields))).toEqual([{ code, field }]);
    expect(await counts()).toEqual(before);
  });

  it("is free to reuse another SKB's venue name", async () => {
    const result = await createVenue({ name: 'Ruang Praktik SKB Serang' }, { ...SERANG, org: DEMO_IDS.skbSamarinda });
    expect(result.errors).toBeUndefined();
  });
});

describe('addEventSession', () => {
  it('adds the session and its facilitators in one write, moves the version on, and audits it', async () => {
    const [before, fromVersion] = [await counts(), await version()];
    const result = await addSession({ facilitatorIds: [lpdPractice, lpdLead] });
    expect(result.errors).toBeUndefined();
    const session = result.data?.addEventSession as { id: string };
    expect(session).toEqual({
      id: session.id,
      day: 2,
      kind: 'MENTORING',
      topic: 'Konsultasi rencana pembelajaran',
      startsAt: '2027-03-02T08:30:00.000Z',
      endsAt: '2027-03-02T10:00:00.000Z',
      facilitators: expect.arrayContaining([{ id: lpdPractice }, { id: lpdLead }]),
    });
    expect(await counts()).toEqual({
      ...before,
      sessions: before.sessions + 1,
      facilitators: before.facilitators + 2,
      audits: before.audits + 1,
    });
    expect(await version()).toBe(fromVersion + 1);
    const [audit] = await db.sql<{ action: string; details: Record<string, unknown> }>(
      'select action, details from audit_log where entity_id = ?',
      [session.id],
    );
    expect(audit).toMatchObject({ action: 'addEventSession', details: { eventId: EVENT, day: 2, fromVersion } });
  });

  it('takes times in any offset: the instants are compared with the day at the venue', async () => {
    // 2027-03-02 17:00 to 18:00 WIB, written in UTC.
    const result = await addSession({ startsAt: '2027-03-02T10:00:00Z', endsAt: '2027-03-02T11:00:00Z', facilitatorIds: null });
    expect(result.errors).toBeUndefined();
  });

  const REFUSED: Array<[string, Record<string, unknown>, string, string]> = [
    ['day 0', { day: 0 }, 'BAD_USER_INPUT', 'input.day'],
    ['day 6 of a five-day event', { day: 6 }, 'BAD_USER_INPUT', 'input.day'],
    ['a blank topic', { topic: '  ' }, 'BAD_USER_INPUT', 'input.topic'],
    ['an end at the start', { endsAt: '2027-03-02T15:30:00+07:00' }, 'BAD_USER_INPUT', 'input.endsAt'],
    // 23:30 on 1 March by Balikpapan's clock (WITA) is 22:30 WIB: still day 1 at Serang.
    [
      'a start on the day before, at the venue',
      { startsAt: '2027-03-01T23:30:00+08:00', endsAt: '2027-03-02T01:00:00+08:00' },
      'BAD_USER_INPUT',
      'input.startsAt',
    ],
    [
      'an end on the day after',
      { startsAt: '2027-03-02T23:00:00+07:00', endsAt: '2027-03-03T01:00:00+07:00' },
      'BAD_USER_INPUT',
      'input.endsAt',
    ],
    ['a facilitator id that is no id', { facilitatorIds: ['lpd-lead'] }, 'BAD_USER_INPUT', 'input.facilitatorIds[0]'],
    [
      'a facilitator twice (in other letters)',
      { facilitatorIds: [lpdLead, lpdLead.toUpperCase()] },
      'BAD_USER_INPUT',
      'input.facilitatorIds[1]',
    ],
    ['eleven facilitators', { facilitatorIds: Array(11).fill(lpdLead) }, 'BAD_USER_INPUT', 'input.facilitatorIds'],
    [
      'a lecturer the gateway does not know',
      { facilitatorIds: [lpdLead, DEMO_IDS.lecturers.practice] },
      'NOT_FOUND',
      'input.facilitatorIds[1]',
    ],
    // The demo's day-2 material session runs 09:00-15:00 WIB.
    [
      'a time taken by another session',
      { startsAt: '2027-03-02T14:00:00+07:00', endsAt: '2027-03-02T16:00:00+07:00' },
      'CONFLICT',
      'input.startsAt',
    ],
  ];

  it.each(REFUSED)('refuses %s as %s naming %s, and writes nothing', async (_what, fields, code, field) => {
    const [before, fromVersion] = [await counts(), await version()];
    expect(errorCodes(await addSession(fields))).toEqual([{ code, field }]);
    expect(await counts()).toEqual(before);
    expect(await version()).toBe(fromVersion);
  });

  it('refuses a COMPLETED event as CONFLICT and an unknown one as NOT_FOUND', async () => {
    const before = await counts();
    expect(
      errorCodes(
        await addSession(
          { startsAt: '2023-05-09T15:30:00+07:00', endsAt: '2023-05-09T17:00:00+07:00' },
          SERANG,
          DEMO_IDS.events.serangBasic2023,
        ),
      ),
    ).toEqual([{ code: 'CONFLICT', field: 'eventId' }]);
    expect(errorCodes(await addSession({}, SERANG, '00000000-0000-4000-8000-00000000beef'))).toEqual([
      { code: 'NOT_FOUND', field: 'eventId' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("is FORBIDDEN, naming the owner, at another SKB's event", async () => {
    const before = await counts();
    const result = await addSession({}, { ...SERANG, org: DEMO_IDS.skb });
    expect(errorCodes(result)).toEqual([{ code: 'FORBIDDEN', field: undefined }]);
    expect(result.errors?.[0].message).toBe(
      `Mutation.addEventSession: ${DEMO_IDS.skb} may write only its own rows, not those of ${DEMO_IDS.skbSerang}`,
    );
    expect(await counts()).toEqual(before);
  });
});
