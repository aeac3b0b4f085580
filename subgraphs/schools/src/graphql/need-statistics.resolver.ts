import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Authorized, COMPETENCY_AREAS, Rule } from '@mitra/kit';
import { District } from '../entities/district';
import type { SchoolsContext } from '../context';
import { NeedCount } from './types/statistics.types';

/** Statistics: any caller with a token (partners and government planners), never anonymous. */
@Authorized(Rule.STATISTICS)
@Resolver(() => District)
export class NeedStatisticsResolver {
  @FieldResolver(() => [NeedCount], {
    nullable: true,
    description:
      'Open training needs of the district\'s schools per area, every area once in the enum\'s order. Counts of teachers from 1 to MIN_CELL_SIZE - 1 are null ("suppressed": true), and so is a zero where a school has an open need in the area.',
  })
  async trainingNeeds(@Root() district: District, @Ctx() ctx: SchoolsContext): Promise<NeedCount[]> {
    // Cells of the protected set of the current data version, like every statistic of this subgraph.
    const { needs } = await ctx.loaders.statistics.data();
    const counts = needs.get(district.code) ?? COMPETENCY_AREAS.map((area) => ({ area, schools: 0, teachers: 0, suppressed: false }));
    return counts.map((c) => Object.assign(new NeedCount(), c));
  }
}
