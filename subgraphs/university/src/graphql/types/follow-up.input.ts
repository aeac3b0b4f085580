import { Field, Float, ID, InputType } from 'type-graphql';
import { CompetencyArea, DateScalar } from '@mitra/kit';
import { FollowUpKind } from '../../entities/follow-up';

@InputType({ description: "A follow-up of a teacher after a training of one of the caller's own programs." })
export class FollowUpInput {
  @Field(() => ID, { description: 'Id of the teacher.' })
  teacherId!: string;

  @Field(() => ID, { description: "Id of one of the caller's own programs." })
  programId!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the event of the program she attended; left out when none.' })
  eventId?: string | null;

  @Field(() => FollowUpKind, { description: 'How she was followed up.' })
  kind!: FollowUpKind;

  @Field(() => DateScalar, { description: 'The day of the visit or observation: after the event, not after today.' })
  visitedOn!: string;

  @Field(() => ID, { nullable: true, description: "Id of one of the caller's own lecturers who did it; left out when not named." })
  mentorId?: string | null;

  @Field(() => CompetencyArea, { nullable: true, description: 'The competency area it looked at; left out when not one.' })
  area?: CompetencyArea | null;

  @Field(() => Float, { nullable: true, description: "Observation score, 0 to 100 on the program's rubric." })
  observationScore?: number | null;
}
