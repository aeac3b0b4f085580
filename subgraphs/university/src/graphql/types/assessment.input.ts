import { Field, Float, ID, InputType } from 'type-graphql';
import { DateScalar } from '@mitra/kit';

@InputType({ description: "A teacher's results in one of the caller's own programs." })
export class AssessmentInput {
  @Field(() => ID, { description: 'Id of the teacher.' })
  teacherId!: string;

  @Field(() => ID, { description: "Id of one of the caller's own programs." })
  programId!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the event of the program she attended; left out when none.' })
  eventId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Score before the training, 0 to 100 with at most two decimals.' })
  preTestScore?: number | null;

  @Field(() => Float, { nullable: true, description: 'Score after the training, 0 to 100 with at most two decimals.' })
  postTestScore?: number | null;

  @Field(() => Float, { nullable: true, description: 'Score of her practice teaching, 0 to 100 with at most two decimals.' })
  microteachingScore?: number | null;

  @Field({ description: "Whether she passed; must agree with postTestScore and the program's pass mark where both exist." })
  passed!: boolean;

  @Field(() => DateScalar, { description: 'The day of the assessment: from 2000-01-01 to today.' })
  assessedOn!: string;
}
