import { AREA_CODE_PATTERN, BadUserInputError, NPSN_PATTERN, requireMatch } from '@mitra/kit';
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
