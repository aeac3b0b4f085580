import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@mitra/kit';

@InputType({ description: "A training event to schedule at one of the caller's SKB's venues." })
export class TrainingEventInput {
  @Field({ description: 'Title, 1 to 200 characters.' })
  title!: string;

  @Field(() => ID, { description: "Id of the university's or provider's training program it runs." })
  programId!: string;

  @Field(() => ID, { description: "Id of one of the caller's SKB's venues." })
  venueId!: string;

  @Field(() => DateScalar, { description: 'First day.' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Last day: not before startsOn, at most 366 days in all.' })
  endsOn!: string;

  @Field(() => Int, { description: 'Seats: at least 1, at most what the venue holds.' })
  capacity!: number;
}

/** What the SKB may change about an event; a field left out keeps its value. Its status changes through setTrainingEventStatus. */
@InputType({ description: 'Fields left out keep their value.' })
export class TrainingEventUpdateInput {
  @Field(() => String, { nullable: true, description: 'New title, 1 to 200 characters.' })
  title?: string | null;

  @Field(() => ID, { nullable: true, description: "Another of the caller's SKB's venues." })
  venueId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New first day.' })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'New last day.' })
  endsOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'New number of seats: at most what the venue holds.' })
  capacity?: number | null;
}
