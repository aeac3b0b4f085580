import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { OrganizationRef, requireUuid } from '@mitra/kit';
import { Venue } from '../entities/venue';
import type { SkbContext } from '../context';
import { DistrictRef } from './types/district.ref';

@Resolver(() => Venue)
export class VenueResolver {
  @Query(() => Venue, { nullable: true })
  venue(@Arg('id', () => ID) id: string, @Ctx() ctx: SkbContext): Promise<Venue | null> {
    return ctx.loaders.venueById.load(requireUuid(id, 'id'));
  }

  @Query(() => [Venue], { nullable: true })
  venues(@Ctx() ctx: SkbContext): Promise<Venue[]> {
    return ctx.em.find(Venue, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  @FieldResolver(() => OrganizationRef, { description: 'The SKB that owns the venue.' })
  owner(@Root() venue: Venue): OrganizationRef {
    return OrganizationRef.of(venue.ownerOrg);
  }

  @FieldResolver(() => DistrictRef, { nullable: true })
  district(@Root() venue: Venue): DistrictRef {
    return DistrictRef.of(venue.districtCode);
  }
}
