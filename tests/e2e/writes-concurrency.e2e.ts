import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql } from '../harness/client';
import { rowCounts, sql } from '../harness/db';
import { CALLERS, tokenFor } from '../harness/tokens';
import { dayFromToday, refusals } from '../harness/writes';

/**
 * Issue 4: seats are counted under a lock on the event, so registrations
 * that arrive at once can never overbook it, and a teacher cannot slip in
 * twice. Everything goes through the gateway, all requests in flight
 * together. The events made here are deleted afterwards.
 */

const CREATE = 'mutation($input: TrainingEventInput!) { createTrainingEvent(input: $input) { id } }';
const REGISTER =
  'mutation($e: ID!, $t: ID, $name: String) { registerParticipant(eventId: $e, teacherId: $t, participantName: $name) { id } }';

let admin: string;
const created: string[] = [];

beforeAll(async () => {
  admin = await tokenFor(CALLERS['skb admin']);
});

afterAll(async () => {
  if (created.length) await sql('skb', 'delete from training_event where id = any($1::uuid[])', [created]);
});

async function createEvent(title: string, capacity: number): Promise<string> {
  const input = {
    title,
    // The BASIC Diklat, which any teacher may take (a higher tier also asks for the tier below it: tier-progression.e2e.ts).
    programId: DEMO_IDS.programs.basic,
    venueId: DEMO_IDS.venues.hall,
    startsOn: dayFromToday(500),
    endsOn: dayFromToday(501),
    capacity,
  };
  const { body } = await gql(CREATE, { input }, { token: admin });
  expectNoErrors(body);
  created.push(body.data.createTrainingEvent.id);
  return body.data.createTrainingEvent.id;
}

async function activeRegistrations(eventId: string): Promise<number> {
  const [{ n }] = await sql<{ n: string }>('skb', "select count(*) as n from registration where event_id = $1 and status <> 'CANCELLED'", [
    eventId,
  ]);
  return Number(n);
}

describe('registrations arriving at once', () => {
  it('50 parallel registrations for an event with 10 seats end with exactly 10 registrations', async () => {
    const eventId = await createEvent('Uji Kapasitas Serentak', 10);
    const auditBefore = (await rowCounts('skb', ['audit_log'])).audit_log;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gql(REGISTER, { e: eventId, name: `Peserta Serentak ${i + 1}` }, { token: admin })),
    );
    const accepted = results.filter((r) => r.body.data?.registerParticipant);
    const refused = results.filter((r) => r.body.errors);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(refusals(r.body)).toEqual([{ code: 'CONFLICT', field: 'eventId' }]);
    expect(await activeRegistrations(eventId)).toBe(10);
    // One audit row per registration that was written, none for the refused ones.
    expect((await rowCounts('skb', ['audit_log'])).audit_log).toBe(auditBefore + 10);
  });

  it('one teacher registered 10 times at once is registered exactly once', async () => {
    const eventId = await createEvent('Uji Pendaftaran Ganda Serentak', 30);
    const [{ id: teacherId }] = await sql<{ id: string }>(
      'schools',
      "select id from teacher where school_npsn = '64710001' order by id desc limit 1",
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => gql(REGISTER, { e: eventId, t: teacherId }, { token: admin })));
    expect(results.filter((r) => r.body.data?.registerParticipant)).toHaveLength(1);
    for (const r of results.filter((x) => x.body.errors)) expect(refusals(r.body)).toEqual([{ code: 'CONFLICT', field: 'teacherId' }]);
    expect(await activeRegistrations(eventId)).toBe(1);
  });

  it('cancellations and registrations racing for the last seats never overbook', async () => {
    const eventId = await createEvent('Uji Batal dan Daftar Serentak', 5);
    const first = await Promise.all(
      Array.from({ length: 5 }, (_, i) => gql(REGISTER, { e: eventId, name: `Peserta Awal ${i + 1}` }, { token: admin })),
    );
    const ids = first.map((r) => r.body.data.registerParticipant.id as string);
    const CANCEL = 'mutation($r: ID!) { cancelRegistration(registrationId: $r) { id } }';
    await Promise.all([
      ...ids.slice(0, 2).map((r) => gql(CANCEL, { r }, { token: admin })),
      ...Array.from({ length: 10 }, (_, i) => gql(REGISTER, { e: eventId, name: `Peserta Susulan ${i + 1}` }, { token: admin })),
    ]);
    // Whatever the order, the seats taken never exceed the capacity...
    expect(await activeRegistrations(eventId)).toBeLessThanOrEqual(5);
    // ...and the cancelled seats are free again: topping up fills the event to exactly its capacity.
    for (let i = 0; i < 3; i++) await gql(REGISTER, { e: eventId, name: `Peserta Tambahan ${i + 1}` }, { token: admin });
    expect(await activeRegistrations(eventId)).toBe(5);
  });
});
