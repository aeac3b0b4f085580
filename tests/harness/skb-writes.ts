/// <reference types="jest" />
// Jest's globals (expect, beforeAll, ...): these helpers run inside test files only.
import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type LooseBody } from './client';
import { sql } from './db';
import { CALLERS, tokenFor } from './tokens';
import { dayFromToday } from './writes';

/** The SKB's write operations, and the tables a refused one must leave as they were. */
export const EVENT_TABLES = ['training_event', 'registration', 'audit_log'];
const EVENT_FIELDS = 'id title startsOn endsOn capacity status version program { id code } venue { id name capacity }';
export const CREATE = `mutation($input: TrainingEventInput!) { createTrainingEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const UPDATE =
  'mutation($id: ID!, $version: Int!, $input: TrainingEventUpdateInput!) { updateTrainingEvent(id: $id, version: $version, input: $input) { id title startsOn endsOn capacity venue { id } version } }';
export const STATUS =
  'mutation($id: ID!, $status: TrainingEventStatus!) { setTrainingEventStatus(id: $id, status: $status) { id status version } }';
export const REGISTER =
  'mutation($e: ID!, $t: ID, $name: String) { registerParticipant(eventId: $e, teacherId: $t, participantName: $name) { id participantName status teacher { id fullName } event { id } } }';
export const CANCEL = 'mutation($r: ID!) { cancelRegistration(registrationId: $r) { id status } }';
export const ATTEND =
  'mutation($r: ID!, $status: RegistrationStatus!) { recordAttendance(registrationId: $r, status: $status) { id status } }';

export interface SkbWrites {
  /** Tokens of the SKB's admin and staff, under subjects of their own (the audit rows name them). */
  admin: string;
  staff: string;
  /** Five teachers of school 64710002. */
  teachers: Array<{ id: string; full_name: string }>;
  /** The events the test file made: deleted after it, their registrations with them. */
  created: string[];
  /** A valid event (an advanced-tier training in the hall, about 400 days ahead), with `overrides`. */
  eventInput(overrides?: Record<string, unknown>): Record<string, unknown>;
  createEvent(overrides?: Record<string, unknown>): Promise<LooseBody>;
  register(eventId: string, teacherId: string | null, name?: string | null): Promise<LooseBody>;
  /** Moves the event through `statuses`, in order. */
  setStatus(id: string, ...statuses: string[]): Promise<void>;
  /** The event's row as the SKB's database holds it. */
  eventRow(id: string): Promise<Record<string, unknown>>;
}

/**
 * What a test file of SKB writes works with: called once at its top, it
 * mints the tokens and finds the teachers before the tests, and deletes
 * every event the file made after them; the demo events are not touched.
 */
export function skbWrites(): SkbWrites {
  let serial = 0;
  const writes: SkbWrites = {
    admin: '',
    staff: '',
    teachers: [],
    created: [],
    eventInput: (overrides = {}) => ({
      title: `Pelatihan Uji Tulis ${++serial}`,
      programId: DEMO_IDS.programs.advanced,
      venueId: DEMO_IDS.venues.hall,
      startsOn: dayFromToday(400),
      endsOn: dayFromToday(402),
      capacity: 30,
      ...overrides,
    }),
    async createEvent(overrides = {}) {
      const { body } = await gql(CREATE, { input: writes.eventInput(overrides) }, { token: writes.admin });
      expectNoErrors(body);
      writes.created.push(body.data.createTrainingEvent.id);
      return body.data.createTrainingEvent;
    },
    async register(eventId, teacherId, name = null) {
      const { body } = await gql(REGISTER, { e: eventId, t: teacherId, name }, { token: writes.admin });
      expectNoErrors(body);
      return body.data.registerParticipant;
    },
    async setStatus(id, ...statuses) {
      for (const status of statuses) expectNoErrors((await gql(STATUS, { id, status }, { token: writes.admin })).body);
    },
    async eventRow(id) {
      const [row] = await sql(
        'skb',
        "select title, venue_id, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on, capacity, status, version from training_event where id = $1",
        [id],
      );
      return row;
    },
  };

  beforeAll(async () => {
    writes.admin = await tokenFor({ ...CALLERS['skb admin'], sub: 'writes-test:skb-admin' });
    writes.staff = await tokenFor({ ...CALLERS['skb staff'], sub: 'writes-test:skb-staff' });
    writes.teachers = await sql<{ id: string; full_name: string }>(
      'schools',
      "select id, full_name from teacher where school_npsn = '64710002' order by id limit 5",
    );
  });

  afterAll(async () => {
    if (writes.created.length) await sql('skb', 'delete from training_event where id = any($1::uuid[])', [writes.created]);
  });

  return writes;
}
