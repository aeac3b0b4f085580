import { sql } from './db';

/**
 * Who may see whom, computed independently of the services: straight from
 * the partners' databases, by the rule of README "Who may see whom" (a
 * school: its own teachers; an SKB: those registered for events at its
 * venues; a university or provider: those registered for its programs'
 * events or assessed in them, and the teachers of schools its partnerships
 * in force cover). Tests compare what a caller is shown with this.
 */
export interface Reach {
  /** Every teacher the organisation may see. */
  teachers: Set<string>;
  /** Those whose NUPTK it reads too. */
  nuptk: Set<string>;
}

/** Today in the partners' calendar (WITA), as partnerships are dated. */
function partnershipToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

export async function reachOf(org: string): Promise<Reach> {
  const [kind, id] = [org.slice(0, org.indexOf(':')), org.slice(org.indexOf(':') + 1)];
  if (kind === 'school') {
    const own = (await sql<{ id: string }>('schools', 'select id from teacher where school_npsn = $1', [id])).map((t) => t.id);
    return { teachers: new Set(own), nuptk: new Set(own) };
  }
  if (kind === 'skb') {
    const registered = await sql<{ teacher_id: string }>(
      'skb',
      `select distinct r.teacher_id from registration r join training_event e on e.id = r.event_id join venue v on v.id = e.venue_id
        where v.owner_org = $1 and r.teacher_id is not null`,
      [org],
    );
    const ids = registered.map((r) => r.teacher_id);
    return { teachers: new Set(ids), nuptk: new Set(ids) };
  }
  if (kind === 'university' || kind === 'provider') {
    const programs = (await sql<{ id: string }>('university', 'select id from training_program where provider_org = $1', [org])).map(
      (p) => p.id,
    );
    const registered = (
      await sql<{ teacher_id: string }>(
        'skb',
        `select distinct r.teacher_id from registration r join training_event e on e.id = r.event_id
          where e.program_id = any($1::uuid[]) and r.teacher_id is not null`,
        [programs],
      )
    ).map((r) => r.teacher_id);
    const assessed = (
      await sql<{ teacher_id: string }>('university', 'select distinct teacher_id from assessment where program_id = any($1::uuid[])', [
        programs,
      ])
    ).map((a) => a.teacher_id);
    const today = partnershipToday();
    const npsns = (
      await sql<{ school_npsn: string }>(
        'university',
        `select distinct school_npsn from partnership where provider_org = $1 and signed_on <= $2::date and (valid_until is null or valid_until >= $2::date)`,
        [org, today],
      )
    ).map((p) => p.school_npsn);
    const covered = (await sql<{ id: string }>('schools', 'select id from teacher where school_npsn = any($1::text[])', [npsns])).map(
      (t) => t.id,
    );
    return { teachers: new Set([...registered, ...assessed, ...covered]), nuptk: new Set(registered) };
  }
  return { teachers: new Set(), nuptk: new Set() };
}

/** How many of the teachers a schools-database query returns (`select id from teacher t ...`) the organisation sees. */
export async function visibleCount(org: string, teacherIdsQuery: string, params: unknown[] = []): Promise<number> {
  const reach = await reachOf(org);
  const ids = (await sql<{ id: string }>('schools', teacherIdsQuery, params)).map((t) => t.id);
  return ids.filter((id) => reach.teachers.has(id)).length;
}
