import { BadUserInputError, isUuid } from '@mitra/runtime';

/** Ids of rows are UUIDs; anything else is a bad input, not a database error. */
export function requireUuid(value: string, field: string): string {
  if (!isUuid(value))
    throw new BadUserInputError(field, `must be an id issued by this hub (a UUID), got ${JSON.stringify(value.slice(0, 64))}`);
  return value;
}

export function requireMatch(value: string, pattern: RegExp, field: string, description: string): string {
  if (!pattern.test(value)) throw new BadUserInputError(field, `must be ${description}, got ${JSON.stringify(value.slice(0, 64))}`);
  return value;
}

/** Kemendagri codes: province "64", kabupaten/kota "64.71", kecamatan "64.71.01". */
export const AREA_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2})?)?$/;

/** A person's or a title's name: trimmed, not blank, of sane length, no control characters. */
export function requireName(value: string, field: string, max = 150): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new BadUserInputError(field, 'must not be blank');
  if (trimmed.length > max) throw new BadUserInputError(field, `must be at most ${max} characters, got ${trimmed.length}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new BadUserInputError(field, 'must not contain control characters');
  return trimmed;
}

/** Exactly `n` digits (NPSN 8, NUPTK 16). */
export function requireDigits(value: string, n: number, field: string, what: string): string {
  const trimmed = value.trim();
  if (!new RegExp(`^\\d{${n}}$`).test(trimmed)) throw new BadUserInputError(field, `must be ${what}: exactly ${n} digits`);
  return trimmed;
}

export function requireIntInRange(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new BadUserInputError(field, `must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

export function requireNumberInRange(value: number, min: number, max: number, field: string): number {
  if (!Number.isFinite(value) || value < min || value > max)
    throw new BadUserInputError(field, `must be from ${min} to ${max}, got ${value}`);
  return value;
}

/** Today's calendar date in Indonesia's central time zone (WITA, UTC+8), where the partners work. */
export function todayWita(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A field that may be left out but, when given, must not be null (a non-null column). */
export function requireNotNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw new BadUserInputError(field, 'must not be null (leave it out to keep the current value)');
  return value;
}

/** `date` ('YYYY-MM-DD') moved by whole years; 29 February becomes 28 February in a common year. */
export function shiftYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A calendar date ('YYYY-MM-DD', already a real date: the Date scalar checks that) from `min` to `max` inclusive. */
export function requireDateBetween(value: string, min: string, max: string, field: string, what: string): string {
  // ISO dates of four-digit years order as strings.
  if (value < min || value > max) throw new BadUserInputError(field, `must be ${what}: from ${min} to ${max}, got ${value}`);
  return value;
}
