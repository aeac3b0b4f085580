import { hasSmallCount, hideAmongParts, type Part } from '@mitra/kit';
import { TIER_ORDER, type TrainingTier } from '../graphql/enums';
import { TierCount, TierOutcomes } from '../graphql/types/statistics.types';
import { CellMap, FAMILIES, OutcomeCell, hiddenIn, protectFamilies, type CellPart, type Family } from './outcome-cells';
import { NationalOutcomes } from './national-set';
import { tierTable } from './tables';

/** Teachers not in any district of the partition: never published, a complement by nature. */
const OUTSIDE = '(outside)';
const EMPTY = new OutcomeCell();
const ALL_HIDDEN: ReadonlySet<Family> = new Set(FAMILIES);
const NONE: ReadonlySet<Family> = new Set();

/** The university's figures about one district in one year (null: all years). */
export interface DistrictCoverage {
  byHighestTier: TierCount[];
  meanGain: number | null;
  /** Whether any of these figures was withheld. */
  suppressed: boolean;
}

/**
 * The district half of the university's protected table set, for one
 * partition of the teachers into districts (the schools partner's, see
 * partition.ts): outcomes per district and tier and for all tiers, and the
 * coverage figures per district and year.
 *
 * A district's tier rows add up to its all-tiers row, and each column over
 * all districts to the programs of that tier, which are published (the
 * all-tiers column likewise). Per family of figures (outcome-cells.ts): a
 * district with a small cell in the family is hidden in it whole, every
 * tier and all tiers, so no row is a complement of another; then, per
 * column and count, the hidden districts (with the teachers of no district
 * and the programs hidden nationally) must hold at least k between them
 * (kit hideAmongParts), else more districts are hidden, the smallest first.
 * A district's years add up to its all-years mean gain: a small year is
 * hidden with other years holding k between them, else the district's
 * means are hidden. A mean is shown only where its count is, so hidden sums
 * follow the pattern of hidden counts.
 */
export class DistrictOutcomes {
  private readonly cells = new CellMap();
  private readonly hidden = new Map<string, Set<Family>>();
  private readonly hiddenYears = new Set<string>();
  /** Highest completed tier (rank) per teacher: for all years (key 0) and per year. */
  private readonly highest = new Map<string, Map<number, number>>();

  constructor(
    national: NationalOutcomes,
    private readonly partition: ReadonlyMap<string, readonly string[]>,
    private readonly min: number,
  ) {
    const districtOf = new Map<string, string>();
    for (const [code, keys] of partition) for (const k of keys) districtOf.set(k.toLowerCase(), code);
    const programs = new Map(national.rows.programs.map((p) => [p.id, p]));
    const years = new Set<number>();
    for (const a of national.rows.assessments) {
      const d = districtOf.get(a.teacherId) ?? OUTSIDE;
      const program = programs.get(a.programId);
      if (!program) continue;
      years.add(a.year);
      for (const key of [`${d}:${program.tier}`, `${d}:all`, `${d}:year:${a.year}`]) this.cells.at(key).addAssessment(a);
      if (a.passed && program.tiered) {
        const rank = TIER_ORDER.indexOf(program.tier) + 1;
        const byYear = this.highest.get(a.teacherId) ?? new Map<number, number>();
        for (const y of [0, a.year]) byYear.set(y, Math.max(byYear.get(y) ?? 0, rank));
        this.highest.set(a.teacherId, byYear);
      }
    }
    for (const f of national.rows.followUps) {
      const program = programs.get(f.programId);
      if (!program) continue;
      const d = districtOf.get(f.teacherId) ?? OUTSIDE;
      for (const key of [`${d}:${program.tier}`, `${d}:all`]) this.cells.at(key).addFollowUp(f);
    }
    const codes = [...partition.keys()];
    // A district whose years cannot be protected under a shown all-years mean hides its means in every tier.
    const meansPrimary = new Set(codes.filter((code) => !this.protectYears(code, years)));
    for (const tier of TIER_ORDER) {
      const failed = protectFamilies(
        (family) => [
          ...codes.map((code): CellPart => ({
            id: `${code}@${tier}`,
            cells: [this.cell(code, tier)],
            published: true,
            cost: this.cell(code, 'all').assessed,
            primaryIn: meansPrimary.has(code) ? ['means'] : [],
          })),
          { id: `${OUTSIDE}@${tier}`, cells: [this.cell(OUTSIDE, tier)], published: false, cost: 0 },
          // Programs hidden nationally: the column's total is unknown by as much.
          ...national.rows.programs
            .filter((p) => p.tier === tier && national.hidden.get(`program:${p.id}`)?.has(family))
            .map((p) => ({ id: `program:${p.id}`, cells: [national.cells.get(`program:${p.id}`) ?? EMPTY], published: false, cost: 0 })),
        ],
        this.hidden,
        min,
      );
      for (const code of codes) for (const f of failed) hiddenIn(this.hidden, `${code}@${tier}`).add(f);
    }
    // The all-tiers row is hidden wherever a tier is (else that tier would be the row minus the others). Each hidden tier
    // has complements holding k in its column, whose all-tiers rows are hidden too: the row cannot be had by difference.
    for (const code of codes) {
      const all = hiddenIn(this.hidden, `${code}@all`);
      for (const f of FAMILIES) if (TIER_ORDER.some((t) => this.hidden.get(`${code}@${t}`)?.has(f))) all.add(f);
    }
  }

  /** Hides the small years of a district's mean gain with complements; false when none protects them. */
  private protectYears(code: string, years: ReadonlySet<number>): boolean {
    const parts: Part[] = [...years].map((y) => {
      const c = this.cell(code, `year:${y}`);
      return {
        id: `${code}:${y}`,
        counts: [c.scored],
        primary: hasSmallCount([c.scored, c.gainTeachers.size], this.min),
        published: true,
        cost: c.scored,
      };
    });
    const hidden = hideAmongParts(parts, this.min);
    for (const id of hidden ?? []) this.hiddenYears.add(id);
    return hidden !== null;
  }

  /** The hidden families of a district's tier or all-tiers row; every one for a set of teachers that is no district. */
  private hiddenAt(code: string, column: string): ReadonlySet<Family> {
    return this.partition.has(code) ? (this.hidden.get(`${code}@${column}`) ?? NONE) : ALL_HIDDEN;
  }

  private cell(code: string, column: string): OutcomeCell {
    return this.cells.get(`${code}:${column}`) ?? EMPTY;
  }

  outcomes(code: string): TierOutcomes[] {
    return [...TIER_ORDER, null].map((tier) =>
      Object.assign(new TierOutcomes(), { tier, outcomes: this.cell(code, tier ?? 'all').figures(this.hiddenAt(code, tier ?? 'all')) }),
    );
  }

  coverage(code: string, year: number | null): DistrictCoverage {
    const keys = this.partition.get(code) ?? [];
    const byTier = Object.fromEntries(TIER_ORDER.map((t) => [t, 0])) as Record<TrainingTier, number>;
    for (const k of keys) {
      const rank = this.highest.get(k.toLowerCase())?.get(year ?? 0) ?? 0;
      if (rank > 0) byTier[TIER_ORDER[rank - 1]] += 1;
    }
    const table = tierTable(keys.length, byTier, this.min);
    const cell = this.cell(code, year == null ? 'all' : `year:${year}`);
    const gainHidden = this.hiddenAt(code, 'all').has('means') || (year != null && this.hiddenYears.has(`${code}:${year}`));
    return {
      byHighestTier: TIER_ORDER.map((tier) => Object.assign(new TierCount(), { tier, count: table.get(tier) })),
      meanGain: cell.meanGain(gainHidden),
      suppressed: table.anyHidden([...TIER_ORDER]) || (gainHidden && cell.scored > 0),
    };
  }

  /** The figures of a district without teachers: zeros, nothing hidden. */
  static empty(): DistrictOutcomes {
    return new DistrictOutcomes(new NationalOutcomes({ assessments: [], followUps: [], programs: [] }, 1), new Map([['', []]]), 1);
  }
}
