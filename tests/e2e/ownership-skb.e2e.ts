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
