import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@mitra/kit';

@InputType()
export class TrainingEventInput {
  @Field()
  title!: string;

  @Field(() => ID)
  programId!: string;

  @Field(() => ID)
  venueId!: string;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar)
  endsOn!: string;

  @Field(() => Int)
  capacity!: number;
}

/** What the SKB may change about an event; a field left out keeps its value. Its status changes through setTrainingEventStatus. */
@InputType({ description: 'Fields left out keep their value.' })
export class TrainingEventUpdateInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => ID, { nullable: true })
  venueId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => Int, { nullable: true })
  capacity?: number | null;
}
