import type { EntityManager } from '@mikro-orm/postgresql';

/** An event's registrations by status (cancelled ones left out). */
export interface EventAttendance {
  id: string;
  programId: string;
  attended: number;
  noShow: number;
  /** Registered and not yet marked: the event is ahead, or its attendance not recorded yet. */
  pending: number;
}

/** Everything the SKB's training statistics are made of, read in the caller's transaction (one snapshot). */
export interface SkbTrainingRows {
  events: EventAttendance[];
  /** The years of the events each teacher attended (by the event's first day). */
  attendedYears: Map<string, Set<number>>;
}

export async function loadTrainingRows(em: EntityManager): Promise<SkbTrainingRows> {
  const events = await em.execute<Array<{ id: string; program_id: string; attended: number; no_show: number; pending: number }>>(
    `select e.id, e.program_id,
            count(r.id) filter (where r.status = 'ATTENDED')::int as attended,
            count(r.id) filter (where r.status = 'NO_SHOW')::int as no_show,
            count(r.id) filter (where r.status = 'REGISTERED')::int as pending
       from training_event e left join registration r on r.event_id = e.id
      group by e.id, e.program_id`,
  );
  const attended = await em.execute<Array<{ teacher_id: string; year: number }>>(
    `select distinct r.teacher_id, extract(year from e.starts_on)::int as year
       from registration r join training_event e on e.id = r.event_id
      where r.status = 'ATTENDED' and r.teacher_id is not null`,
  );
  const attendedYears = new Map<string, Set<number>>();
  for (const r of attended) {
    const years = attendedYears.get(r.teacher_id) ?? new Set<number>();
    years.add(Number(r.year));
    attendedYears.set(r.teacher_id, years);
  }
  return {
    events: events.map((e) => ({
      id: e.id,
      programId: e.program_id,
      attended: Number(e.attended),
      noShow: Number(e.no_show),
      pending: Number(e.pending),
    })),
    attendedYears,
  };
}
