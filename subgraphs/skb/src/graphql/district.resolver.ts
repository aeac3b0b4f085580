import { FieldResolver, Resolver } from 'type-graphql';
import { NotImplementedError } from '@mitra/kit';
import { DistrictRef } from './types/district.ref';
import { TrainingCoverage } from './types/training-coverage.types';

const STATISTICS = 'statistics across partners (issue "Statistics across partners")';

/** What the skb adds to the schools partner's District. */
@Resolver(() => DistrictRef)
export class DistrictResolver {
  @FieldResolver(() => TrainingCoverage, {
    description: 'Training coverage of those same teachers (skb: attendance, university: completed tiers).',
  })
  training(): TrainingCoverage {
    throw new NotImplementedError(`District.training: ${STATISTICS}`);
  }
}
