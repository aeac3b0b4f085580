import { locale, type Lang } from './i18n';

/** What a figure is in a chart or a table: a number, withheld for privacy, or not there at all. */
export type Figure = { kind: 'value'; value: number } | { kind: 'suppressed' } | { kind: 'none' };

export const SUPPRESSED: Figure = { kind: 'suppressed' };
export const NONE: Figure = { kind: 'none' };

/**
 * The API returns null both for a suppressed figure and for one without data
 * (no assessments yet); the object's `suppressed` flag tells them apart. A
 * suppressed figure is never drawn or written as zero.
 */
export function figure(value: number | null | undefined, suppressed: boolean): Figure {
  if (value !== null && value !== undefined) return { kind: 'value', value };
  return suppressed ? SUPPRESSED : NONE;
}

export const valueOf = (f: Figure): number | null => (f.kind === 'value' ? f.value : null);

export function formatCount(lang: Lang, value: number): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(value);
}

/** A share 0..1 as a percentage with one decimal at most. */
export function formatShare(lang: Lang, share: number): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A test score 0..100 with one decimal. */
export function formatScore(lang: Lang, score: number): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

/** A gain in points, always signed. */
export function formatGain(lang: Lang, gain: number): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
    gain,
  );
}
