import { buildDemoWorld, DEMO_IDS } from '@mitra/fixtures';
import { gql, type LooseBody } from '../harness/client';
import { hubUrls } from '../harness/env';
import { sql } from '../harness/db';
import { ATTEND, CANCEL, EVENT_TABLES, STATUS, UPDATE, skbWrites } from '../harness/skb-writes';
import { tokenFor } from '../harness/tokens';
import { expectNothingWritten } from '../harness/writes';

/**
 * Writes are checked by organisation, not only by kind (issue 12): another
 * SKB's admin and staff get FORBIDDEN naming the owner for every write to
 * SKB Balikpapan Selatan's venues, events, registrations and attendance,
 * through the gateway and directly at the SKB's subgraph, and nothing is
 * written (row counts, the audit log, and the rows themselves).
 */
const writes = skbWrites();
const OWNER = 'skb:balikpapan-selatan';
const OTHER = 'skb:other-skb';
const other = { admin: '', staff: '' };
let event: LooseBody;
let registration: LooseBody;

beforeAll(async () => {
  other.admin = await tokenFor({ org: OTHER, roles: ['admin'], sub: 'ownership-test:other-admin' });
  other.staff = await tokenFor({ org: OTHER, roles: ['staff'], sub: 'ownership-test:other-staff' });
  // The owner's own writes succeed (each helper fails on any error).
  event = await writes.createEvent();
  await writes.setStatus(event.id, 'OPEN');
  registration = await writes.register(event.id, null, 'Peserta Uji Kepemilikan');
});

// Selecting only the SKB's own fields, so that the same documents are valid at its subgraph.
const CREATE = 'mutation($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id } }';
const REGISTER =
  'mutation($e: ID!, $t: ID, $name: String) { registerParticipant(eventId: $e, teacherId: $t, participantName: $name) { id } }';

const registrationRow = async () =>
  (await sql('skb', 'select status, participant_name from registration where id = $1', [registration.id]))[0];

const WRITES: Array<[string, () => [string, Record<string, unknown>], 'admin' | 'staff']> = [
  ['createTrainingEvent', () => [CREATE, { input: writes.eventInput() }], 'admin'],
  ['updateTrainingEvent', () => [UPDATE, { id: event.id, version: 2, input: { title: 'Bukan Milik Anda' } }], 'admin'],
  ['setTrainingEventStatus', () => [STATUS, { id: event.id, status: 'CANCELLED' }], 'admin'],
  ['registerParticipant', () => [REGISTER, { e: event.id, t: null, name: 'Peserta Titipan' }], 'admin'],
  ['cancelRegistration', () => [CANCEL, { r: registration.id }], 'admin'],
  ['recordAttendance', () => [ATTEND, { r: registration.id, status: 'NO_SHOW' }], 'staff'],
];

describe.each([
  ['the gateway', () => hubUrls().gateway],
  ["the SKB's subgraph directly", () => hubUrls().subgraphs.skb],
])('another SKB, through %s', (_via, url) => {
  it.each(WRITES)('%s is FORBIDDEN naming the owner, and nothing is written', async (name, operation, role) => {
    const [document, variables] = operation();
    const [eventBefore, registrationBefore] = [await writes.eventRow(event.id), await registrationRow()];
    const body = await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(document, variables, { url: url(), token: other[role] }),
      'FORBIDDEN',
    );
    expect(body.errors[0].message).toBe(`Mutation.${name}: ${OTHER} may write only its own rows, not those of ${OWNER}`);
    expect(body.data?.[name] ?? null).toBeNull();
    expect(await writes.eventRow(event.id)).toEqual(eventBefore);
    expect(await registrationRow()).toEqual(registrationBefore);
  });
});

describe('the owner', () => {
  it('still changes its own event after the refusals, at the version it read', async () => {
    const { body } = await gql(UPDATE, { id: event.id, version: 2, input: { title: 'Judul Baru Pemilik' } }, { token: writes.admin });
    expect(body.errors).toBeUndefined();
    expect(body.data.updateTrainingEvent).toMatchObject({ title: 'Judul Baru Pemilik', version: 3 });
  });
});

describe('two SKBs in the demo: Balikpapan Selatan and Samarinda', () => {
  const SAMARINDA = DEMO_IDS.skbSamarinda;
  let samarinda: string;
  const created: string[] = [];

  beforeAll(async () => {
    samarinda = await tokenFor({ org: SAMARINDA, roles: ['admin'], sub: 'ownership-test:samarinda-admin' });
  });

  afterAll(async () => {
    if (created.length) await sql('skb', 'delete from training_event where id = any($1::uuid[])', [created]);
  });

  it('each owns its venues', async () => {
    const venues = buildDemoWorld().venues;
    // Every demo venue is in the fixtures, with the SKB that owns it (Serang's hall is SKB Serang's).
    expect(venues.map((v) => v.id).sort()).toEqual(Object.values(DEMO_IDS.venues).sort());
    expect(venues.find((v) => v.id === DEMO_IDS.venues.hall)?.ownerOrg).toBe(OWNER);
    expect(venues.find((v) => v.id === DEMO_IDS.venues.samarinda)?.ownerOrg).toBe(SAMARINDA);
    expect(venues.find((v) => v.id === DEMO_IDS.venues.serang)?.ownerOrg).toBe(DEMO_IDS.skbSerang);
    const rows = await sql<{ id: string; owner_org: string }>(
      'skb',
      'select id, owner_org from venue where id = any($1::uuid[]) order by id',
      [venues.map((v) => v.id)],
    );
    const owners = Object.fromEntries(rows.map((r) => [r.id, r.owner_org]));
    expect(owners).toEqual(Object.fromEntries(venues.map((v) => [v.id, v.ownerOrg])));
  });

  it("Samarinda runs events at its own venue, and Balikpapan Selatan's admin may not touch them", async () => {
    const input = writes.eventInput({ venueId: DEMO_IDS.venues.samarinda, capacity: 20 });
    const own = await gql(CREATE, { input }, { token: samarinda });
    expect(own.body.errors).toBeUndefined();
    created.push(own.body.data.createTrainingEvent.id);
    const refused = await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(STATUS, { id: own.body.data.createTrainingEvent.id, status: 'CANCELLED' }, { token: writes.admin }),
      'FORBIDDEN',
    );
    expect(refused.errors[0].message).toBe(
      `Mutation.setTrainingEventStatus: ${OWNER} may write only its own rows, not those of ${SAMARINDA}`,
    );
  });

  it("Samarinda's admin may not run events at Balikpapan Selatan's hall", async () => {
    const body = await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(CREATE, { input: writes.eventInput() }, { token: samarinda }),
      'FORBIDDEN',
    );
    expect(body.errors[0].message).toBe(`Mutation.createTrainingEvent: ${SAMARINDA} may write only its own rows, not those of ${OWNER}`);
  });
});
