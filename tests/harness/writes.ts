/// <reference types="jest" />
// Jest's globals (expect, beforeAll, ...): these helpers run inside test files only.
import { randomInt } from 'node:crypto';
import { shiftYears, todayWita } from '@mitra/kit';
import { type SubgraphName } from '@mitra/runtime';
import type { LooseBody } from './client';
import { rowCounts } from './db';

/** The code and field of each error, for one `toEqual`. */
export function refusals(body: LooseBody): Array<{ code: unknown; field: unknown }> {
  return (body.errors ?? []).map((e: LooseBody) => ({ code: e.extensions?.code, field: e.extensions?.field }));
}

/** One error with this code naming this field, no data, and nothing a client must not see (SQL, stack traces). */
export function expectRefused(body: LooseBody, code: string, field?: string): void {
  expect(refusals(body)).toEqual([{ code, field }]);
  expect(Object.values(body.data ?? {}).every((v) => v === null)).toBe(true);
  const text = JSON.stringify(body.errors);
  expect(text).not.toMatch(/insert into|update "|select |duplicate key|violates|stacktrace|exception/i);
}

/**
 * Runs a write that must be refused with `code` naming `field`, and proves
 * that it wrote nothing: the row counts of `tables` (the audit log included)
 * are what they were.
 */
export async function expectNothingWritten(
  db: SubgraphName,
  tables: readonly string[],
  write: () => Promise<{ body: LooseBody }>,
  code: string,
  field?: string,
): Promise<LooseBody> {
  const before = await rowCounts(db, tables);
  const { body } = await write();
  expectRefused(body, code, field);
  expect(await rowCounts(db, tables)).toEqual(before);
  return body;
}

/** A calendar day relative to today in Balikpapan, where the partners work (and the hub validates dates). */
export function dayFromToday(days: number): string {
  const today = todayWita();
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function yearsFromToday(years: number): string {
  return shiftYears(todayWita(), years);
}

/** A NUPTK no demo teacher has (theirs start with 1) and no other test run will pick again. */
export function freshNuptk(): string {
  return `9${String(randomInt(0, 10 ** 9)).padStart(9, '0')}${String(randomInt(0, 10 ** 6)).padStart(6, '0')}`;
}

/** An id this hub never issued. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-00000000beef';
