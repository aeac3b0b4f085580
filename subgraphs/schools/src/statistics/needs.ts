import type { EntityManager } from '@mikro-orm/postgresql';
import { COMPETENCY_AREAS, groupedByKey, isSmallCell, type CompetencyArea } from '@mitra/kit';

/** Open needs of one district in one area, before suppression. */
export interface OpenNeedCounts {
  area: CompetencyArea;
  /** Schools with an open need in the area (their own or one of their teachers'). */
  schools: number;
  /** Distinct teachers named by open needs in the area (needs of a whole school name none). */
  teachers: number;
}

/**
 * Open needs per area for each district, one statement per batch of
 * districts. No teacher leaves this function: only counts.
 */
export async function loadOpenNeedsByDistrict(em: EntityManager, codes: readonly string[]): Promise<OpenNeedCounts[][]> {
  // Arrays travel as one comma-joined parameter: the driver would spread a JS array into a list.
  const rows: Array<{ district_code: string; area: CompetencyArea; schools: number; teachers: number }> = await em.execute(
    `select s.district_code, n.area, count(distinct n.school_npsn)::int as schools, count(distinct n.teacher_id)::int as teachers
         from training_need n join school s on s.npsn = n.school_npsn
        where n.status = 'OPEN' and s.district_code = any(string_to_array(?, ','))
        group by 1, 2`,
    [codes.join(',')],
  );
  return groupedByKey(codes, rows, (r) => r.district_code).map((list) => {
    const byArea = new Map(list.map((r) => [r.area, r]));
    // Every area once, in the enum's order, zero where no school has an open need in it.
    return COMPETENCY_AREAS.map((area) => ({
      area,
      schools: Number(byArea.get(area)?.schools ?? 0),
      teachers: Number(byArea.get(area)?.teachers ?? 0),
    }));
  });
}

export interface SuppressedNeedCount {
  area: CompetencyArea;
  schools: number | null;
  teachers: number | null;
  suppressed: boolean;
}

/**
 * The small-cell rule on needs. A count of teachers from 1 to
 * minimumCellSize - 1 is withheld (null, `suppressed: true`), and so is a
 * zero where some school has an open need in the area (its needs may all be
 * the whole school's): a withheld count is then not known to be at least 1.
 * A zero is shown only where no school has a need in the area, which the
 * schools count shows anyway. Counts of schools are shown as they are:
 * schools are public organisations (the directory lists them), and a
 * school's need names no person. The rows of the areas are not parts of a
 * total (a teacher can need several areas), so no complementary suppression
 * is needed: nothing hidden is a visible total minus visible parts; the
 * district's teacher count bounds them from above only (docs/statistics.md).
 */
export function suppressNeedCounts(counts: readonly OpenNeedCounts[], minimumCellSize: number): SuppressedNeedCount[] {
  return counts.map((c) => {
    const hidden = isSmallCell(c.teachers, minimumCellSize) || (c.teachers === 0 && c.schools > 0);
    return { area: c.area, schools: c.schools, teachers: hidden ? null : c.teachers, suppressed: hidden };
  });
}
