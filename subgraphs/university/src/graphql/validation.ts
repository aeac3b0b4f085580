import { BadUserInputError, requireDateBetween, requireNumberInRange, todayWita } from '@mitra/kit';

/** The first day an assessment can be recorded for: the tiered programs (Diklat Berjenjang) are younger than this. */
export const FIRST_ASSESSMENT_DAY = '2000-01-01';

/** A test score: 0 to 100, in hundredths at most (the column is numeric(5,2), which would round anything finer). */
export function checkScore(value: number, field: string): number {
  requireNumberInRange(value, 0, 100, field);
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
    throw new BadUserInputError(field, `must have at most two decimals, got ${value}`);
  return Math.round(value * 100) / 100;
}

/** A day that has come (in Balikpapan), not before FIRST_ASSESSMENT_DAY. */
export function checkAssessedOn(day: string, field: string, today = todayWita()): string {
  return requireDateBetween(day, FIRST_ASSESSMENT_DAY, today, field, 'a day that has come');
}
