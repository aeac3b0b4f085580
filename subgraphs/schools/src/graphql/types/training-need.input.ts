import { Field, ID, InputType } from 'type-graphql';
import { CompetencyArea, DateScalar } from '@mitra/kit';

@InputType({ description: "A training need the caller's own school states." })
export class TrainingNeedInput {
  @Field(() => ID, { description: "The school's NPSN: the caller's own school." })
  npsn!: string;

  @Field(() => ID, { nullable: true, description: 'A teacher of that school; left out (or null) for a need of the whole school.' })
  teacherId?: string | null;

  @Field(() => CompetencyArea, { description: 'The competency area the training should address.' })
  area!: CompetencyArea;

  @Field(() => DateScalar, { description: 'The day the school stated the need: from 2000-01-01 to today.' })
  statedOn!: string;
}
