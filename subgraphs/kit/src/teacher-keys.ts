import { BadUserInputError, isUuid } from '@mitra/runtime';

/**
 * The compact form of a set of teacher keys as it crosses between partners
 * (`District.teacherKeys`, the key of TrainingCoverage): the 16 bytes of
 * each UUID, in order, as one base64 string. 5,000 teachers are 107 KB
 * instead of 195 KB as a JSON list of UUIDs (and one string to parse, not
 * 5,000). Order and duplicates are kept: decode(encode(keys)) is keys, in
 * lower case.
 */
export const TEACHER_KEY_BYTES = 16;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function encodeTeacherKeys(keys: readonly string[]): string {
  const bytes = Buffer.alloc(keys.length * TEACHER_KEY_BYTES);
  keys.forEach((key, i) => {
    if (!isUuid(key)) throw new Error(`A teacher key must be a UUID, got ${JSON.stringify(key.slice(0, 64))}`);
    bytes.write(key.replace(/-/g, ''), i * TEACHER_KEY_BYTES, 'hex');
  });
  return bytes.toString('base64');
}

/** The keys of `encoded`; anything that is not the compact form is BAD_USER_INPUT naming `field`. */
export function decodeTeacherKeys(encoded: string, field = 'teacherKeys'): string[] {
  const bytes = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
  if (!bytes || bytes.length % TEACHER_KEY_BYTES !== 0 || bytes.toString('base64') !== encoded)
    throw new BadUserInputError(field, `must be teacher keys in their compact form (base64 of 16 bytes per key)`);
  const keys: string[] = [];
  for (let at = 0; at < bytes.length; at += TEACHER_KEY_BYTES) {
    const hex = bytes.toString('hex', at, at + TEACHER_KEY_BYTES);
    keys.push(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
  }
  return keys;
}
