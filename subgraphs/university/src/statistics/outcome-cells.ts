import { hasSmallCount, hideAmongParts, round, type Part } from '@mitra/kit';
import { TrainingOutcomes } from '../graphql/types/statistics.types';
import type { AssessmentRow, FollowUpRow } from './outcome-rows';

/**
 * The cells of one group of assessments and follow-ups (an event, a program,
 * a district and tier, a district and year): counts that add up across
 * groups, sums of scores (means are sums over counts), and the distinct
 * teachers the small-cell rule also looks at.
 */
export class OutcomeCell {
  assessed = 0;
  passed = 0;
  /** Assessments with both scores, and the sums of those scores. */
  scored = 0;
  preSum = 0;
  postSum = 0;
  /** Follow-ups with a score, and the sum of the scores. */
  scoreCount = 0;
  scoreSum = 0;
  readonly gainTeachers = new Set<string>();
  readonly followed = new Set<string>();
  readonly scoredFollowed = new Set<string>();

  addAssessment(a: AssessmentRow): void {
    this.assessed += 1;
    if (a.passed) this.passed += 1;
    if (a.pre != null && a.post != null) {
      this.scored += 1;
      this.preSum += a.pre;
      this.postSum += a.post;
      this.gainTeachers.add(a.teacherId);
    }
  }

  addFollowUp(f: FollowUpRow): void {
    this.followed.add(f.teacherId);
    if (f.score != null) {
      this.scoreCount += 1;
      this.scoreSum += f.score;
      this.scoredFollowed.add(f.teacherId);
    }
  }

  /** The published figures; those of a hidden family are null (and the cell says suppressed). */
  figures(hidden: ReadonlySet<Family>): TrainingOutcomes {
    const out = new TrainingOutcomes();
    const shown = (f: Family) => !hidden.has(f);
    out.assessed = shown('assessed') ? this.assessed : null;
    out.passRate = shown('rate') && this.assessed > 0 ? round(this.passed / this.assessed, 4) : null;
    const means = shown('means') && this.scored > 0;
    out.meanPreTest = means ? round(this.preSum / this.scored, 2) : null;
    out.meanPostTest = means ? round(this.postSum / this.scored, 2) : null;
    out.meanGain = means ? round((this.postSum - this.preSum) / this.scored, 2) : null;
    out.followedUp = shown('followed') ? this.followed.size : null;
    out.meanFollowUpScore = shown('followScore') && this.scoreCount > 0 ? round(this.scoreSum / this.scoreCount, 2) : null;
    out.suppressed = hidden.size > 0;
    return out;
  }

  /** The mean gain (TrainingCoverage.meanGain), null when hidden or without scores. */
  meanGain(hidden: boolean): number | null {
    return hidden || this.scored === 0 ? null : round((this.postSum - this.preSum) / this.scored, 2);
  }
}

/**
 * The figures of a cell come in families, each hidden or shown as one:
 * the assessments (`assessed`), the pass rate (passed and failed), the means
 * of the scores (over the assessments with both scores), the teachers
 * followed up, and their mean observation score. Each family is its own set
 * of linked tables, protected on its own (nothing adds one family's counts
 * to another's); a family `within` another is hidden wherever that one is,
 * since a rate or mean whose group count is hidden is not shown.
 */
export type Family = 'assessed' | 'rate' | 'means' | 'followed' | 'followScore';
export const FAMILIES: readonly Family[] = ['assessed', 'rate', 'means', 'followed', 'followScore'];

interface FamilyRule {
  /** The additive counts of the family (kit Part.counts). */
  counts(c: OutcomeCell): number[];
  /** Hidden whatever the others: a count of 1..min-1, or a mean over 1..min-1 teachers. */
  small(c: OutcomeCell, min: number): boolean;
  within?: Family;
}

export const FAMILY: Record<Family, FamilyRule> = {
  assessed: { counts: (c) => [c.assessed], small: (c, min) => hasSmallCount([c.assessed], min) },
  rate: {
    counts: (c) => [c.passed, c.assessed - c.passed],
    small: (c, min) => hasSmallCount([c.passed, c.assessed - c.passed], min),
    within: 'assessed',
  },
  means: { counts: (c) => [c.scored], small: (c, min) => hasSmallCount([c.scored, c.gainTeachers.size], min), within: 'assessed' },
  followed: { counts: (c) => [c.followed.size], small: (c, min) => hasSmallCount([c.followed.size], min) },
  followScore: {
    counts: (c) => [c.scoreCount],
    small: (c, min) => hasSmallCount([c.scoreCount, c.scoredFollowed.size], min),
    within: 'followed',
  },
};

/** Cells by key, made on first use. */
export class CellMap {
  private readonly cells = new Map<string, OutcomeCell>();

  at(key: string): OutcomeCell {
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = new OutcomeCell()));
    return c;
  }

  get(key: string): OutcomeCell | undefined {
    return this.cells.get(key);
  }
}

/** A part of a total, for one family: its cells (one per column), e.g. a district's tiers and all tiers. */
export interface CellPart {
  id: string;
  cells: OutcomeCell[];
  /** False for a part that is never published: hidden by nature (kit hideAmongParts). */
  published: boolean;
  cost: number;
  /** Families it is hidden in whatever its counts, and protected as if small (a rule of the caller). */
  primaryIn?: readonly Family[];
}

/**
 * Hides, family by family, the parts of known totals that are small and
 * their complements (kit hideAmongParts), recording them in `hidden`. The
 * families whose parts no choice protects are returned: the caller hides
 * the totals too.
 */
export function protectFamilies(partsOf: (family: Family) => CellPart[], hidden: Map<string, Set<Family>>, min: number): Family[] {
  const failed: Family[] = [];
  for (const family of FAMILIES) {
    const rule = FAMILY[family];
    const parts: Part[] = partsOf(family).map((p) => ({
      id: p.id,
      counts: p.cells.flatMap((c) => rule.counts(c)),
      primary:
        p.cells.some((c) => rule.small(c, min)) ||
        (rule.within != null && !!hidden.get(p.id)?.has(rule.within)) ||
        !!p.primaryIn?.includes(family),
      protect: !!p.primaryIn?.includes(family),
      published: p.published,
      cost: p.cost,
    }));
    const chosen = hideAmongParts(parts, min);
    if (chosen === null) failed.push(family);
    for (const id of chosen ?? parts.filter((p) => p.published).map((p) => p.id)) hiddenIn(hidden, id).add(family);
  }
  return failed;
}

export function hiddenIn(hidden: Map<string, Set<Family>>, id: string): Set<Family> {
  let set = hidden.get(id);
  if (!set) hidden.set(id, (set = new Set()));
  return set;
}
