import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorized, ConflictError, NotFoundError, Rule, newId, recordAudit, requireViewer } from '@mitra/kit';
import { Venue } from '../entities/venue';
import type { SkbContext } from '../context';
import { VenueInput } from './types/venue.input';
import { checkNewVenue } from './validation';

const CREATE_VENUE =
  "Adds a venue of the caller's SKB, which owns it (Venue.owner) and alone runs events there. Its district is checked with the schools partner (NOT_FOUND when unknown); a second venue of the same name at the same SKB is CONFLICT.";

/**
 * The SKB's admin adds the venues it runs events at. Order as in every write:
 * the grant, the input (nothing written), the district through the gateway
 * (before the transaction), then one transaction with its audit row.
 */
@Resolver()
export class VenueWritesResolver {
  @Authorized(Rule.SKB_ADMIN)
  @Mutation(() => Venue, { description: CREATE_VENUE })
  async createVenue(
    @Arg('input', () => VenueInput, { description: 'The venue.' }) input: VenueInput,
    @Ctx() ctx: SkbContext,
  ): Promise<Venue> {
    const viewer = requireViewer(ctx.viewer, 'Mutation.createVenue');
    const fields = checkNewVenue(input);
    // `district` takes a `code`, not an `id`: asked with the key-check query's variable name all the same.
    const { district } = await ctx.partners.query<{ district: { code: string } | null }>(
      'query VenueDistrictCheck($id: ID!) { district(code: $id) { code } }',
      { id: fields.districtCode },
      'input.districtCode',
    );
    if (!district) throw new NotFoundError('District', fields.districtCode, 'input.districtCode');

    return ctx.em.transactional(async (tx) => {
      // Venue names are unique per SKB, letter case aside. No unique index holds that rule (synthetic data sets loaded
      // side by side repeat their venue names), so creates of one SKB take its lock in turn and look before they write.
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`skb.venue-name:${viewer.org}`]);
      const [taken] = await tx.execute<Array<{ name: string }>>(
        'select name from venue where owner_org = ? and lower(name) = lower(?) limit 1',
        [viewer.org, fields.name],
      );
      if (taken) throw new ConflictError(`input.name: ${viewer.org} already has a venue named ${JSON.stringify(taken.name)}`, 'input.name');
      const venue = tx.create(Venue, { id: newId(), ...fields, ownerOrg: viewer.org });
      await recordAudit(tx, viewer, {
        action: 'createVenue',
        entity: 'Venue',
        entityId: venue.id,
        details: { ...fields, ownerOrg: viewer.org },
      });
      await tx.flush();
      return venue;
    });
  }
}
