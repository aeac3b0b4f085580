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
