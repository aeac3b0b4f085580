import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { TrainingTier } from '../enums';

// Temporary value types with the contract's fields; the statistics issue
// ("Statistics across partners") gives TrainingCoverage a key shared with the
// university. @shareable because the university may declare the same types
// meanwhile (the contract lists them in its section).

@ObjectType()
@Directive('@shareable')
export class TierCount {
  @Field(() => TrainingTier)
  tier!: TrainingTier;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed for privacy.' })
  count!: number | null;
}

@ObjectType()
@Directive('@shareable')
export class TrainingCoverage {
  @Field(() => Int, { nullable: true, description: 'Teachers with at least one attended training event (skb). Null when suppressed.' })
  teachersTrained!: number | null;

  @Field(() => [TierCount], { description: 'Teachers by highest completed tier (university).' })
  byHighestTier!: TierCount[];

  @Field(() => Float, { nullable: true, description: 'Mean post-test minus pre-test gain (university); null when suppressed or no data.' })
  meanGain!: number | null;

  @Field()
  suppressed!: boolean;
}
