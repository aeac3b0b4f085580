import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Partnership } from '../entities/partnership';
import { isActive, partnershipToday } from '../entities/partnership-term';

@Resolver(() => Partnership)
export class PartnershipResolver {
  @FieldResolver(() => Boolean, { description: 'True when today (WITA) lies between signedOn and validUntil (open-ended when null).' })
  active(@Root() partnership: Partnership): boolean {
    return isActive(partnership, partnershipToday());
  }
}
