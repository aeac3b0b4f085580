import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { TrainingTier } from '../enums';

@InputType({ description: 'A new training program of the caller.' })
export class TrainingProgramInput {
  @Field({ description: 'Unique code: 1 to 40 capital letters, digits, ".", "_", "/" or "-", e.g. "DB-PAUD-01".' })
  code!: string;

  @Field({ description: 'Title, 1 to 200 characters.' })
  title!: string;

  @Field(() => TrainingTier, { description: 'The tier it belongs to.' })
  tier!: TrainingTier;

  @Field(() => Int, { description: 'Total hours of learning, 1 to 1000.' })
  hours!: number;

  @Field(() => ID, {
    nullable: true,
    description: "One of the caller's own programs of a lower tier, to complete first; left out when none.",
  })
  prerequisiteId?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Post-test score (0 to 100) at or above which an assessment passes; left out when none.',
  })
  passMark?: number | null;

  /** A tier of the Diklat Berjenjang (true, the default), or a technical bimtek that completes no tier (false). */
  @Field(() => Boolean, {
    nullable: true,
    description: 'A tier of the Diklat Berjenjang (true, the default), or a technical bimtek that completes no tier (false).',
  })
  tiered?: boolean | null;
}
