import { Arg, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Authorized, DISTRICT_TRAINING_DESCRIPTION, Rule, TRAINING_YEAR_DESCRIPTION, requireTrainingYear } from '@mitra/kit';
import { DistrictRef } from './types/district.ref';
import { TrainingCoverage } from './types/statistics.types';

/**
 * The university's way into a district's training coverage: the same
 * `District.training(year)` the skb resolves (@shareable), from the schools'
 * teacher keys directly. The gateway then asks this partner and the skb at
 * the same time; before, the university's figures hung off the skb's
 * TrainingCoverage and waited for it (one more round trip between
 * institutions). The figures themselves are TrainingCoverageResolver's.
 */
@Authorized(Rule.STATISTICS)
@Resolver(() => DistrictRef)
export class DistrictTrainingResolver {
  @FieldResolver(() => TrainingCoverage, {
    // Another partner's field: an outage nulls only this part of a district (contract v2).
    nullable: true,
    description: DISTRICT_TRAINING_DESCRIPTION,
  })
  @Directive('@requires(fields: "teacherKeys")')
  @Directive('@shareable')
  training(
    @Root() district: DistrictRef,
    @Arg('year', () => Int, { nullable: true, description: TRAINING_YEAR_DESCRIPTION })
    year?: number | null,
  ): TrainingCoverage {
    return TrainingCoverage.of(district.teacherKeys ?? [], requireTrainingYear(year));
  }
}
