import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedByKey, readRows } from '@mitra/kit';
import { EventSession } from '../entities/event-session';
import { Registration } from '../entities/registration';

/**
 * Batch functions that join or aggregate, one statement each. Keys are
 * already checked to be UUIDs (see `uuidKeys` in ./index.ts).
 */

/** A teacher's registrations, ordered by the start of their events. */
export async function loadRegistrationsByTeacher(em: EntityManager, teacherIds: readonly string[]): Promise<Registration[][]> {
  const rows: Record<string, unknown>[] = await em
    .getKnex()('registration as r')
    .select('r.*')
    .join('training_event as e', 'e.id', 'r.event_id')
    .whereIn('r.teacher_id', [...teacherIds])
    .orderBy([{ column: 'e.starts_on' }, { column: 'e.id' }, { column: 'r.id' }]);
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
