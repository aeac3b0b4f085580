/// <reference types="jest" />
// Jest's globals (expect, beforeAll, ...): these helpers run inside test files only.
import { sql } from './db';

/** The statistics oracle: plain SQL on each partner's database, read by the tests only (never by the product). */
export const MIN = 10;
export const LEVELS = ['BELOW_HIGH_SCHOOL', 'HIGH_SCHOOL', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];

export interface OracleTeacher {
  id: string;
  district_code: string;
  province_code: string;
  kind: string;
  employment_status: string;
  highest: string | null;
  meets: boolean;
}

export async function oracleTeachers(): Promise<OracleTeacher[]> {
  return sql<OracleTeacher>(
    'schools',
    `select t.id, s.district_code, d.province_code, s.kind, t.employment_status,
            (select q.level from qualification q where q.teacher_id = t.id
              order by array_position(array['BELOW_HIGH_SCHOOL','HIGH_SCHOOL','D1','D2','D3','D4','S1','S2','S3'], q.level) desc limit 1) as highest,
            exists (select 1 from qualification q where q.teacher_id = t.id and q.level in ('D4','S1','S2','S3')
                      and q.field in ('EARLY_CHILDHOOD_EDUCATION','PSYCHOLOGY')) as meets
       from teacher t join school s on s.npsn = t.school_npsn join district d on d.code = s.district_code`,
  );
}

export interface Figures {
  teacherCount: number;
  meetingStandard: number;
  byLevel: Record<string, number>;
}

export function figures(teachers: OracleTeacher[]): Figures {
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0]));
  for (const t of teachers) if (t.highest) byLevel[t.highest] += 1;
  return { teacherCount: teachers.length, meetingStandard: teachers.filter((t) => t.meets).length, byLevel };
}

/** A shown figure equals the oracle; a small one is never shown. */
export function expectShownOrSuppressed(shown: number | null, truth: number, where: string): void {
  if (truth > 0 && truth < MIN) expect({ where, shown }).toEqual({ where, shown: null });
  if (shown !== null) expect({ where, shown }).toEqual({ where, shown: truth });
}

export const BREAKDOWN = 'teacherCount meetingStandard shareMeetingStandard suppressed byLevel { level count }';

export function checkBreakdown(b: any, truth: Figures, where: string): void {
  expectShownOrSuppressed(b.teacherCount, truth.teacherCount, `${where}.teacherCount`);
  expectShownOrSuppressed(b.meetingStandard, truth.meetingStandard, `${where}.meetingStandard`);
  for (const { level, count } of b.byLevel) expectShownOrSuppressed(count, truth.byLevel[level], `${where}.${level}`);
  const anyNull = [b.teacherCount, b.meetingStandard, ...b.byLevel.map((l: any) => l.count)].some((v) => v === null);
  expect({ where, suppressed: b.suppressed }).toEqual({ where, suppressed: anyNull });
  if (b.shareMeetingStandard !== null) expect(b.shareMeetingStandard).toBeCloseTo(truth.meetingStandard / truth.teacherCount, 4);
  if (b.teacherCount === null || b.meetingStandard === null) expect(b.shareMeetingStandard).toBeNull();
}

/** No hidden cell may be the visible total minus the other (all visible) rows. */
export function expectNoSingleHiddenRow(rows: any[], total: any, pick: (b: any) => number | null, where: string): void {
  const values = rows.map((r) => pick(r.qualifications));
  const hidden = values.filter((v) => v === null).length;
  if (pick(total) !== null) expect({ where, hiddenRows: hidden === 1 }).toEqual({ where, hiddenRows: false });
}
