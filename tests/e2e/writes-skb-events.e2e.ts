import { DEMO_IDS } from '@mitra/fixtures';
import { expectNoErrors, gql } from '../harness/client';
import { auditOf, rowCounts } from '../harness/db';
import { CREATE, EVENT_TABLES, STATUS, UPDATE, skbWrites } from '../harness/skb-writes';
import { UNKNOWN_ID, dayFromToday, expectNothingWritten, yearsFromToday } from '../harness/writes';

/**
 * Issue 4, SKB events: its admin schedules training events of university
 * programs (checked through the gateway) at its venues, changes them and
 * moves them through their statuses, each change versioned and audited.
 * Every event made here is deleted afterwards; the demo events are not
 * touched. Registrations and attendance: writes-skb-registrations.e2e.ts.
 */

const skb = skbWrites();

describe('createTrainingEvent', () => {
  it('schedules a PLANNED event of a university program at a venue, with its audit row', async () => {
    const before = await rowCounts('skb', ['training_event', 'audit_log']);
    const input = skb.eventInput({ title: '  Pelatihan   Mahir Balikpapan ' });
    const { body } = await gql(CREATE, { input }, { token: skb.admin });
    expectNoErrors(body);
    const event = body.data.createTrainingEvent;
    skb.created.push(event.id);
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
    expect(await rowCounts('skb', ['training_event', 'audit_log'])).toEqual({
      training_event: before.training_event + 1,
      audit_log: before.audit_log + 1,
    });
    const [audit] = await auditOf('skb', event.id);
    expect(audit).toMatchObject({
      actor_sub: 'writes-test:skb-admin',
      actor_org: 'skb:balikpapan-selatan',
      action: 'createTrainingEvent',
      entity: 'TrainingEvent',
    });
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
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(CREATE, { input: skb.eventInput(overrides) }, { token: skb.admin }),
      'BAD_USER_INPUT',
      field,
    );
  });

  it.each([
    ['a program the university does not know (asked through the gateway)', { programId: UNKNOWN_ID }, 'input.programId'],
    ['a venue the SKB does not have', { venueId: UNKNOWN_ID }, 'input.venueId'],
  ])('refuses %s as NOT_FOUND, writing nothing', async (_what, overrides, field) => {
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(CREATE, { input: skb.eventInput(overrides) }, { token: skb.admin }),
      'NOT_FOUND',
      field,
    );
  });
});

describe('updateTrainingEvent', () => {
  it('changes the fields given, moves the version on, and audits it', async () => {
    const event = await skb.createEvent();
    const { body } = await gql(
      UPDATE,
      { id: event.id, version: 1, input: { title: 'Pelatihan Mahir (jadwal baru)', capacity: 45, endsOn: dayFromToday(403) } },
      { token: skb.admin },
    );
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
    const event = await skb.createEvent();
    expectNoErrors((await gql(UPDATE, { id: event.id, version: 1, input: { capacity: 20 } }, { token: skb.admin })).body);
    const row = await skb.eventRow(event.id);
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(UPDATE, { id: event.id, version: 1, input: { capacity: 25 } }, { token: skb.admin }),
      'CONFLICT',
      'version',
    );
    expect(await skb.eventRow(event.id)).toEqual(row);
  });

  it('counts a status change as a change: a version read before it is stale', async () => {
    const event = await skb.createEvent();
    await skb.setStatus(event.id, 'OPEN');
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(UPDATE, { id: event.id, version: 1, input: { title: 'Late Edit' } }, { token: skb.admin }),
      'CONFLICT',
      'version',
    );
    expectNoErrors((await gql(UPDATE, { id: event.id, version: 2, input: { title: 'Fresh Edit' } }, { token: skb.admin })).body);
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
    const event = await skb.createEvent({ capacity: 40 });
    const row = await skb.eventRow(event.id);
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(UPDATE, { id: event.id, version: 1, input }, { token: skb.admin }),
      'BAD_USER_INPUT',
      field,
    );
    expect(await skb.eventRow(event.id)).toEqual(row);
  });

  it('refuses a capacity below the participants already registered as CONFLICT', async () => {
    const event = await skb.createEvent({ capacity: 5 });
    for (const name of ['Peserta A', 'Peserta B', 'Peserta C']) await skb.register(event.id, null, name);
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(UPDATE, { id: event.id, version: 1, input: { capacity: 2 } }, { token: skb.admin }),
      'CONFLICT',
      'input.capacity',
    );
    expectNoErrors((await gql(UPDATE, { id: event.id, version: 1, input: { capacity: 3 } }, { token: skb.admin })).body);
  });

  it('answers NOT_FOUND for an unknown event or venue', async () => {
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(UPDATE, { id: UNKNOWN_ID, version: 1, input: { title: 'X' } }, { token: skb.admin }),
      'NOT_FOUND',
      'id',
    );
    const event = await skb.createEvent();
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(UPDATE, { id: event.id, version: 1, input: { venueId: UNKNOWN_ID } }, { token: skb.admin }),
      'NOT_FOUND',
      'input.venueId',
    );
  });
});

describe('setTrainingEventStatus', () => {
  it('moves PLANNED → OPEN → ONGOING → COMPLETED, each a new version, each audited', async () => {
    const event = await skb.createEvent();
    const seen: Array<[string, number]> = [];
    for (const status of ['OPEN', 'ONGOING', 'COMPLETED']) {
      const { body } = await gql(STATUS, { id: event.id, status }, { token: skb.admin });
      expectNoErrors(body);
      seen.push([body.data.setTrainingEventStatus.status, body.data.setTrainingEventStatus.version]);
    }
    expect(seen).toEqual([
      ['OPEN', 2],
      ['ONGOING', 3],
      ['COMPLETED', 4],
    ]);
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
    const event = await skb.createEvent();
    await skb.setStatus(event.id, ...path);
    const { body } = await gql(STATUS, { id: event.id, status }, { token: skb.admin });
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
    const event = await skb.createEvent();
    await skb.setStatus(event.id, ...path);
    const row = await skb.eventRow(event.id);
    await expectNothingWritten(
      'skb',
      EVENT_TABLES,
      () => gql(STATUS, { id: event.id, status }, { token: skb.admin }),
      'BAD_USER_INPUT',
      'status',
    );
    expect(await skb.eventRow(event.id)).toEqual(row);
  });
});
