import {
  AREA_CODE_PATTERN,
  BadUserInputError,
  NPSN_PATTERN,
  requireDateBetween,
  requireDigits,
  requireIntInRange,
  requireMatch,
  shiftYears,
  todayWita,
} from '@mitra/kit';
import type { TeacherListFilter } from '../loaders/teacher-pages';

export function checkNpsn(npsn: string, field: string): string {
  return requireMatch(npsn, NPSN_PATTERN, field, 'an NPSN of exactly 8 digits');
}

export function checkAreaCode(code: string, field: string): string {
  return requireMatch(code, AREA_CODE_PATTERN, field, 'a Kemendagri area code such as "64" or "64.71"');
}

export function checkTeacherFilter(filter: TeacherListFilter): TeacherListFilter {
  if (filter.npsn != null) checkNpsn(filter.npsn, 'filter.npsn');
  if (filter.districtCode != null) checkAreaCode(filter.districtCode, 'filter.districtCode');
  if (filter.nameContains != null) {
    const name = filter.nameContains.trim();
    if (name.length === 0 || name.length > 100) throw new BadUserInputError('filter.nameContains', 'must be 1 to 100 characters');
    return { ...filter, nameContains: name };
  }
  return filter;
}

/** Teachers' names, as on their diplomas: long Indonesian names with titles fit in 150 characters. */
export const NAME_MAX = 150;
export const INSTITUTION_MAX = 200;
/** The youngest and oldest age at which someone plausibly works as a PAUD teacher (honorary teachers work past retirement age). */
export const TEACHER_AGE = { min: 17, max: 75 } as const;
/** The first graduation year the hub accepts: older diplomas would belong to no working teacher. */
export const FIRST_GRADUATION_YEAR = 1950;

export function checkNuptk(nuptk: string, field: string): string {
  return requireDigits(nuptk, 16, field, 'a NUPTK');
}

/** In the past, and the birth date of someone aged TEACHER_AGE.min to TEACHER_AGE.max today (in Balikpapan). */
export function checkBirthDate(birthDate: string, field: string, today = todayWita()): string {
  return requireDateBetween(
    birthDate,
    shiftYears(today, -TEACHER_AGE.max),
    shiftYears(today, -TEACHER_AGE.min),
    field,
    `the birth date of a working teacher (aged ${TEACHER_AGE.min} to ${TEACHER_AGE.max})`,
  );
}

export function checkGraduationYear(year: number, field: string, today = todayWita()): number {
  return requireIntInRange(year, FIRST_GRADUATION_YEAR, Number(today.slice(0, 4)), field);
}

/** The first day a training need can have been stated on: older ones would concern no training of the hub. */
export const FIRST_NEED_DAY = '2000-01-01';

/** A day that has come (in Balikpapan), not before FIRST_NEED_DAY. */
export function checkStatedOn(day: string, field: string, today = todayWita()): string {
  return requireDateBetween(day, FIRST_NEED_DAY, today, field, 'a day that has come');
}
