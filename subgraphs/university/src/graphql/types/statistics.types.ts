import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { TeacherSetKey } from '@mitra/kit';
import { TrainingTier } from '../enums';

@ObjectType({ description: 'Teachers whose highest completed tier is one tier.' })
export class TierCount {
  @Field(() => TrainingTier, { description: 'The tier.' })
  tier!: TrainingTier;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed for privacy.' })
  count!: number | null;
}

/** Training coverage of a set of teachers: the university's half (see the skb subgraph for attendance). */
@ObjectType({
  description:
    "Training coverage of a district's teachers: attendance from the SKB partner, completed tiers and gains from the university partner. Small groups are suppressed.",
})
@Directive('@key(fields: "teacherKeys year")')
export class TrainingCoverage extends TeacherSetKey {
  /** District.training(year) (skb): only assessments assessed in that year count; null for all years (internal). */
  @Field(() => Int, { nullable: true })
  @Directive('@inaccessible')
  year?: number | null;

  static of(teacherKeys: string[], year?: number | null): TrainingCoverage {
    return Object.assign(new TrainingCoverage(), { teacherKeys, year: year ?? null });
  }
}

@ObjectType({ description: 'Whether a training worked: pre/post-test results of the assessed participants. Small groups are suppressed.' })
export class TrainingOutcomes {
  @Field(() => Int, { nullable: true, description: 'Assessments recorded. Null when suppressed.' })
  assessed!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean pre-test score (0..100) over the assessments with both scores. Null when suppressed.',
  })
  meanPreTest!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean post-test score (0..100) over the assessments with both scores. Null when suppressed.',
  })
  meanPostTest!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of post-test minus pre-test over assessments with both.' })
  meanGain!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of assessments passed, 0..1.' })
  passRate!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Teachers observed or mentored at least 30 days after the event (after its last day; without an event, after her first assessment of the program). Null when suppressed.',
  })
  followedUp!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mean observation score (0..100) of those follow-ups. Null when suppressed or none was scored.',
  })
  meanFollowUpScore!: number | null;

  @Field({ description: 'True when at least one figure here was withheld because its group is too small.' })
  suppressed!: boolean;
}

@ObjectType({ description: 'Training outcomes of the programs of one tier, or of all tiers together.' })
export class TierOutcomes {
  @Field(() => TrainingTier, { nullable: true, description: 'Null for all tiers together.' })
  tier!: TrainingTier | null;

  @Field(() => TrainingOutcomes, { description: 'The outcomes.' })
  outcomes!: TrainingOutcomes;
}
