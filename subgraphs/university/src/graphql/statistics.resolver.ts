import { Ctx, Directive, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { Authorized, Rule } from '@mitra/kit';
import type { UniversityContext } from '../context';
import { TrainingProgram } from '../entities/training-program';
import type { DistrictCoverage } from '../statistics/district-set';
import { TIER_ORDER } from './enums';
import { DistrictRef } from './types/district.ref';
import { TierCount, TierOutcomes, TrainingCoverage, TrainingOutcomes } from './types/statistics.types';
import { TrainingEventRef } from './types/training-event.ref';

/** The university's half of TrainingCoverage: completed tiers and gains of the given teachers. */
@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingCoverage)
export class TrainingCoverageResolver {
  @FieldResolver(() => [TierCount], { description: 'Teachers by highest completed tier (university).' })
  async byHighestTier(@Root() coverage: TrainingCoverage, @Ctx() ctx: UniversityContext): Promise<TierCount[]> {
    return (await coverageOf(coverage, ctx)).byHighestTier;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Mean post-test minus pre-test gain (university); null when suppressed or no data.',
  })
  async meanGain(@Root() coverage: TrainingCoverage, @Ctx() ctx: UniversityContext): Promise<number | null> {
    return (await coverageOf(coverage, ctx)).meanGain;
  }

  /** Read by the skb subgraph's `suppressed` (@requires); never by clients. */
  @FieldResolver(() => Boolean)
  @Directive('@inaccessible')
  async universitySuppressed(@Root() coverage: TrainingCoverage, @Ctx() ctx: UniversityContext): Promise<boolean> {
    return (await coverageOf(coverage, ctx)).suppressed;
  }
}

@Authorized(Rule.STATISTICS)
@Resolver(() => DistrictRef)
export class DistrictOutcomesResolver {
  @FieldResolver(() => [TierOutcomes], {
    description:
      "Whether trainings worked for this district's teachers: outcomes per tier of the program assessed, and for all tiers (tier null).",
  })
  @Directive('@requires(fields: "teacherKeys")')
  async trainingOutcomes(@Root() district: DistrictRef, @Ctx() ctx: UniversityContext): Promise<TierOutcomes[]> {
    const { partition } = ctx.loaders.statistics.set;
    // The gateway's fetch for this partner's own question about the districts (statistics/partition.ts): recorded, not answered.
    if (partition.isProbe(ctx.requestId)) {
      partition.record(ctx.requestId, district.code, district.teacherKeys ?? []);
      return [];
    }
    return ctx.loaders.statistics.districtOutcomes(district.code, district.teacherKeys ?? [], ctx.partners);
  }
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingProgram)
export class ProgramOutcomesResolver {
  @FieldResolver(() => TrainingOutcomes, { description: 'Whether this program worked: pre/post-test results over all its assessments.' })
  async outcomes(@Root() program: TrainingProgram, @Ctx() ctx: UniversityContext): Promise<TrainingOutcomes> {
    return ctx.loaders.statistics.programOutcomes(program.id);
  }
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingEventRef)
export class EventOutcomesResolver {
  @FieldResolver(() => TrainingOutcomes, {
    description: 'Whether this event worked: pre/post-test results of its assessed participants (university).',
  })
  async outcomes(@Root() event: TrainingEventRef, @Ctx() ctx: UniversityContext): Promise<TrainingOutcomes> {
    return ctx.loaders.statistics.eventOutcomes(event.id);
  }
}

/** Figures of a set of teachers that is no district of the schools partner's: nothing to show. */
const NO_DISTRICT: DistrictCoverage = {
  byHighestTier: TIER_ORDER.map((tier) => Object.assign(new TierCount(), { tier, count: null })),
  meanGain: null,
  suppressed: true,
};

async function coverageOf(coverage: TrainingCoverage, ctx: UniversityContext): Promise<DistrictCoverage> {
  return (await ctx.loaders.statistics.coverage(coverage.teacherKeys, coverage.year ?? null, ctx.partners)) ?? NO_DISTRICT;
}
