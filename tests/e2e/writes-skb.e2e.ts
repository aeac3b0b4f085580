import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql, type LooseBody } from '../harness/client';
import { auditOf, rowCounts, sql } from '../harness/db';
import { CALLERS, tokenFor } from '../harness/tokens';
import { UNKNOWN_ID, dayFromToday, expectNothingWritten, expectRefused, yearsFromToday } from './write-helpers';

/**
 * Issue 4, SKB: its admin schedules events and registers participants, its
 * staff records attendance. Programs (university) and teachers (schools)
 * are checked through the gateway. Every event made here is deleted
 * afterwards (its registrations with it); the demo events are not touched.
 */

const EVENT_TABLES = ['training_event', 'registration', 'audit_log'];
const EVENT_FIELDS = 'id title startsOn endsOn capacity status version program { id code } venue { id name capacity }';
const CREATE = `mutation($input: TrainingEventInput!) { createTrainingEvent(input: $input) { ${EVENT_FIELDS} } }`;
const UPDATE = 'mutation($id: ID!, $version: Int!, $input: TrainingEventUpdateInput!) { updateTrainingEvent(id: $id, version: $version, input: $input) { id title startsOn endsOn capacity venue { id } version } }';
const STATUS = 'mutation($id: ID!, $status: TrainingEventStatus!) { setTrainingEventStatus(id: $id, status: $status) { id status version } }';
const REGISTER = 'mutation($e: ID!, $t: ID, $name: String) { registerParticipant(eventId: $e, teacherId: $t, participantName: $name) { id participantName status teacher { id fullName } event { id } } }';
const CANCEL = 'mutation($r: ID!) { cancelRegistration(registrationId: $r) { id status } }';
const ATTEND = 'mutation($r: ID!, $status: RegistrationStatus!) { recordAttendance(registrationId: $r, status: $status) { id status } }';

let admin: string;
let staff: string;
let teachers: Array<{ id: string; full_name: string }>;
const created: string[] = [];

beforeAll(async () => {
  admin = await tokenFor({ ...CALLERS['skb admin'], sub: 'writes-test:skb-admin' });
  staff = await tokenFor({ ...CALLERS['skb staff'], sub: 'writes-test:skb-staff' });
  teachers = await sql<{ id: string; full_name: string }>('schools', "select id, full_name from teacher where school_npsn = '64710002' order by id limit 5");
});

afterAll(async () => {
  if (created.length) await sql('skb', 'delete from training_event where id = any($1::uuid[])', [created]);
});

let serial = 0;
const eventInput = (overrides: Record<string, unknown> = {}) => ({
  title: `Pelatihan Uji Tulis ${++serial}`,
  programId: DEMO_IDS.programs.advanced,
  venueId: DEMO_IDS.venues.hall,
  startsOn: dayFromToday(400),
  endsOn: dayFromToday(402),
  capacity: 30,
  ...overrides,
});

async function createEvent(overrides: Record<string, unknown> = {}): Promise<LooseBody> {
  const { body } = await gql(CREATE, { input: eventInput(overrides) }, { token: admin });
  expectNoErrors(body);
  created.push(body.data.createTrainingEvent.id);
  return body.data.createTrainingEvent;
}

async function register(eventId: string, teacherId: string | null, name: string | null = null): Promise<LooseBody> {
  const { body } = await gql(REGISTER, { e: eventId, t: teacherId, name }, { token: admin });
  expectNoErrors(body);
  return body.data.registerParticipant;
}

async function setStatus(id: string, ...statuses: string[]): Promise<void> {
  for (const status of statuses) expectNoErrors((await gql(STATUS, { id, status }, { token: admin })).body);
}

async function eventRow(id: string): Promise<Record<string, unknown>> {
  const [row] = await sql('skb', "select title, venue_id, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on, capacity, status, version from training_event where id = $1", [id]);
  return row;
}

describe('createTrainingEvent', () => {
  it('schedules a PLANNED event of a university program at a venue, with its audit row', async () => {
    const before = await rowCounts('skb', ['training_event', 'audit_log']);
    const input = eventInput({ title: '  Pelatihan   Mahir Balikpapan ' });
    const { body } = await gql(CREATE, { input }, { token: admin });
    expectNoErrors(body);
    const event = body.data.createTrainingEvent;
    created.push(event.id);
    expect(event).toEqual({
      id: expect.any(String),
      title: 'Pelatihan Mahir Balikpapan',
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: 30,
      status: 'PLANNED',
      version: 1,
      program: { id: DEMO_IDS.programs.advanced, code: 'DB-PAUD-03' },
      venue: { id: DEMO_IDS.venues.hall, name: 'Aula SKB Balikpapan Selatan', capacity: 60 },
    });
    expect(await rowCounts('skb', ['training_event', 'audit_log'])).toEqual({ training_event: before.training_event + 1, audit_log: before.audit_log + 1 });
    const [audit] = await auditOf('skb', event.id);
    expect(audit).toMatchObject({ actor_sub: 'writes-test:skb-admin', actor_org: 'skb:balikpapan-selatan', action: 'createTrainingEvent', entity: 'TrainingEvent' });
    expect(audit.details).toMatchObject({ programId: DEMO_IDS.programs.advanced, capacity: 30 });
  });

  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['a blank title', { title: ' \n ' }, 'input.title'],
    ['a title of 201 characters', { title: 'T'.repeat(201) }, 'input.title'],
    ['an end before the start', { startsOn: dayFromToday(400), endsOn: dayFromToday(399) }, 'input.endsOn'],
    ['an event of more than a year', { startsOn: dayFromToday(10), endsOn: dayFromToday(10 + 366) }, 'input.endsOn'],
    ['a capacity of 0', { capacity: 0 }, 'input.capacity'],
    ['a negative capacity', { capacity: -10 }, 'input.capacity'],
    ['more seats than the venue holds (60)', { capacity: 61 }, 'input.capacity'],
    ['a start in 1999', { startsOn: '1999-06-01', endsOn: '1999-06-02' }, 'input.startsOn'],
    ['a start six years ahead', { startsOn: yearsFromToday(6), endsOn: yearsFromToday(6) }, 'input.startsOn'],
    ['an impossible start (29 February 2027)', { startsOn: '2027-02-29' }, 'input.startsOn'],
    ['an impossible end (31 April)', { endsOn: '2027-04-31' }, 'input.endsOn'],
    ['a program id that is no id', { programId: 'DB-PAUD-03' }, 'input.programId'],
    ['a venue id that is no id', { venueId: 'aula' }, 'input.venueId'],
  ];

  it.each(BAD)('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, field) => {
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(CREATE, { input: eventInput(overrides) }, { token: admin }), 'BAD_USER_INPUT', field);
  });

  it.each([
    ['a program the university does not know (asked through the gateway)', { programId: UNKNOWN_ID }, 'input.programId'],
    ['a venue the SKB does not have', { venueId: UNKNOWN_ID }, 'input.venueId'],
  ])('refuses %s as NOT_FOUND, writing nothing', async (_what, overrides, field) => {
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(CREATE, { input: eventInput(overrides) }, { token: admin }), 'NOT_FOUND', field);
  });
});

describe('updateTrainingEvent', () => {
  it('changes the fields given, moves the version on, and audits it', async () => {
    const event = await createEvent();
    const { body } = await gql(UPDATE, { id: event.id, version: 1, input: { title: 'Pelatihan Mahir (jadwal baru)', capacity: 45, endsOn: dayFromToday(403) } }, { token: admin });
    expectNoErrors(body);
    expect(body.data.updateTrainingEvent).toEqual({
      id: event.id,
      title: 'Pelatihan Mahir (jadwal baru)',
      startsOn: event.startsOn,
      endsOn: dayFromToday(403),
      capacity: 45,
      venue: { id: DEMO_IDS.venues.hall },
      version: 2,
    });
    const trail = await auditOf('skb', event.id);
    expect(trail.map((a) => a.action)).toEqual(['createTrainingEvent', 'updateTrainingEvent']);
    expect(trail[1].details).toMatchObject({ fromVersion: 1, changes: { capacity: 45 } });
  });

  it('refuses a stale version as CONFLICT and changes nothing', async () => {
    const event = await createEvent();
    expectNoErrors((await gql(UPDATE, { id: event.id, version: 1, input: { capacity: 20 } }, { token: admin })).body);
    const row = await eventRow(event.id);
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(UPDATE, { id: event.id, version: 1, input: { capacity: 25 } }, { token: admin }), 'CONFLICT', 'version');
    expect(await eventRow(event.id)).toEqual(row);
  });

  it('counts a status change as a change: a version read before it is stale', async () => {
    const event = await createEvent();
    await setStatus(event.id, 'OPEN');
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(UPDATE, { id: event.id, version: 1, input: { title: 'Late Edit' } }, { token: admin }), 'CONFLICT', 'version');
    expectNoErrors((await gql(UPDATE, { id: event.id, version: 2, input: { title: 'Fresh Edit' } }, { token: admin })).body);
  });

  const BAD: Array<[string, Record<string, unknown>, string]> = [
    ['more seats than the venue holds', { capacity: 61 }, 'input.capacity'],
    ['a venue too small for the seats (the classroom holds 30)', { venueId: DEMO_IDS.venues.classroom }, 'input.venueId'],
    ['a start after the end', { startsOn: dayFromToday(500) }, 'input.startsOn'],
    ['an end before the start', { endsOn: dayFromToday(300) }, 'input.endsOn'],
    ['a null title', { title: null }, 'input.title'],
    ['a capacity of 0', { capacity: 0 }, 'input.capacity'],
    ['nothing to change', {}, 'input'],
  ];

  it.each(BAD)('refuses %s as BAD_USER_INPUT, changing nothing', async (_what, input, field) => {
    const event = await createEvent({ capacity: 40 });
    const row = await eventRow(event.id);
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(UPDATE, { id: event.id, version: 1, input }, { token: admin }), 'BAD_USER_INPUT', field);
    expect(await eventRow(event.id)).toEqual(row);
  });

  it('refuses a capacity below the participants already registered as CONFLICT', async () => {
    const event = await createEvent({ capacity: 5 });
    for (const name of ['Peserta A', 'Peserta B', 'Peserta C']) await register(event.id, null, name);
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(UPDATE, { id: event.id, version: 1, input: { capacity: 2 } }, { token: admin }), 'CONFLICT', 'input.capacity');
    expectNoErrors((await gql(UPDATE, { id: event.id, version: 1, input: { capacity: 3 } }, { token: admin })).body);
  });

  it('answers NOT_FOUND for an unknown event or venue', async () => {
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(UPDATE, { id: UNKNOWN_ID, version: 1, input: { title: 'X' } }, { token: admin }), 'NOT_FOUND', 'id');
    const event = await createEvent();
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(UPDATE, { id: event.id, version: 1, input: { venueId: UNKNOWN_ID } }, { token: admin }), 'NOT_FOUND', 'input.venueId');
  });
});

describe('setTrainingEventStatus', () => {
  it('moves PLANNED → OPEN → ONGOING → COMPLETED, each a new version, each audited', async () => {
    const event = await createEvent();
    const seen: Array<[string, number]> = [];
    for (const status of ['OPEN', 'ONGOING', 'COMPLETED']) {
      const { body } = await gql(STATUS, { id: event.id, status }, { token: admin });
      expectNoErrors(body);
      seen.push([body.data.setTrainingEventStatus.status, body.data.setTrainingEventStatus.version]);
    }
    expect(seen).toEqual([['OPEN', 2], ['ONGOING', 3], ['COMPLETED', 4]]);
    const trail = await auditOf('skb', event.id);
    expect(trail.slice(1).map((a) => a.details)).toEqual([
      { from: 'PLANNED', to: 'OPEN' },
      { from: 'OPEN', to: 'ONGOING' },
      { from: 'ONGOING', to: 'COMPLETED' },
    ]);
  });

  it.each([
    [[], 'CANCELLED'],
    [['OPEN'], 'CANCELLED'],
    [['OPEN', 'ONGOING'], 'CANCELLED'],
    [['OPEN', 'ONGOING', 'COMPLETED'], 'CANCELLED'],
  ])('cancels from any status (after %j)', async (path, status) => {
    const event = await createEvent();
    await setStatus(event.id, ...path);
    const { body } = await gql(STATUS, { id: event.id, status }, { token: admin });
    expectNoErrors(body);
    expect(body.data.setTrainingEventStatus.status).toBe('CANCELLED');
  });

  it.each([
    [[], 'ONGOING'],
    [[], 'COMPLETED'],
    [[], 'PLANNED'],
    [['OPEN'], 'PLANNED'],
    [['OPEN'], 'COMPLETED'],
    [['OPEN', 'ONGOING'], 'OPEN'],
    [['OPEN', 'ONGOING', 'COMPLETED'], 'ONGOING'],
    [['CANCELLED'], 'OPEN'],
    [['CANCELLED'], 'CANCELLED'],
  ])('refuses the move after %j to %s as BAD_USER_INPUT, changing nothing', async (path, status) => {
    const event = await createEvent();
    await setStatus(event.id, ...path);
    const row = await eventRow(event.id);
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(STATUS, { id: event.id, status }, { token: admin }), 'BAD_USER_INPUT', 'status');
    expect(await eventRow(event.id)).toEqual(row);
  });
});

describe('registerParticipant', () => {
  it("registers a teacher under her name as the schools partner holds it, and a community member by name", async () => {
    const event = await createEvent();
    const before = await rowCounts('skb', ['registration', 'audit_log']);
    const teacher = await register(event.id, teachers[0].id);
    expect(teacher).toEqual({
      id: expect.any(String),
      participantName: teachers[0].full_name,
      status: 'REGISTERED',
      teacher: { id: teachers[0].id, fullName: teachers[0].full_name },
      event: { id: event.id },
    });
    const named = await register(event.id, teachers[1].id, 'Bu Ani (nama panggilan)');
    expect(named).toMatchObject({ participantName: 'Bu Ani (nama panggilan)', teacher: { id: teachers[1].id } });
    const guest = await register(event.id, null, 'Sri Wahyuni (PKK Muara Jawa)');
    expect(guest).toMatchObject({ participantName: 'Sri Wahyuni (PKK Muara Jawa)', teacher: null });
    expect(await rowCounts('skb', ['registration', 'audit_log'])).toEqual({ registration: before.registration + 3, audit_log: before.audit_log + 3 });
    const [audit] = await auditOf('skb', teacher.id);
    expect(audit).toMatchObject({ action: 'registerParticipant', entity: 'Registration', details: { eventId: event.id, teacherId: teachers[0].id } });

    const history = await gql('query($t: ID!) { teacher(id: $t) { trainingHistory { id status event { title } } } }', { t: teachers[0].id }, { token: admin });
    expectNoErrors(history.body);
    expect(history.body.data.teacher.trainingHistory).toContainEqual({ id: teacher.id, status: 'REGISTERED', event: { title: event.title } });
  });

  it.each([
    ['neither a teacher nor a name', { t: null, name: null }, 'participantName'],
    ['a blank name', { t: null, name: '   ' }, 'participantName'],
    ['a name of 151 characters', { t: null, name: 'N'.repeat(151) }, 'participantName'],
    ['a teacher id that is no id', { t: 'guru-7', name: null }, 'teacherId'],
  ])('refuses %s as BAD_USER_INPUT, writing nothing', async (_what, variables, field) => {
    const event = await createEvent();
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: event.id, ...variables }, { token: admin }), 'BAD_USER_INPUT', field);
  });

  it('refuses an event id that is no id as BAD_USER_INPUT, and unknown keys as NOT_FOUND, writing nothing', async () => {
    const event = await createEvent();
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: 'event-1', name: 'X' }, { token: admin }), 'BAD_USER_INPUT', 'eventId');
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: UNKNOWN_ID, name: 'X' }, { token: admin }), 'NOT_FOUND', 'eventId');
    // The teacher is the schools partner's: asked through the gateway, never its database.
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: event.id, t: UNKNOWN_ID }, { token: admin }), 'NOT_FOUND', 'teacherId');
  });

  it('refuses a teacher registered twice as CONFLICT, writing nothing', async () => {
    const event = await createEvent();
    await register(event.id, teachers[2].id);
    const body = await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: event.id, t: teachers[2].id, name: 'Another Spelling' }, { token: admin }), 'CONFLICT', 'teacherId');
    expect(body.errors[0].message).toBe('teacherId: the teacher is already registered for this event');
  });

  it('refuses a registration beyond the capacity as CONFLICT, writing nothing', async () => {
    const event = await createEvent({ capacity: 2 });
    await register(event.id, null, 'Peserta Satu');
    await register(event.id, teachers[0].id);
    const body = await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: event.id, name: 'Peserta Tiga' }, { token: admin }), 'CONFLICT', 'eventId');
    expect(body.errors[0].message).toMatch(/full/);
  });

  it.each([['CANCELLED'], ['COMPLETED']])('refuses registrations for a %s event as CONFLICT', async (status) => {
    const event = await createEvent();
    await setStatus(event.id, ...(status === 'CANCELLED' ? ['CANCELLED'] : ['OPEN', 'ONGOING', 'COMPLETED']));
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: event.id, name: 'Terlambat' }, { token: admin }), 'CONFLICT', 'eventId');
  });

  it('refuses the SKB staff as FORBIDDEN', async () => {
    const event = await createEvent();
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(REGISTER, { e: event.id, name: 'X' }, { token: staff }), 'FORBIDDEN');
  });
});

describe('cancelRegistration', () => {
  it('frees the seat, and the teacher may register again (the cancelled row stays as history)', async () => {
    const event = await createEvent({ capacity: 1 });
    const first = await register(event.id, teachers[3].id);
    const { body } = await gql(CANCEL, { r: first.id }, { token: admin });
    expectNoErrors(body);
    expect(body.data.cancelRegistration).toEqual({ id: first.id, status: 'CANCELLED' });
    const again = await register(event.id, teachers[3].id);
    expect(again.id).not.toBe(first.id);
    const rows = await sql<{ status: string }>('skb', 'select status from registration where event_id = $1 order by status', [event.id]);
    expect(rows.map((r) => r.status)).toEqual(['CANCELLED', 'REGISTERED']);
    expect((await auditOf('skb', first.id)).map((a) => a.action)).toEqual(['registerParticipant', 'cancelRegistration']);
  });

  it('refuses to cancel twice, or after attendance was recorded, as CONFLICT; an unknown registration is NOT_FOUND', async () => {
    const event = await createEvent({ startsOn: dayFromToday(-1), endsOn: dayFromToday(1) });
    const cancelled = await register(event.id, null, 'Peserta Batal');
    expectNoErrors((await gql(CANCEL, { r: cancelled.id }, { token: admin })).body);
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(CANCEL, { r: cancelled.id }, { token: admin }), 'CONFLICT', 'registrationId');
    const attended = await register(event.id, null, 'Peserta Hadir');
    expectNoErrors((await gql(ATTEND, { r: attended.id, status: 'ATTENDED' }, { token: staff })).body);
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(CANCEL, { r: attended.id }, { token: admin }), 'CONFLICT', 'registrationId');
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(CANCEL, { r: UNKNOWN_ID }, { token: admin }), 'NOT_FOUND', 'registrationId');
  });
});

describe('recordAttendance', () => {
  it("records the SKB staff's attendance, corrects it, and leaves no row for a repeat", async () => {
    const event = await createEvent({ startsOn: dayFromToday(-2), endsOn: dayFromToday(0) });
    const [a, b] = [await register(event.id, teachers[4].id), await register(event.id, null, 'Peserta Lain')];
    for (const [r, status] of [[a.id, 'ATTENDED'], [b.id, 'ATTENDED'], [b.id, 'NO_SHOW'], [b.id, 'NO_SHOW']]) {
      const { body } = await gql(ATTEND, { r, status }, { token: staff });
      expectNoErrors(body);
      expect(body.data.recordAttendance).toEqual({ id: r, status });
    }
    const trail = await auditOf('skb', b.id);
    expect(trail.map((x) => [x.action, x.actor_sub])).toEqual([
      ['registerParticipant', 'writes-test:skb-admin'],
      ['recordAttendance', 'writes-test:skb-staff'],
      ['recordAttendance', 'writes-test:skb-staff'],
    ]);
    expect(trail[2].details).toEqual({ eventId: event.id, from: 'ATTENDED', to: 'NO_SHOW' });
    const rate = await gql('query($e: ID!) { trainingEvent(id: $e) { attendanceRate } }', { e: event.id });
    expect(rate.body.data.trainingEvent.attendanceRate).toBe(0.5);
  });

  it.each([['REGISTERED'], ['CANCELLED']])('refuses %s as an attendance (BAD_USER_INPUT naming status)', async (status) => {
    const event = await createEvent({ startsOn: dayFromToday(-1), endsOn: dayFromToday(0) });
    const r = await register(event.id, null, 'Peserta');
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(ATTEND, { r: r.id, status }, { token: staff }), 'BAD_USER_INPUT', 'status');
  });

  it('refuses attendance on a cancelled event as CONFLICT, changing nothing', async () => {
    const event = await createEvent({ startsOn: dayFromToday(-1), endsOn: dayFromToday(0) });
    const r = await register(event.id, null, 'Peserta');
    await setStatus(event.id, 'CANCELLED');
    const body = await expectNothingWritten('skb', EVENT_TABLES, () => gql(ATTEND, { r: r.id, status: 'ATTENDED' }, { token: staff }), 'CONFLICT', 'registrationId');
    expect(body.errors[0].message).toMatch(/cancelled/);
    expect((await sql<{ status: string }>('skb', 'select status from registration where id = $1', [r.id]))[0].status).toBe('REGISTERED');
  });

  it('refuses attendance before the event starts, or on a cancelled registration, as CONFLICT; unknown is NOT_FOUND', async () => {
    const future = await createEvent();
    const early = await register(future.id, null, 'Peserta Awal');
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(ATTEND, { r: early.id, status: 'ATTENDED' }, { token: staff }), 'CONFLICT', 'registrationId');
    const started = await createEvent({ startsOn: dayFromToday(-1), endsOn: dayFromToday(0) });
    const gone = await register(started.id, null, 'Peserta Batal');
    expectNoErrors((await gql(CANCEL, { r: gone.id }, { token: admin })).body);
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(ATTEND, { r: gone.id, status: 'ATTENDED' }, { token: staff }), 'CONFLICT', 'registrationId');
    await expectNothingWritten('skb', EVENT_TABLES, () => gql(ATTEND, { r: UNKNOWN_ID, status: 'ATTENDED' }, { token: staff }), 'NOT_FOUND', 'registrationId');
    const { body } = await gql(ATTEND, { r: 'r-1', status: 'ATTENDED' }, { token: staff });
    expectRefused(body, 'BAD_USER_INPUT', 'registrationId');
  });
});
