import type { Viewer } from '@mitra/runtime';

/**
 * Who may see whom: the one rule for person-level data (a teacher, her
 * qualifications, registrations and assessments), written down once here and
 * as the table "Who may see whom" in README.md. A caller sees a teacher only
 * where its organisation has a relation with her; everywhere else she is
 * absent: not in lists, `totalCount` agreeing, and null by id or by
 * reference, like an unknown id.
 *
 * | caller                  | sees the teachers                                   | personal fields (birth date, NUPTK) |
 * |-------------------------|-----------------------------------------------------|-------------------------------------|
 * | a school                | of its own school                                   | of its own teachers                 |
 * | an SKB                  | registered for one of its events                    | none (NUPTK: see below)             |
 * | a university, provider  | registered for or assessed in one of its programs,  | none (NUPTK: see below)             |
 * |                         | or of a school its active partnership covers        |                                     |
 * | a government office    | none: statistics only                               | none                                |
 * | anonymous               | none                                                | none                                |
 *
 * NUPTK is also shown to the organiser and the provider of an event she is
 * registered for, who need it for certificates. Statistics are not
 * person-level: every token reads aggregates.
 *
 * Stage reached so far (issue 12): the school rows hold. SKBs and providers
 * still see every teacher until the relations they hold (registrations,
 * assessments, partnerships, which live in their own subgraphs) reach the
 * schools subgraph; their personal fields are already withheld.
 */
export interface PersonReach {
  /** Every teacher is visible (the interim answer for SKBs and providers). */
  readonly everyone: boolean;
  /** Schools (NPSN) all of whose teachers are visible. */
  readonly schools: readonly string[];
  /** Single teachers (id) visible besides those schools'. */
  readonly teachers: readonly string[];
}

const NOBODY: PersonReach = { everyone: false, schools: [], teachers: [] };

/** The teachers a caller may see, as far as its token alone tells (a school: its own). */
export function personReach(viewer: Viewer | null): PersonReach {
  if (!viewer) return NOBODY;
  switch (viewer.orgKind) {
    case 'school':
      return { everyone: false, schools: [viewer.orgId], teachers: [] };
    case 'skb':
    case 'university':
    case 'provider':
      return { everyone: true, schools: [], teachers: [] };
    default:
      return NOBODY;
  }
}

/** Whether a teacher of school `npsn` with id `id` is within reach. */
export function canSeeTeacher(reach: PersonReach, teacher: { id: string; schoolNpsn: string }): boolean {
  return reach.everyone || reach.schools.includes(teacher.schoolNpsn) || reach.teachers.includes(teacher.id);
}

/** Whether every teacher of school `npsn` is within reach (for `School.teachers`). */
export function canSeeSchoolTeachers(reach: PersonReach, npsn: string): boolean {
  return reach.everyone || reach.schools.includes(npsn);
}
