import { isSmallCell } from './privacy';

/**
 * Secondary suppression with protection levels among the parts of known
 * totals (statistics of training: the events of a program, the districts of
 * a tier, the years of a district).
 *
 * Each part carries counts for one or more additive measures (assessed,
 * passed, failed..., possibly per column: `counts[i]` of all parts add up to
 * a total the caller publishes). A part is hidden whole (every measure).
 * Parts that are never published (assessments of no event, teachers of no
 * district) are hidden by nature and may serve as complements.
 *
 * The rule, for every hidden part p with a small count x = counts[i] (1..k-1):
 * the other hidden parts together hold at least k in measure i. Then, with
 * the total known, p can take any value from 0 to k (the others give up to k
 * or take x), so the interval a linear program derives for p contains
 * [0, k], the protection interval of τ-ARGUS, even when one of the others
 * stands on the other side of an equation (a hidden program among the
 * districts of its tier). Complements are chosen among the parts that carry
 * the least information first (the smallest `cost`), never a headline total,
 * which is not a part here.
 */
export interface Part {
  id: string;
  /** Counts per additive measure; the same length for every part. */
  counts: number[];
  /** Hidden in any case: a small count, or a rule of the caller (e.g. a mean over too few teachers). */
  primary: boolean;
  /** Protected like a small part (the others hold k) although its counts are not small: a rule of the caller. */
  protect?: boolean;
  /** False for a part that is never published (always hidden, never "chosen"). */
  published: boolean;
  /** Which complement to prefer: the smallest first. */
  cost: number;
}

/** Whether a part must be hidden by the small-cell rule alone. */
export function hasSmallCount(counts: readonly number[], minimumCellSize: number): boolean {
  return counts.some((c) => isSmallCell(c, minimumCellSize));
}

/**
 * The published parts to hide (the primary ones and their complements), or
 * null when no choice of complements protects them: the total must then be
 * hidden too (the caller's decision).
 */
export function hideAmongParts(parts: readonly Part[], minimumCellSize: number): Set<string> | null {
  const hidden = new Set(parts.filter((p) => p.primary || !p.published).map((p) => p.id));
  const measures = parts[0]?.counts.length ?? 0;
  for (;;) {
    const deficient = deficientMeasures(parts, hidden, measures, minimumCellSize);
    if (!deficient.length) break;
    // The cheapest visible part that adds to a deficient measure.
    const candidate = parts
      .filter((p) => p.published && !hidden.has(p.id) && deficient.some((i) => p.counts[i] > 0))
      .sort((a, b) => a.cost - b.cost || (a.id < b.id ? -1 : 1))[0];
    if (!candidate) return null;
    hidden.add(candidate.id);
  }
  return new Set(parts.filter((p) => p.published && hidden.has(p.id)).map((p) => p.id));
}

/** Measures in which some hidden part's small count is not covered by the other hidden parts. */
function deficientMeasures(parts: readonly Part[], hidden: Set<string>, measures: number, min: number): number[] {
  const inHidden = parts.filter((p) => hidden.has(p.id));
  const out: number[] = [];
  for (let i = 0; i < measures; i++) {
    const total = inHidden.reduce((acc, p) => acc + p.counts[i], 0);
    if (inHidden.some((p) => (isSmallCell(p.counts[i], min) || (p.protect && p.counts[i] > 0)) && total - p.counts[i] < min)) out.push(i);
  }
  return out;
}
