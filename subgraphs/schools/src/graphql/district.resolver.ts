import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver } from 'type-graphql';
import { NotImplementedError } from '@mitra/kit';
import { District } from '../entities/district';
import type { SchoolsContext } from '../context';
import { StatisticsGrouping } from './enums';
import { QualificationBreakdown, QualificationStatistics, StatisticsFilter } from './types/statistics.types';
import { checkAreaCode } from './validation';

const STATISTICS = 'statistics across partners (issue "Statistics across partners")';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => District, { nullable: true })
  district(@Arg('code', () => ID) code: string, @Ctx() ctx: SchoolsContext): Promise<District | null> {
    return ctx.loaders.districtByCode.load(checkAreaCode(code, 'code'));
  }

  @Query(() => [District])
  districts(
    @Arg('provinceCode', () => ID, { nullable: true }) provinceCode: string | null,
    @Ctx() ctx: SchoolsContext,
  ): Promise<District[]> {
    const where = provinceCode != null ? { provinceCode: checkAreaCode(provinceCode, 'provinceCode') } : {};
    return ctx.em.find(District, where, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Teachers registered at schools in this district (schools).' })
  teacherCount(): number {
    throw new NotImplementedError(`District.teacherCount: ${STATISTICS}`);
  }

  @FieldResolver(() => QualificationBreakdown, { description: 'Qualification profile of those teachers (schools).' })
  qualifications(): QualificationBreakdown {
    throw new NotImplementedError(`District.qualifications: ${STATISTICS}`);
  }

  @Query(() => QualificationStatistics)
  qualificationStatistics(
    @Arg('groupBy', () => StatisticsGrouping) _groupBy: StatisticsGrouping,
    @Arg('filter', () => StatisticsFilter, { nullable: true }) _filter: StatisticsFilter | null,
  ): QualificationStatistics {
    throw new NotImplementedError(`qualificationStatistics: ${STATISTICS}`);
  }
}
