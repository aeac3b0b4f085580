import { Field, Float, ID, InputType } from 'type-graphql';
import { DateScalar } from '@mitra/kit';

@InputType()
export class AssessmentInput {
  @Field(() => ID)
  teacherId!: string;

  @Field(() => ID)
  programId!: string;

  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @Field(() => Float, { nullable: true })
  preTestScore?: number | null;

  @Field(() => Float, { nullable: true })
  postTestScore?: number | null;

  @Field(() => Float, { nullable: true })
  microteachingScore?: number | null;

  @Field()
  passed!: boolean;

  @Field(() => DateScalar)
  assessedOn!: string;
}
