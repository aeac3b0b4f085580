import { FieldResolver, Resolver, Root } from 'type-graphql';
import { OrganizationRef } from '@mitra/kit';
import { Partnership } from '../entities/partnership';
import { isActive, partnershipToday } from '../entities/partnership-term';
import { SchoolRef } from './types/school.ref';

@Resolver(() => Partnership)
export class PartnershipResolver {
  @FieldResolver(() => Boolean, { description: 'True when today (WITA) lies between signedOn and validUntil (open-ended when null).' })
  active(@Root() partnership: Partnership): boolean {
    return isActive(partnership, partnershipToday());
  }

  @FieldResolver(() => OrganizationRef, { description: 'The university or training provider that signed the agreement.' })
  provider(@Root() partnership: Partnership): OrganizationRef {
    return OrganizationRef.of(partnership.providerOrg);
  }

  @FieldResolver(() => SchoolRef, { nullable: true, description: 'The partner school (schools).' })
  school(@Root() partnership: Partnership): SchoolRef {
    return SchoolRef.of(partnership.schoolNpsn);
  }
}
