import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedByKey } from '@mitra/kit';
import { QUALIFICATION_ORDER, type EmploymentStatus, type QualificationLevel, type SchoolKind } from '../graphql/enums';
import { STANDARD_FIELDS, STANDARD_LEVELS } from '../entities/qualification-standard';

/** Teachers counted per (district, school kind, employment status, highest level, meets standard). */
export interface TeacherGroupRow {
  districtCode: string;
  provinceCode: string;
  kind: SchoolKind;
  employmentStatus: EmploymentStatus;
  highest: QualificationLevel | null;
  meets: boolean;
  count: number;
}

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const LEVELS = `array[${list(QUALIFICATION_ORDER)}]::text[]`;

/**
 * One statement for every statistics grouping: qualifications are reduced to
 * each teacher's highest level and standard first (hash aggregate), then
 * teachers are counted per group. No person leaves this function.
 */
export async function loadTeacherGroups(em: EntityManager): Promise<TeacherGroupRow[]> {
  const rows: Array<{
    district_code: string;
    province_code: string;
    kind: string;
    employment_status: string;
    rank: number | null;
    meets: boolean;
    count: number;
  }> = await em.execute(
    `with qa as (
         select q.teacher_id,
                max(array_position(${LEVELS}, q.level)) as rank,
                bool_or(q.level in (${list(STANDARD_LEVELS)}) and q.field in (${list(STANDARD_FIELDS)})) as meets
           from qualification q
          group by q.teacher_id
       )
       select s.district_code, d.province_code, s.kind, t.employment_status, qa.rank,
              coalesce(qa.meets, false) as meets, count(*)::int as count
         from teacher t
         join school s on s.npsn = t.school_npsn
         join district d on d.code = s.district_code
         left join qa on qa.teacher_id = t.id
        group by 1, 2, 3, 4, 5, 6`,
  );
  return rows.map((r) => ({
    districtCode: r.district_code,
    provinceCode: r.province_code,
    kind: r.kind as SchoolKind,
    employmentStatus: r.employment_status as EmploymentStatus,
    highest: r.rank == null ? null : QUALIFICATION_ORDER[r.rank - 1],
    meets: r.meets,
    count: Number(r.count),
  }));
}

/** The keys of the teachers of each district, for the partners that aggregate their own rows over them. */
export async function loadTeacherKeysByDistrict(em: EntityManager, codes: readonly string[]): Promise<string[][]> {
  // Arrays travel as one comma-joined parameter: the driver would spread a JS array into a list.
  const rows: Array<{ district_code: string; id: string }> = await em.execute(
    `select s.district_code, t.id from teacher t join school s on s.npsn = t.school_npsn
        where s.district_code = any(string_to_array(?, ',')) order by t.id`,
    [codes.join(',')],
  );
  return groupedByKey(codes, rows, (r) => r.district_code).map((list) => list.map((r) => r.id));
}
