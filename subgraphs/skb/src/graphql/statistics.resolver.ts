import { Authorized, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Rule, SuppressionTable } from '@mitra/kit';
import type { SkbContext } from '../context';
import { trainedCounts } from '../loaders/coverage';
import { DistrictRef } from './types/district.ref';
import { TrainingCoverage } from './types/training-coverage.types';

/** What the skb adds to the schools partner's District: statistics, for any caller with a token. */
@Authorized(Rule.STATISTICS)
@Resolver(() => DistrictRef)
export class DistrictResolver {
  @FieldResolver(() => TrainingCoverage, {
    // Another partner's field: an SKB outage nulls only this part of a district (contract v2).
    nullable: true,
    description: 'Training coverage of those same teachers (skb: attendance, university: completed tiers).',
  })
  @Directive('@requires(fields: "teacherKeys")')
  training(@Root() district: DistrictRef): TrainingCoverage {
    return TrainingCoverage.of(district.teacherKeys ?? []);
  }
}

/** Trained and untrained add up to the group; a small untrained group would otherwise be recoverable. */
async function trainedTable(coverage: TrainingCoverage, ctx: SkbContext): Promise<SuppressionTable> {
  const trained = await trainedCounts(ctx.em).load(coverage.teacherKeys);
  const total = coverage.teacherKeys.length;
  return new SuppressionTable(ctx.config.minCellSize)
    .cell('total', total)
    .cell('trained', trained)
    .cell('untrained', total - trained, false)
    .sum('total', ['trained', 'untrained']);
}

@Authorized(Rule.STATISTICS)
@Resolver(() => TrainingCoverage)
export class TrainingCoverageResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Teachers with at least one attended training event (skb). Null when suppressed.' })
  async teachersTrained(@Root() coverage: TrainingCoverage, @Ctx() ctx: SkbContext): Promise<number | null> {
    return (await trainedTable(coverage, ctx)).get('trained');
  }

  @FieldResolver(() => Boolean, { description: 'True when at least one figure here was withheld because its group is too small.' })
  @Directive('@requires(fields: "universitySuppressed")')
  async suppressed(@Root() coverage: TrainingCoverage, @Ctx() ctx: SkbContext): Promise<boolean> {
    return (await trainedTable(coverage, ctx)).isHidden('trained') || coverage.universitySuppressed === true;
  }
}
