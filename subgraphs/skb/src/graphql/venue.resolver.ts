import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { OrganizationRef, readRows, requireUuid } from '@mitra/kit';
import { Venue } from '../entities/venue';
import type { SkbContext } from '../context';
import { DistrictRef } from './types/district.ref';

@Resolver(() => Venue)
export class VenueResolver {
  @Query(() => Venue, { nullable: true, description: 'A venue by its id; null when unknown.' })
  venue(@Arg('id', () => ID, { description: 'Its id, a UUID.' }) id: string, @Ctx() ctx: SkbContext): Promise<Venue | null> {
    return ctx.loaders.venueById.load(requireUuid(id, 'id'));
  }

  @Query(() => [Venue], { nullable: true, description: "Every SKB's venues, by name." })
  async venues(@Ctx() ctx: SkbContext): Promise<Venue[]> {
    return readRows(ctx.em, Venue, await ctx.em.getKnex()('venue').orderBy(['name', 'id']));
  }

  @FieldResolver(() => OrganizationRef, { description: 'The SKB that owns the venue.' })
  owner(@Root() venue: Venue): OrganizationRef {
    return OrganizationRef.of(venue.ownerOrg);
  }

  @FieldResolver(() => DistrictRef, { nullable: true, description: 'The district (kabupaten/kota) it is in.' })
  // Its name comes with the venue, from the mirrored catalogue: no extra round trip to the schools partner.
  @Directive('@provides(fields: "name")')
  district(@Root() venue: Venue): DistrictRef {
    return DistrictRef.of(venue.districtCode);
  }
}
