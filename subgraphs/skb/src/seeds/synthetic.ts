import { BulkInsert, type SyntheticLoad } from '@mitra/fixtures';

/**
 * The skb's slice of a synthetic world: a venue or two per district, the
 * training events each district holds per year with their sessions and
 * facilitating lecturers, and the registrations of teachers (and of some
 * community members) with what became of them.
 */
export async function seedSynthetic({ client, world, progress }: SyntheticLoad): Promise<void> {
  const { layout } = world;
  const venues = new BulkInsert(
    client,
    'venue',
    [
      ['id', 'uuid'],
      ['name', 'text'],
      ['address', 'text'],
      ['district_code', 'text'],
      ['capacity', 'integer'],
      ['owner_org', 'text'],
    ],
    progress,
  );
  for (let v = 0; v < layout.venueCount; v++) {
    const venue = world.venue(v);
    await venues.add(venue.id, venue.name, venue.address, venue.districtCode, venue.capacity, venue.ownerOrg);
  }
  await venues.close();

  const events = new BulkInsert(
    client,
    'training_event',
    [
      ['id', 'uuid'],
      ['title', 'text'],
      ['program_id', 'uuid'],
      ['venue_id', 'uuid'],
      ['starts_on', 'date'],
      ['ends_on', 'date'],
      ['capacity', 'integer'],
      ['status', 'text'],
    ],
    progress,
  );
  const sessions = new BulkInsert(
    client,
    'event_session',
    [
      ['id', 'uuid'],
      ['event_id', 'uuid'],
      ['day', 'integer'],
      ['kind', 'text'],
      ['topic', 'text'],
      ['starts_at', 'timestamptz'],
      ['ends_at', 'timestamptz'],
    ],
    progress,
    events,
  );
  const facilitators = new BulkInsert(
    client,
    'session_facilitator',
    [
      ['session_id', 'uuid'],
      ['lecturer_id', 'uuid'],
    ],
    progress,
    sessions,
  );
  const columns = [
    ['id', 'uuid'],
    ['event_id', 'uuid'],
    ['teacher_id', 'uuid'],
    ['participant_name', 'text'],
    ['status', 'text'],
  ] as const;
  const guests = new BulkInsert(client, 'registration', columns, progress, events);
  for (let e = 0; e < layout.eventCount; e++) {
    if ((e & 255) === 0) progress.step('events', e, layout.eventCount);
    const event = world.event(e);
    await events.add(event.id, event.title, event.programId, event.venueId, event.startsOn, event.endsOn, event.capacity, event.status);
    for (const s of event.sessions) {
      await sessions.add(s.id, event.id, s.day, s.kind, s.topic, s.startsAt, s.endsAt);
      for (const lecturerId of s.facilitatorIds) await facilitators.add(s.id, lecturerId);
    }
    for (const r of world.guests(e)) await guests.add(r.id, r.eventId, r.teacherId, r.participantName, r.status);
  }
  await events.close();
  await sessions.close();
  await facilitators.close();
  await guests.close();

  const registrations = new BulkInsert(client, 'registration', columns, progress);
  for (const district of world.districts) {
    const end = district.firstTeacher + district.teachers;
    for (let i = district.firstTeacher; i < end; i++) {
      for (const r of world.activity(i, district.index).registrations) {
        await registrations.add(r.id, r.eventId, r.teacherId, r.participantName, r.status);
      }
      if ((i & 1023) === 0) progress.teachers(i);
    }
    progress.teachers(end);
  }
  await registrations.close();
}
