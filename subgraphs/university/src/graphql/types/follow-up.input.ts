import { Field, Float, ID, InputType } from 'type-graphql';
import { CompetencyArea, DateScalar } from '@mitra/kit';
import { FollowUpKind } from '../../entities/follow-up';

@InputType()
export class FollowUpInput {
  @Field(() => ID)
  teacherId!: string;

  @Field(() => ID)
  programId!: string;

  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @Field(() => FollowUpKind)
  kind!: FollowUpKind;

  @Field(() => DateScalar)
  visitedOn!: string;

  @Field(() => ID, { nullable: true })
  mentorId?: string | null;

  @Field(() => CompetencyArea, { nullable: true })
  area?: CompetencyArea | null;

  @Field(() => Float, { nullable: true })
  observationScore?: number | null;
}
