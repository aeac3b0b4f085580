import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, keySetParams } from '@mitra/kit';

/** A set of teachers (a district's) and the year its coverage is limited to (null: all years). */
export interface CoverageKey {
  teacherKeys: string[];
  year: number | null;
}

/**
 * Teachers with at least one attended event, for many key sets at once: one
 * statement per batch, the key sets flattened with their position.
 */
export async function loadTrainedCounts(em: EntityManager, sets: readonly CoverageKey[]): Promise<number[]> {
  const { positions, keys, count } = keySetParams(sets.map((s) => s.teacherKeys));
  if (!count) return sets.map(() => 0);
  // The year of each set by its position; 0 for all years.
  const years = sets.map((s) => s.year ?? 0).join(',');
  const rows: Array<{ idx: number; trained: number }> = await em.getConnection().execute(
    `select k.idx, count(distinct r.teacher_id)::int as trained
       from unnest(string_to_array(?, ',')::int[], string_to_array(?, ',')::uuid[]) as k(idx, teacher_id)
       join registration r on r.teacher_id = k.teacher_id and r.status = 'ATTENDED'
       join training_event e on e.id = r.event_id
      where (string_to_array(?, ',')::int[])[k.idx + 1] in (0, extract(year from e.starts_on)::int)
      group by k.idx`,
    [positions, keys, years],
  );
  const counts = new Map(rows.map((r) => [Number(r.idx), Number(r.trained)]));
  return sets.map((_, i) => counts.get(i) ?? 0);
}

/** Registrations of a program's events that were not cancelled, and how many of them were attended. */
export interface AttendanceCounts {
  counted: number;
  attended: number;
}

/** Attendance at the events of many programs: one statement per batch. */
export async function loadProgramAttendance(em: EntityManager, programIds: readonly string[]): Promise<AttendanceCounts[]> {
  const valid = [...new Set(programIds.filter(isUuid).map((id) => id.toLowerCase()))];
  const rows: Array<{ program_id: string; counted: number; attended: number }> = valid.length
    ? await em.getConnection().execute(
        `select e.program_id, count(*) filter (where r.status <> 'CANCELLED')::int as counted,
                count(*) filter (where r.status = 'ATTENDED')::int as attended
           from registration r join training_event e on e.id = r.event_id
          where e.program_id = any(string_to_array(?, ',')::uuid[])
          group by e.program_id`,
        [valid.join(',')],
      )
    : [];
  const byId = new Map(rows.map((r) => [r.program_id, { counted: Number(r.counted), attended: Number(r.attended) }]));
  return programIds.map((id) => byId.get(id.toLowerCase()) ?? { counted: 0, attended: 0 });
}
