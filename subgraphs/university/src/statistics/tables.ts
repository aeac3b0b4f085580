import { SuppressionTable, isSmallCell } from '@mitra/kit';
import { TIER_ORDER } from '../graphql/enums';
import { TierCount, TierOutcomes, TrainingOutcomes } from '../graphql/types/statistics.types';
import type { CoverageFigures, OutcomeSums } from './aggregates';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Outcomes of a group of assessments. Means need enough scored assessments;
 * a pass rate is withheld when the passed or the failed group is small, since
 * rate × assessed would reveal it.
 */
export function toOutcomes(
  s: OutcomeSums,
  min: number,
  assessedHidden = isSmallCell(s.assessed, min),
  followedHidden = isSmallCell(s.followedUp, min),
): TrainingOutcomes {
  const out = new TrainingOutcomes();
  out.assessed = assessedHidden ? null : s.assessed;
  const rateHidden = assessedHidden || isSmallCell(s.passed, min) || isSmallCell(s.assessed - s.passed, min);
  out.passRate = rateHidden || s.assessed === 0 ? null : round(s.passed / s.assessed, 4);
  const meansHidden = assessedHidden || isSmallCell(s.scored, min);
  const means = !meansHidden && s.scored > 0;
  out.meanPreTest = means ? round(s.preSum / s.scored, 2) : null;
  out.meanPostTest = means ? round(s.postSum / s.scored, 2) : null;
  out.meanGain = means ? round((s.postSum - s.preSum) / s.scored, 2) : null;
  // Follow-up: its own group of teachers; the mean needs enough teachers with a score.
  out.followedUp = followedHidden ? null : s.followedUp;
  const scoreHidden = followedHidden || isSmallCell(s.scoredTeachers, min);
  out.meanFollowUpScore = scoreHidden || s.scoreCount === 0 ? null : round(s.scoreSum / s.scoreCount, 2);
  out.suppressed = assessedHidden || rateHidden || meansHidden || followedHidden || scoreHidden;
  return out;
}

/** Teachers by highest completed tier; those with none are derivable from the group size, so they count too. */
export function tierTable(f: CoverageFigures, min: number): SuppressionTable {
  const table = new SuppressionTable(min).cell('total', f.total);
  let withTier = 0;
  for (const t of TIER_ORDER) {
    table.cell(t, f.byTier[t]);
    withTier += f.byTier[t];
  }
  table.cell('none', f.total - withTier, false);
  return table.sum('total', [...TIER_ORDER, 'none']);
}

export function tierCounts(f: CoverageFigures, min: number): TierCount[] {
  const table = tierTable(f, min);
  return TIER_ORDER.map((tier) => Object.assign(new TierCount(), { tier, count: table.get(tier) }));
}

export function meanGain(f: CoverageFigures, min: number): number | null {
  if (f.gainTeachers === 0 || isSmallCell(f.gainTeachers, min) || f.gainAssessments === 0) return null;
  return round(f.gainSum / f.gainAssessments, 2);
}

export function universitySuppressed(f: CoverageFigures, min: number): boolean {
  return tierTable(f, min).anyHidden([...TIER_ORDER]) || isSmallCell(f.gainTeachers, min);
}

/** Outcomes per tier and for all tiers; the tiers add up to the whole, so a lone hidden tier takes another with it. */
export function outcomesByTier(f: CoverageFigures, min: number): TierOutcomes[] {
  const all = TIER_ORDER.reduce(
    (acc, t) => {
      const s = f.outcomesByTier[t];
      return {
        assessed: acc.assessed + s.assessed,
        passed: acc.passed + s.passed,
        scored: acc.scored + s.scored,
        preSum: acc.preSum + s.preSum,
        postSum: acc.postSum + s.postSum,
      };
    },
    { assessed: 0, passed: 0, scored: 0, preSum: 0, postSum: 0 },
  );
  const allSums = {
    ...all,
    followedUp: f.followUpAll.followedUp,
    scoredTeachers: f.followUpAll.scoredTeachers,
    scoreCount: f.followUpAll.scoreCount,
    scoreSum: f.followUpAll.scoreSum,
  };
  const followed = followUpTable(f, min);
  const table = new SuppressionTable(min).cell('all', all.assessed);
  for (const t of TIER_ORDER) table.cell(t, f.outcomesByTier[t].assessed);
  table.sum('all', [...TIER_ORDER]);
  const rows = TIER_ORDER.map((tier) =>
    Object.assign(new TierOutcomes(), {
      tier,
      outcomes: toOutcomes(f.outcomesByTier[tier], min, table.isHidden(tier), followed.isHidden(tier)),
    }),
  );
  return [
    ...rows,
    Object.assign(new TierOutcomes(), { tier: null, outcomes: toOutcomes(allSums, min, table.isHidden('all'), followed.isHidden('all')) }),
  ];
}

/**
 * Teachers followed up per tier and in all. A teacher followed up in two
 * tiers counts once in all, so the tiers add up to all plus that overlap: a
 * derivable cell, protected like the others.
 */
export function followUpTable(f: CoverageFigures, min: number): SuppressionTable {
  const table = new SuppressionTable(min).cell('all', f.followUpAll.followedUp);
  let tiers = 0;
  for (const t of TIER_ORDER) {
    table.cell(t, f.outcomesByTier[t].followedUp);
    tiers += f.outcomesByTier[t].followedUp;
  }
  table.cell('tiers', tiers, false).cell('overlap', tiers - f.followUpAll.followedUp, false);
  return table.sum('tiers', [...TIER_ORDER]).sum('tiers', ['all', 'overlap']);
}
