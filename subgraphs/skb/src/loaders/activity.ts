import type { EntityManager } from '@mikro-orm/postgresql';
import { columnsOf, groupedByKey, joinedColumns, prepared, readByKeys, readJoined, readRows, whereAny } from '@mitra/kit';
import { EventSession } from '../entities/event-session';
import { Registration } from '../entities/registration';
import { TrainingEvent } from '../entities/training-event';
import { Venue } from '../entities/venue';

/**
 * Batch functions that join or aggregate, one statement each. Keys are
 * already checked to be UUIDs (see `uuidKeys` in ./index.ts).
 */

/** Where the events and venues read beside registrations go: the loaders that would otherwise read them again. */
export interface RegistrationExtras {
  events: { prime(id: string, event: TrainingEvent): unknown };
  venues: { prime(id: string, venue: Venue): unknown };
}

/**
 * A teacher's registrations, ordered by the start of their events, with the
 * events and their venues read in a second statement that primes the
 * request's event and venue loaders: a training history that names events
 * and venues waits for no third statement.
 *
 * Two statements, not one join: joined, PostgreSQL's default costs
 * (`random_page_cost` 4) chose to hash every training event of the partner
 * (5,460 in the bench's world) for a page's hundred registrations, 8 ms
 * against 3 ms for these two on the bench's machine; by ids, the events
 * come from their primary key however the server is tuned.
 */
export async function loadRegistrationsByTeacher(
  em: EntityManager,
  teacherIds: readonly string[],
  extras: RegistrationExtras,
): Promise<Registration[][]> {
  const knex = em.getKnex();
  const registrations = await readByKeys(em, Registration, 'teacher_id', teacherIds, 'uuid', ['id']);
  const eventIds = [...new Set(registrations.map((r) => r.eventId))];
  const rows: Record<string, unknown>[] = eventIds.length
    ? await prepared(
        whereAny(
          knex('training_event as e')
            .select(...columnsOf(em, TrainingEvent, 'e'), ...joinedColumns(em, Venue, 'v'))
            .leftJoin('venue as v', 'v.id', 'e.venue_id'),
          'e.id',
          eventIds,
          'uuid',
        ).orderBy([{ column: 'e.starts_on' }, { column: 'e.id' }]),
      )
    : [];
  const order = new Map<string, number>();
  for (const event of readRows(em, TrainingEvent, rows)) {
    order.set(event.id, order.size);
    extras.events.prime(event.id, event);
  }
  for (const venue of readJoined(em, Venue, 'v', rows)) extras.venues.prime(venue.id, venue);
  // By event start, then event, then registration id (the first statement's order; the sort is stable).
  const held = registrations.filter((r) => order.has(r.eventId));
  held.sort((a, b) => order.get(a.eventId)! - order.get(b.eventId)!);
  return groupedByKey(teacherIds, held, (r) => r.teacherId ?? '');
}

/** The sessions a lecturer facilitates, in time order. */
export async function loadSessionsByLecturer(em: EntityManager, lecturerIds: readonly string[]): Promise<EventSession[][]> {
  const rows: Array<Record<string, unknown> & { facilitator_id: string }> = await em
    .getKnex()('event_session as s')
    .select('s.*', 'f.lecturer_id as facilitator_id')
    .join('session_facilitator as f', 'f.session_id', 's.id')
    .whereIn('f.lecturer_id', [...lecturerIds])
    .orderBy([{ column: 's.starts_at' }, { column: 's.id' }]);
  const pairs = rows.map(({ facilitator_id, ...columns }) => ({ lecturerId: facilitator_id, session: em.map(EventSession, columns) }));
  return groupedByKey(lecturerIds, pairs, (p) => p.lecturerId).map((list) => list.map((p) => p.session));
}

/** The lecturer ids facilitating each session. */
export async function loadFacilitatorsBySession(em: EntityManager, sessionIds: readonly string[]): Promise<string[][]> {
  const rows: Array<{ session_id: string; lecturer_id: string }> = await em
    .getKnex()('session_facilitator')
    .select('session_id', 'lecturer_id')
    .whereIn('session_id', [...sessionIds])
    .orderBy([{ column: 'session_id' }, { column: 'lecturer_id' }]);
  return groupedByKey(sessionIds, rows, (r) => r.session_id).map((list) => list.map((r) => r.lecturer_id));
}
