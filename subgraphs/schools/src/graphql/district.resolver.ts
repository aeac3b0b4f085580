import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { District } from '../entities/district';
import type { SchoolsContext } from '../context';
import { checkAreaCode } from './validation';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => District, { nullable: true, description: 'A district (kabupaten/kota) by its Kemendagri code; null when unknown.' })
  district(
    @Arg('code', () => ID, { description: 'Its Kemendagri code, e.g. "64.71".' }) code: string,
    @Ctx() ctx: SchoolsContext,
  ): Promise<District | null> {
    return ctx.loaders.districtByCode.load(checkAreaCode(code, 'code'));
  }

  @Query(() => [District], { nullable: true, description: 'The districts of the hub, by code.' })
  districts(
    @Arg('provinceCode', () => ID, { nullable: true, description: 'Only the districts of this province, e.g. "64"; all when left out.' })
    provinceCode: string | null,
    @Ctx() ctx: SchoolsContext,
  ): Promise<District[]> {
    const where = provinceCode != null ? { provinceCode: checkAreaCode(provinceCode, 'provinceCode') } : {};
    return ctx.em.find(District, where, { orderBy: { code: 'asc' } });
  }
}
