import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Rule } from '@mitra/kit';
import { District } from '../entities/district';
import type { SchoolsContext } from '../context';
import { suppressNeedCounts } from '../statistics/needs';
import { NeedCount } from './types/statistics.types';

/** Statistics: any caller with a token (partners and government planners), never anonymous. */
@Authorized(Rule.STATISTICS)
@Resolver(() => District)
export class NeedStatisticsResolver {
  @FieldResolver(() => [NeedCount], {
    nullable: true,
    description:
      'Open training needs of the district\'s schools per area, every area once in the enum\'s order. Counts of teachers from 1 to MIN_CELL_SIZE - 1 are null ("suppressed": true).',
  })
  async trainingNeeds(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<NeedCount[]> {
    const counts = await ctx.loaders.trainingNeeds.openByDistrict.load(district.code);
    return suppressNeedCounts(counts, ctx.config.minCellSize).map((c) => Object.assign(new NeedCount(), c));
  }
}
