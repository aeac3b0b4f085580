import { Authorized, Ctx, Directive, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { Rule } from '@mitra/kit';
import type { UniversityContext } from '../context';
import { TrainingProgram } from '../entities/training-program';
import { meanGain, outcomesByTier, tierCounts, toOutcomes, universitySuppressed } from '../statistics/tables';
import { DistrictRef } from './types/district.ref';
import { TierCount, TierOutcomes, TrainingCoverage, TrainingOutcomes } from './types/statistics.types';
import { TrainingEventRef } from './types/training-event.ref';

/** The university's half of TrainingCoverage: completed tiers and gains of the given teachers. */
@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingCoverage)
export class TrainingCoverageResolver {
  @FieldResolver(() => [TierCount], { description: 'Teachers by highest completed tier (university).' })
  async byHighestTier(@Root() coverage: TrainingCoverage, @Ctx() ctx: UniversityContext): Promise<TierCount[]> {
    return tierCounts(await ctx.loaders.statistics.coverage.load(coverage), ctx.config.minCellSize);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Mean post-test minus pre-test gain (university); null when suppressed or no data.',
  })
  async meanGain(@Root() coverage: TrainingCoverage, @Ctx() ctx: UniversityContext): Promise<number | null> {
    return meanGain(await ctx.loaders.statistics.coverage.load(coverage), ctx.config.minCellSize);
  }

  /** Read by the skb subgraph's `suppressed` (@requires); never by clients. */
  @FieldResolver(() => Boolean)
  @Directive('@inaccessible')
  async universitySuppressed(@Root() coverage: TrainingCoverage, @Ctx() ctx: UniversityContext): Promise<boolean> {
    return universitySuppressed(await ctx.loaders.statistics.coverage.load(coverage), ctx.config.minCellSize);
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
    return outcomesByTier(
      await ctx.loaders.statistics.coverage.load({ teacherKeys: district.teacherKeys ?? [], year: null }),
      ctx.config.minCellSize,
    );
  }
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingProgram)
export class ProgramOutcomesResolver {
  @FieldResolver(() => TrainingOutcomes, { description: 'Whether this program worked: pre/post-test results over all its assessments.' })
  async outcomes(@Root() program: TrainingProgram, @Ctx() ctx: UniversityContext): Promise<TrainingOutcomes> {
    return toOutcomes(await ctx.loaders.statistics.outcomesByProgram.load(program.id), ctx.config.minCellSize);
  }
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingEventRef)
export class EventOutcomesResolver {
  @FieldResolver(() => TrainingOutcomes, {
    description: 'Whether this event worked: pre/post-test results of its assessed participants (university).',
  })
  async outcomes(@Root() event: TrainingEventRef, @Ctx() ctx: UniversityContext): Promise<TrainingOutcomes> {
    return toOutcomes(await ctx.loaders.statistics.outcomesByEvent.load(event.id), ctx.config.minCellSize);
  }
}
