import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/postgresql';
import { columnsOf, pgArray, prepared, readRows, whereAny, type PersonReach } from '@mitra/kit';
import { Teacher } from '../entities/teacher';
import { STANDARD_FIELDS, STANDARD_LEVELS } from '../entities/qualification-standard';

/** Teachers are listed by name, then id: a stable keyset order. */
export type TeacherKey = [fullName: string, id: string];

export interface TeacherListFilter {
  npsn?: string | null;
  districtCode?: string | null;
  meetsQualificationStandard?: boolean | null;
  nameContains?: string | null;
  /** Who asks: only the teachers within its reach (need-to-know); absent, every teacher (statistics, internal use). */
  reach?: PersonReach;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Applies a filter to a query over `teacher as t`. */
export function applyTeacherFilter(qb: Knex.QueryBuilder, knex: Knex, filter: TeacherListFilter): Knex.QueryBuilder {
  if (filter.reach) {
    // Each set as one array parameter, however many keys a provider's reach holds.
    const { schools, teachers } = filter.reach;
    qb.where((visible) => {
      visible.whereRaw('t.school_npsn = any(?::text[])', [pgArray(schools)]).orWhereRaw('t.id = any(?::uuid[])', [pgArray(teachers)]);
    });
  }
  if (filter.npsn) qb.where('t.school_npsn', filter.npsn);
  if (filter.districtCode) {
    // As an array of the district's school keys, not a semi-join: the planner then reads each school's
    // teachers through (school_npsn, full_name, id). With `in (select ...)` it may walk all teachers in
    // name order testing each one's school instead: 130 ms rather than 3 ms for a median district of
    // 1,000,000 teachers (EXPLAIN ANALYZE on `npm run generate -- --teachers 1000000`).
    qb.whereRaw('t.school_npsn = any(array(select npsn from school where district_code = ?))', [filter.districtCode]);
  }
  if (filter.nameContains) qb.whereRaw(`t.full_name ilike ? escape '\\'`, [`%${escapeLike(filter.nameContains)}%`]);
  if (filter.meetsQualificationStandard != null) {
    const sub = knex('qualification as q')
      .select(knex.raw('1'))
      .whereRaw('q.teacher_id = t.id')
      .whereIn('q.level', STANDARD_LEVELS)
      .whereIn('q.field', STANDARD_FIELDS);
    if (filter.meetsQualificationStandard) qb.whereExists(sub);
    else qb.whereNotExists(sub);
  }
  return qb;
}

export function applyAfter(qb: Knex.QueryBuilder, after: TeacherKey | null): Knex.QueryBuilder {
  if (after) qb.whereRaw('(t.full_name, t.id) > (?, ?::uuid)', after);
  return qb;
}

export async function listTeachers(
  em: EntityManager,
  filter: TeacherListFilter,
  first: number,
  after: TeacherKey | null,
): Promise<Teacher[]> {
  const knex = em.getKnex();
  const qb = knex('teacher as t').select(columnsOf(em, Teacher, 't'));
  applyTeacherFilter(qb, knex, filter);
  applyAfter(qb, after);
  const rows: Record<string, unknown>[] = await prepared(qb.orderBy([{ column: 't.full_name' }, { column: 't.id' }]).limit(first + 1));
  return readRows(em, Teacher, rows);
}

export async function countTeachers(em: EntityManager, filter: TeacherListFilter): Promise<number> {
  const knex = em.getKnex();
  const qb = knex('teacher as t').count<{ count: string }[]>({ count: '*' });
  applyTeacherFilter(qb, knex, filter);
  const [row] = await prepared(qb);
  return Number(row.count);
}

export interface SchoolPageKey {
  npsn: string;
  first: number;
  after: TeacherKey | null;
}
export type TeacherRowsPage = Teacher[];

/**
 * `School.teachers` for many schools at once: one statement per distinct
 * (first, after) pair, a window function cutting each school's page.
 */
export async function loadSchoolTeacherPages(em: EntityManager, keys: readonly SchoolPageKey[]): Promise<TeacherRowsPage[]> {
  const knex = em.getKnex();
  const groups = new Map<string, SchoolPageKey[]>();
  for (const key of keys) {
    const g = JSON.stringify([key.first, key.after]);
    groups.set(g, [...(groups.get(g) ?? []), key]);
  }
  const pages = new Map<string, Teacher[]>();
  for (const group of groups.values()) {
    const { first, after } = group[0];
    const inner = whereAny(
      knex('teacher as t').select(
        ...columnsOf(em, Teacher, 't'),
        knex.raw('row_number() over (partition by t.school_npsn order by t.full_name, t.id) as rn'),
      ),
      't.school_npsn',
      group.map((k) => k.npsn),
      'text',
    );
    applyAfter(inner, after);
    const rows: Array<Record<string, unknown> & { rn: string; school_npsn: string }> = await prepared(
      knex
        .select('*')
        .from(inner.as('p'))
        .where('rn', '<=', first + 1)
        .orderBy([{ column: 'school_npsn' }, { column: 'rn' }]),
    );
    for (const row of rows) {
      const { rn: _rn, ...columns } = row;
      const k = JSON.stringify([row.school_npsn, first, after]);
      pages.set(k, [...(pages.get(k) ?? []), ...readRows(em, Teacher, [columns])]);
    }
  }
  return keys.map((k) => pages.get(JSON.stringify([k.npsn, k.first, k.after])) ?? []);
}

export async function loadSchoolTeacherCounts(em: EntityManager, npsns: readonly string[]): Promise<number[]> {
  const rows: Array<{ school_npsn: string; count: string }> = await prepared(
    whereAny(em.getKnex()('teacher').select('school_npsn').count({ count: '*' }), 'school_npsn', npsns, 'text').groupBy('school_npsn'),
  );
  const counts = new Map(rows.map((r) => [r.school_npsn, Number(r.count)]));
  return npsns.map((n) => counts.get(n) ?? 0);
}
