import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { TrainingTier } from '../enums';

@InputType()
export class TrainingProgramInput {
  @Field()
  code!: string;

  @Field()
  title!: string;

  @Field(() => TrainingTier)
  tier!: TrainingTier;

  @Field(() => Int)
  hours!: number;

  @Field(() => ID, { nullable: true })
  prerequisiteId?: string | null;

  @Field(() => Float, { nullable: true })
  passMark?: number | null;

  /** A tier of the Diklat Berjenjang (true, the default), or a technical bimtek that completes no tier (false). */
  @Field(() => Boolean, { nullable: true })
  tiered?: boolean | null;
}
