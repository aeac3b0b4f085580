import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { District } from '../entities/district';
import type { SchoolsContext } from '../context';
import { checkAreaCode } from './validation';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => District, { nullable: true })
  district(@Arg('code', () => ID) code: string, @Ctx() ctx: SchoolsContext): Promise<District | null> {
    return ctx.loaders.districtByCode.load(checkAreaCode(code, 'code'));
  }

  @Query(() => [District], { nullable: true })
  districts(
    @Arg('provinceCode', () => ID, { nullable: true }) provinceCode: string | null,
    @Ctx() ctx: SchoolsContext,
  ): Promise<District[]> {
    const where = provinceCode != null ? { provinceCode: checkAreaCode(provinceCode, 'provinceCode') } : {};
    return ctx.em.find(District, where, { orderBy: { code: 'asc' } });
  }
}
