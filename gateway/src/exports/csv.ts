import { stringify } from 'csv-stringify/sync';

/** One cell of an export: a number, a text, or empty (a suppressed or missing figure). */
export type Cell = string | number | null;

/** A rate 0..1 to four decimals and a score to two: what a spreadsheet needs, without float noise. */
export const rate = (v: number | null): Cell => (v === null ? null : Math.round(v * 10_000) / 10_000);
export const score = (v: number | null): Cell => (v === null ? null : Math.round(v * 100) / 100);
export const flag = (suppressed: boolean): string => (suppressed ? 'true' : 'false');

/**
 * UTF-8 with a byte-order mark (without it, spreadsheets read names with
 * non-ASCII letters in a legacy code page), CRLF line ends (RFC 4180), and formulas neutralised: a text
 * cell starting with =, +, -, @, tab or CR gets a leading apostrophe, so a
 * district or program name can never run as a formula. Numbers are written
 * as numbers (a negative gain stays -3.5). Suppressed and missing figures
 * are empty cells; the `suppressed` column says which rows hold withheld figures.
 */
export function toCsv(columns: readonly string[], rows: readonly Cell[][]): string {
  return stringify(rows as Cell[][], {
    header: true,
    columns: [...columns],
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
  });
}
