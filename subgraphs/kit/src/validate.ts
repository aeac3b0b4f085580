import { BadUserInputError } from './errors';
import { isUuid } from './ids';

/** Ids of rows are UUIDs; anything else is a bad input, not a database error. */
export function requireUuid(value: string, field: string): string {
  if (!isUuid(value)) throw new BadUserInputError(field, `must be an id issued by this hub (a UUID), got ${JSON.stringify(value.slice(0, 64))}`);
  return value;
}

export function requireMatch(value: string, pattern: RegExp, field: string, description: string): string {
  if (!pattern.test(value)) throw new BadUserInputError(field, `must be ${description}, got ${JSON.stringify(value.slice(0, 64))}`);
  return value;
}

export const NPSN_PATTERN = /^\d{8}$/;
/** Kemendagri codes: province "64", kabupaten/kota "64.71", kecamatan "64.71.01". */
export const AREA_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2})?)?$/;
