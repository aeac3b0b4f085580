import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedByKey, joinedColumns, readJoined, readRows } from '@mitra/kit';
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
 * A teacher's registrations, ordered by the start of their events, each
 * with its event and the event's venue in the same statement: these prime
 * the request's event and venue loaders, so that a training history that
 * names events and venues waits for no second and third statement.
 */
export async function loadRegistrationsByTeacher(
  em: EntityManager,
  teacherIds: readonly string[],
  extras: RegistrationExtras,
): Promise<Registration[][]> {
  const rows: Record<string, unknown>[] = await em
    .getKnex()('registration as r')
    .select('r.*', ...joinedColumns(em, TrainingEvent, 'e'), ...joinedColumns(em, Venue, 'v'))
    .join('training_event as e', 'e.id', 'r.event_id')
    .leftJoin('venue as v', 'v.id', 'e.venue_id')
    .whereIn('r.teacher_id', [...teacherIds])
    .orderBy([{ column: 'e.starts_on' }, { column: 'e.id' }, { column: 'r.id' }]);
  for (const event of readJoined(em, TrainingEvent, 'e', rows)) extras.events.prime(event.id, event);
  for (const venue of readJoined(em, Venue, 'v', rows)) extras.venues.prime(venue.id, venue);
  return groupedByKey(teacherIds, readRows(em, Registration, rows), (r) => r.teacherId ?? '');
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
